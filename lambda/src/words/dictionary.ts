/**
 * Nouns from the Korean Hunspell dictionary (npm `dictionary-ko`, from spellcheck-ko's
 * hunspell-dict-ko; its built files are GPL-3.0, see lambda/README.md). It is read at seed time
 * only, never bundled into the Lambda.
 *
 * The .dic stores words as decomposed jamo (NFD) with a numeric affix-alias (`사람/10`). The .aff
 * has no part-of-speech labels, so the noun test is inferred from the data: every alias whose flag
 * set contains flag 9 marks an ordinary noun that takes postpositions (사람, 서랍, 초심, 강아지),
 * while aliases that also carry flag 13 mark bound nouns and counters (개월, 명, 번째); verbs,
 * adjectives, adverbs and pronouns carry neither. unit tests pin this with known words.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { isHangulWord } from '../rules/consonants.ts';

const NOUN_FLAG = 9;
const BOUND_NOUN_FLAG = 13;

export interface DictionaryFiles {
  dic: string;
  aff: string;
  version: string;
}

export function dictionaryFiles(): DictionaryFiles {
  const require = createRequire(import.meta.url);
  const dir = dirname(require.resolve('dictionary-ko'));
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string };
  return { dic: join(dir, 'index.dic'), aff: join(dir, 'index.aff'), version: pkg.version };
}

/** Flag sets by alias number (1-based, in `AF` line order), from the .aff text. */
export function parseAffixAliases(aff: string): Map<number, Set<number>> {
  const aliases = new Map<number, Set<number>>();
  let index = 0;
  let header = true;
  for (const line of aff.split('\n')) {
    if (!line.startsWith('AF ')) continue;
    // The first AF line holds the count, not a flag set.
    if (header) {
      header = false;
      continue;
    }
    index += 1;
    const flags = (line.slice(3).trim().split(/\s+/)[0] ?? '').split(',').map(Number);
    aliases.set(index, new Set(flags));
  }
  return aliases;
}

/**
 * Every noun of two or more syllables, NFC, Hangul only (entries such as `1루` are left out,
 * since no one can type a consonant pattern for them).
 */
export function parseNouns(dic: string, aff: string): Set<string> {
  const aliases = parseAffixAliases(aff);
  const isNounAlias = new Map<string, boolean>();
  for (const [alias, flags] of aliases) {
    isNounAlias.set(String(alias), flags.has(NOUN_FLAG) && !flags.has(BOUND_NOUN_FLAG));
  }
  const nouns = new Set<string>();
  const lines = dic.split('\n');
  // Line 1 is the entry count.
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const slash = line.indexOf('/');
    if (slash < 0 || !isNounAlias.get(line.slice(slash + 1).trim())) continue;
    const word = line.slice(0, slash).normalize('NFC');
    if (word.length >= 2 && isHangulWord(word)) nouns.add(word);
  }
  return nouns;
}

export function loadDictionaryNouns(files: DictionaryFiles = dictionaryFiles()): Set<string> {
  return parseNouns(readFileSync(files.dic, 'utf8'), readFileSync(files.aff, 'utf8'));
}
