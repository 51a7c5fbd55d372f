/** Finds a Java runtime able to run DynamoDB Local (it needs Java 17 or newer). */
import { spawnSync } from 'node:child_process';

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

/** Asked once per command and process: each answer costs a JVM start (~50 ms), and a start asked twice. */
export function probeJava(
  command = process.env.JAVA_HOME ? `${process.env.JAVA_HOME}/bin/java` : 'java',
): JavaProbe {
  const known = probed.get(command);
  if (known) return known;
  const probe = runProbe(command);
  probed.set(command, probe);
  return probe;
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
