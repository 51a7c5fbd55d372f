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
}

export interface Context {
  runtime: RuntimeName;
  wsUrl: string;
  /** Root of the runtime's process tree. */
  pid: number;
  plan: Plan;
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
  /** Where that RSS is, by kind of process. */
  breakdown?: string | undefined;
  /** Connections still open when memory was sampled (memory only). */
  held?: number | undefined;
  failures: number;
  note?: string | undefined;
}
