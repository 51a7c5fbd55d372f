/** What every scenario gets and gives back. */
import type { RuntimeName } from '../runtimes.ts';

export const SCENARIO_NAMES = [
  'ready',
  'connect',
  'connect-rate',
  'echo',
  'broadcast',
  'race',
  'memory',
  'flood',
  'reclaim',
  'lesson',
] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

export interface Plan {
  repetitions: number;
  /** Serial handshakes for connect latency. */
  connectSamples: number;
  echoSamples: number;
  broadcastSizes: number[];
  broadcastSamples: number;
  raceClients: number;
  raceRounds: number;
  /** Connections opened at `connectRate` per second and then held (connect-rate and memory). */
  capacity: number;
  connectRate: number;
  /** Joins (Lambda invocations on the app runtimes) in flight at once while filling a room. */
  setupConcurrency: number;
  /** Messages one socket sends at once in the flood scenario. */
  floodMessages: number;
  /** The victim's chats timed during the flood, one after another. */
  floodSamples: number;
  /** Upper bound for one sample (one broadcast, one race round). */
  sampleTimeoutMs: number;
  /** Upper bound for one handshake, and for one join while a room fills (setup, not measured). */
  handshakeTimeoutMs: number;
  /** Longest wait for the runtime's process tree to go quiet between steps. */
  idleTimeoutMs: number;
  /**
   * The emulator runtimes start with `--idle-instance-ms` this long, so `reclaim` can see their
   * Lambda instances given back. Long enough that no instance is reclaimed between two steps.
   */
  idleInstanceMs: number;
}

export interface Context {
  runtime: RuntimeName;
  wsUrl: string;
  /** Root of the runtime's process tree. */
  pid: number;
  plan: Plan;
  /** RSS of the idle tree right after READY, in MB (what `reclaim` compares to). */
  readyRssMb: number;
  /** Unique per runtime start: room names never collide. */
  tag: string;
  log: (line: string) => void;
}

export interface Measurement {
  scenario: ScenarioName;
  clients: number;
  latenciesMs: number[];
  opsPerS?: number | undefined;
  /** RSS of the runtime's whole process tree (node, JVM, Lambda instances, helpers), in MB. */
  rssMb?: number | undefined;
  /** PSS of the same tree (shared pages split between the processes mapping them), in MB. */
  pssMb?: number | undefined;
  /** Mean PSS of one Lambda instance in the tree, in MB (none when no instance runs). */
  lambdaPssEachMb?: number | undefined;
  /** Where that RSS is, by kind of process. */
  breakdown?: string | undefined;
  /** Connections still open when memory was sampled (memory only). */
  held?: number | undefined;
  failures: number;
  note?: string | undefined;
}
