/**
 * The checklist a lesson check produces: one line per thing the learner must get right, with
 * what is missing and a hint when it is not there yet. Printing is apart from checking so tests
 * can assert on the items and the runner can decide how to show them.
 */
import type { FunctionError } from './function-errors.ts';
import { BilingualError, type Lang, type Msg, pick, tr } from './i18n.ts';

export interface CheckItem {
  /** What is being checked, phrased as the goal ("Table Game: key `id` is a number (N)"). */
  label: Msg;
  ok: boolean;
  /** What was found instead, when not ok. */
  detail?: Msg;
  /** What to do next, when not ok. */
  hint?: Msg;
}

/** Collects items in order; checks call pass/fail as they go. */
export class Checklist {
  readonly items: CheckItem[] = [];
  /** What the learner's functions reported while the check ran (exceptions, init errors, timeouts). */
  readonly errors: FunctionError[] = [];

  pass(label: Msg): void {
    this.items.push({ label, ok: true });
  }

  fail(label: Msg, detail: Msg, hint?: Msg): void {
    this.items.push({ label, ok: false, detail, ...(hint ? { hint } : {}) });
  }

  /** Adds a passing or failing item depending on `ok`. */
  expect(ok: boolean, label: Msg, detail: Msg, hint?: Msg): boolean {
    if (ok) this.pass(label);
    else this.fail(label, detail, hint);
    return ok;
  }

  /** Keeps function errors for the report under the ✗ lines (each one once). */
  noteErrors(errors: FunctionError[]): void {
    for (const error of errors) if (!this.errors.includes(error)) this.errors.push(error);
  }

  get passed(): boolean {
    return this.items.length > 0 && this.items.every((item) => item.ok);
  }

  get failures(): CheckItem[] {
    return this.items.filter((item) => !item.ok);
  }
}

/** One line per item: `✓ label`, or `✗ label: detail` followed by an indented hint. */
export function formatChecklist(items: CheckItem[], lang: Lang = 'en'): string {
  const lines: string[] = [];
  const hintWord = lang === 'ko' ? '힌트' : 'Hint';
  for (const item of items) {
    const label = pick(item.label, lang);
    if (item.ok) {
      lines.push(`  ✓ ${label}`);
      continue;
    }
    lines.push(`  ✗ ${label}${item.detail ? `: ${pick(item.detail, lang)}` : ''}`);
    if (item.hint) lines.push(`      ${hintWord}: ${pick(item.hint, lang)}`);
  }
  return lines.join('\n');
}

/** Runs a step that may throw and turns the throw into a failing item instead of a stack trace. */
export async function attempt<T>(
  list: Checklist,
  label: Msg,
  step: () => Promise<T>,
  hint: Msg,
): Promise<T | undefined> {
  try {
    return await step();
  } catch (error) {
    list.fail(label, describeError(error), hint);
    return undefined;
  }
}

/** The first line of a thrown error, in both languages when it carries both. */
export function describeError(error: unknown): Msg {
  if (error instanceof BilingualError) return error.text;
  if (error instanceof Error) {
    const name = error.name && error.name !== 'Error' ? `${error.name}: ` : '';
    return `${name}${error.message.split('\n')[0]}`;
  }
  return String(error);
}

/** The hint most ✗ lines about a table row share: the report under the checklist names the cause. */
export const SEE_REPORT = tr(
  'if your function threw, the report under the checklist names the file and line.',
  '함수가 예외를 던졌다면 체크리스트 아래 보고에 파일과 줄 번호가 나옵니다.',
);
