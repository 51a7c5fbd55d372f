/** What each `lessons/pitfalls/<id>/demo.ts` exports. */
import type { EngineKind } from '../../emulator/dynamodb/engine.ts';

export interface DemoContext {
  /** Narration for the room, one line each. */
  log: (line: string) => void;
  engine?: EngineKind;
}

export interface Observation {
  /** True when what was expected happened (the symptom for the broken run, its absence for the fix). */
  ok: boolean;
  /** What was seen, in the words a learner would use ("client B received nothing"). */
  observed: string;
}

export interface DemoReport {
  broken: Observation;
  fixed: Observation;
}

export type Demo = (ctx: DemoContext) => Promise<DemoReport>;
