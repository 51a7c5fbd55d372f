/** What each `lessons/pitfalls/<id>/demo.ts` exports. */
import type { EngineKind } from '../../emulator/dynamodb/engine.ts';
import { BilingualError, type Msg } from '../runner/i18n.ts';

/** A variant's stack left running by `--keep`, for the instructor to show around. */
export interface KeptVariant {
  label: string;
  urls: Record<string, string | undefined>;
  logsDir: string;
  stop(): Promise<void>;
}

export interface DemoContext {
  /** Narration for the room, one line each. */
  log: (line: Msg) => void;
  engine?: EngineKind;
  /**
   * Called as each variant begins (0 = the broken one, then the fix), before `pause`: the
   * narration puts the fix's heading over the lines of the variants after the first.
   */
  section?: (index: number, label: string) => void;
  /** Instructor mode (`--step`): called before each variant after the first; resolves to go on. */
  pause?: (nextLabel: string) => Promise<void>;
  /** Instructor mode (`--keep`): leave each variant's stack up and hand it over here. */
  keep?: (kept: KeptVariant) => void;
}

export interface Observation {
  /** True when what was expected happened (the symptom for the broken run, its absence for the fix). */
  ok: boolean;
  /**
   * What was seen, in the words a learner would use ("client B received nothing"), in both
   * languages: the runner prints the one `--lang` picks.
   */
  observed: Msg;
}

export interface DemoReport {
  broken: Observation;
  fixed: Observation;
}

export type Demo = (ctx: DemoContext) => Promise<DemoReport>;

/**
 * A demo that cannot go on (an engine it cannot use, a step that never happened): the runner
 * prints `text` in the chosen language where the observations would have been.
 */
export class DemoError extends BilingualError {}
