/**
 * Korean particles after a value (issue 17): `"${word}"을` reads "사과을" when the word is 사과.
 * Every Korean line that puts a particle right after an interpolation must go through
 * `withParticle`, which picks it from the value. This scans the sources of the lessons, the
 * pitfall demos and their commands for a template that still writes one by hand.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withParticle } from './i18n.ts';

const ROOT = join(import.meta.dirname, '..', '..');

/** Particles whose form depends on the last sound of the word before them. */
const PARTICLE = /^["'”’`\]]?(을|를|이|가|은|는|와|과|으로|로)(?![가-힣])/;

function sources(): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      // A learner's exercise and its solution are code the learner writes: no Korean lines there.
      if (entry.isDirectory()) {
        if (!['exercise', 'solution', 'node_modules'].includes(entry.name)) walk(path);
      } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) files.push(path);
    }
  };
  walk(join(ROOT, 'lessons'));
  for (const name of readdirSync(join(ROOT, 'scripts')))
    if (/^(lesson|pitfall)s?\.ts$/.test(name)) files.push(join(ROOT, 'scripts', name));
  return files;
}

interface Scan {
  interpolations: number;
  handWritten: string[];
}

/** Finds each `${…}` (braces counted, so `${f({ a })}` is one), and what follows its `}`. */
function scanTemplates(text: string, file = 'text'): Scan {
  const scan: Scan = { interpolations: 0, handWritten: [] };
  for (let start = text.indexOf('${'); start !== -1; start = text.indexOf('${', start + 2)) {
    let depth = 0;
    let end = start + 1;
    for (; end < text.length; end++) {
      if (text[end] === '{') depth++;
      else if (text[end] === '}' && --depth === 0) break;
    }
    scan.interpolations++;
    const after = text.slice(end + 1, end + 8);
    const particle = PARTICLE.exec(after);
    if (particle) {
      const line = text.slice(0, start).split('\n').length;
      scan.handWritten.push(`${file}:${line}: ${text.slice(start, end + 1)}${particle[0]}`);
    }
  }
  return scan;
}

describe('Korean particles after values', () => {
  it('picks the particle from how the value is read', () => {
    expect(withParticle('"사과"', '은/는')).toBe('"사과"는');
    expect(withParticle('"바나나"', '을/를')).toBe('"바나나"를');
    expect(withParticle('"사람"', '을/를')).toBe('"사람"을');
    expect(withParticle('사랑', '으로/로')).toBe('사랑으로');
    expect(withParticle('길', '으로/로')).toBe('길로');
    // Latin words as a Korean developer says them.
    expect(withParticle('User', '이/가')).toBe('User가'); // 유저
    expect(withParticle('Table', '이/가')).toBe('Table이'); // 테이블
    expect(withParticle('lessons/01-iam/exercise', '을/를')).toBe('lessons/01-iam/exercise를');
    expect(withParticle('room-index', '이/가')).toBe('room-index가'); // 인덱스
    expect(withParticle('Game', '은/는')).toBe('Game은'); // 게임
    expect(withParticle('RoomChat', '이/가')).toBe('RoomChat이'); // 룸챗
    expect(withParticle('IAM', '을/를')).toBe('IAM을'); // 아이엠
    expect(withParticle('$default', '으로/로')).toBe('$default로'); // 디폴트
    expect(withParticle('at0qlq', '을/를')).toBe('at0qlq를'); // …큐
    // Digits as Korean numbers: 삼, 이, 팔, 십.
    expect(withParticle('3', '을/를')).toBe('3을');
    expect(withParticle('2', '을/를')).toBe('2를');
    expect(withParticle('WORDS[8]', '은/는')).toBe('WORDS[8]은');
    expect(withParticle('10', '이/가')).toBe('10이');
  });

  it('finds a hand-written particle after an interpolation, and counts what it read', () => {
    const scan = scanTemplates(
      '`"${word}"을 ${f({ a: 1 })}가 ${n}개 "${w}"라고 ${withParticle(x, \'을/를\')} 봄`',
    );
    expect(scan.interpolations).toBe(5);
    expect(scan.handWritten).toEqual(['text:1: ${word}"을', 'text:1: ${f({ a: 1 })}가']);
  });

  it('leaves none in the lessons, the pitfall demos and their commands', () => {
    const files = sources();
    let interpolations = 0;
    const handWritten: string[] = [];
    for (const file of files) {
      const shown = relative(ROOT, file);
      const scan = scanTemplates(readFileSync(file, 'utf8'), shown);
      interpolations += scan.interpolations;
      handWritten.push(...scan.handWritten);
    }
    // The scan read the real sources: the lessons, the demos and the four scripts.
    expect(files.length).toBeGreaterThan(60);
    expect(files.some((f) => f.endsWith('scripts/lesson.ts'))).toBe(true);
    expect(interpolations).toBeGreaterThan(500);
    expect(handWritten, 'use withParticle(value, "을/를") from lessons/runner/i18n.ts').toEqual([]);
  });
});
