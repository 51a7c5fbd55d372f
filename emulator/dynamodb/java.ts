/** Finds a Java runtime able to run DynamoDB Local (it needs Java 17 or newer). */
import { spawnSync } from 'node:child_process';
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import { writeWhole } from '../cache-files.ts';

/** Where found Javas are remembered across starts (see probeJava). */
const CACHE_FILE = resolve(import.meta.dirname, '..', '..', '.local', 'java', 'probes.json');

export const MIN_JAVA = 17;

export type JavaProbe =
  | { found: true; command: string; version: number; versionText: string }
  | { found: false; reason: string };

/** `java -version` prints to stderr, e.g. `openjdk version "17.0.15" 2025-04-15`. */
export function parseJavaVersion(text: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(text);
  if (!match?.[1]) return undefined;
  const major = Number(match[1]);
  // Java 8 and older report themselves as 1.x.
  return major === 1 && match[2] ? Number(match[2]) : major;
}

const probed = new Map<string, JavaProbe>();

/**
 * What `java -version` says, asked once per command and process, and remembered across starts
 * for a Java that was found: each question costs a JVM start (~50 ms), on the way to starting
 * DynamoDB Local. A remembered answer holds while the binary the command resolves to (through
 * PATH and symlinks, e.g. /etc/alternatives) is the same file, with the same size and mtime.
 */
export function probeJava(
  command = process.env.JAVA_HOME ? `${process.env.JAVA_HOME}/bin/java` : 'java',
  cacheFile = CACHE_FILE,
): JavaProbe {
  const known = probed.get(command);
  if (known) return known;
  const binary = identify(command);
  const cache = readCache(cacheFile);
  const remembered = binary ? cache[command] : undefined;
  const probe =
    remembered && remembered.binary === binary && remembered.probe.found
      ? remembered.probe
      : runProbe(command);
  if (binary && probe.found && remembered?.binary !== binary) {
    writeCache(cacheFile, { ...cache, [command]: { binary, probe } });
  }
  probed.set(command, probe);
  return probe;
}

type ProbeCache = Record<string, { binary: string; probe: JavaProbe }>;

/** The file `command` runs, with its size and mtime; undefined when it cannot be found. */
function identify(command: string): string | undefined {
  const candidates =
    command.includes('/') || isAbsolute(command)
      ? [command]
      : (process.env.PATH ?? '').split(delimiter).map((dir) => join(dir || '.', command));
  for (const candidate of candidates) {
    try {
      const real = realpathSync(candidate);
      const stat = statSync(real);
      if (stat.isFile()) return `${real}:${stat.size}:${stat.mtimeMs}`;
    } catch {
      // Not there: the next PATH entry.
    }
  }
  return undefined;
}

function readCache(file: string): ProbeCache {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as ProbeCache;
  } catch {
    return {};
  }
}

function writeCache(file: string, cache: ProbeCache): void {
  // Only ever a faster start: a cache that cannot be written changes nothing else.
  try {
    writeWhole(file, JSON.stringify(cache));
  } catch {
    // Left as it was.
  }
}

function runProbe(command: string): JavaProbe {
  const result = spawnSync(command, ['-version'], { encoding: 'utf8', timeout: 10_000 });
  if (result.error) return { found: false, reason: `no Java found (${command}: ${result.error.message})` };
  const text = `${result.stderr}${result.stdout}`;
  const version = parseJavaVersion(text);
  const versionText = text.split('\n')[0]?.trim() ?? '';
  if (version === undefined)
    return { found: false, reason: `could not read the Java version from "${versionText}"` };
  if (version < MIN_JAVA) {
    return {
      found: false,
      reason: `Java ${version} found (${versionText}), DynamoDB Local needs Java ${MIN_JAVA}+`,
    };
  }
  return { found: true, command, version, versionText };
}
