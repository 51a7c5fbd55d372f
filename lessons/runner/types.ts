/** What every lesson's check.ts exports, so the runner can treat lessons alike. */
import type { EngineKind } from '../../emulator/dynamodb/engine.ts';
import type { CheckItem } from './checklist.ts';
import type { FunctionError } from './function-errors.ts';
import type { Lang, Msg } from './i18n.ts';

export type Variant = 'exercise' | 'solution';

export interface CheckContext {
  /** The folder whose code is checked: the lesson's exercise/ or solution/, or --exercise-dir. */
  codeDir: string;
  variant: Variant;
  /** Leave the stack running and hand it back instead of stopping it. */
  keep: boolean;
  /** Progress lines for people ("starting DynamoDB Local…"). */
  log: (line: Msg) => void;
  /** The language lines are printed in (checks hand over both; the runner picks). */
  lang: Lang;
  /** DynamoDB engine; the emulator's default choice when omitted. */
  engine?: EngineKind;
}

/** A stack left running by --keep: where to point wscat or a browser, and how to stop it. */
export interface KeptStack {
  urls: Record<string, string | undefined>;
  stop(): Promise<void>;
}

export interface CheckOutcome {
  items: CheckItem[];
  /** What the learner's functions reported while the check ran. */
  errors?: FunctionError[];
  kept?: KeptStack;
  /**
   * Where the failing code lives when it is not in the checked folder (lesson 6 runs the files of
   * lessons 1, 3 and 4): the runner's closing line sends the learner there.
   */
  fixIn?: FixPlace[];
}

export interface FixPlace {
  lesson: number;
  dir: string;
}

export type LessonCheck = (ctx: CheckContext) => Promise<CheckOutcome>;
