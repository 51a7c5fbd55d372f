/** The machine a run happened on, for the report: numbers mean little without it. */
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, release, totalmem } from 'node:os';

export interface Machine {
  cpu: string;
  cores: number;
  memory_gb: number;
  kernel: string;
  node: string;
  java: string;
  /** The commit measured, with `+dirty` when the working tree had changes. */
  commit: string;
  /** 1-minute load average when the run started: above the core count, others were busy too. */
  load_at_start: number;
}

function commit(): string {
  try {
    const sha = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
      encoding: 'utf8',
    }).trim();
    return dirty ? `${sha}+dirty` : sha;
  } catch {
    return 'unknown';
  }
}

function javaVersion(): string {
  try {
    // `java -version` writes to stderr.
    const out = execFileSync('sh', ['-c', 'java -version 2>&1'], { encoding: 'utf8' });
    return out.split('\n')[0]?.trim() ?? '';
  } catch {
    return 'not found';
  }
}

export function describeMachine(): Machine {
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    memory_gb: Math.round(totalmem() / 2 ** 30),
    kernel: `Linux ${release()}`,
    node: process.version,
    java: javaVersion(),
    commit: commit(),
    load_at_start: Math.round((loadavg()[0] ?? 0) * 10) / 10,
  };
}
