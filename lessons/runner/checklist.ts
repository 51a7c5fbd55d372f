/**
 * The checklist a lesson check produces: one line per thing the learner must get right, with
 * what is missing and a hint when it is not there yet. Printing is apart from checking so tests
 * can assert on the items and the runner can decide how to show them.
 */

export interface CheckItem {
  /** What is being checked, phrased as the goal ("Table Game: key `id` is a number (N)"). */
  label: string;
  ok: boolean;
  /** What was found instead, when not ok. */
  detail?: string;
  /** What to do next, when not ok. */
  hint?: string;
}

/** Collects items in order; checks call pass/fail as they go. */
export class Checklist {
  readonly items: CheckItem[] = [];

  pass(label: string): void {
    this.items.push({ label, ok: true });
  }

  fail(label: string, detail: string, hint?: string): void {
    this.items.push({ label, ok: false, detail, ...(hint ? { hint } : {}) });
  }

  /** Adds a passing or failing item depending on `ok`. */
  expect(ok: boolean, label: string, detail: string, hint?: string): boolean {
    if (ok) this.pass(label);
    else this.fail(label, detail, hint);
    return ok;
  }

  get passed(): boolean {
    return this.items.length > 0 && this.items.every((item) => item.ok);
  }

  get failures(): CheckItem[] {
    return this.items.filter((item) => !item.ok);
  }
}

/** One line per item: `✓ label`, or `✗ label: detail` followed by an indented hint. */
export function formatChecklist(items: CheckItem[]): string {
  const lines: string[] = [];
  for (const item of items) {
    if (item.ok) {
      lines.push(`  ✓ ${item.label}`);
      continue;
    }
    lines.push(`  ✗ ${item.label}${item.detail ? `: ${item.detail}` : ''}`);
    if (item.hint) lines.push(`      Hint: ${item.hint}`);
  }
  return lines.join('\n');
}

/** Runs a step that may throw and turns the throw into a failing item instead of a stack trace. */
export async function attempt<T>(
  list: Checklist,
  label: string,
  step: () => Promise<T>,
  hint: string,
): Promise<T | undefined> {
  try {
    return await step();
  } catch (error) {
    list.fail(label, describeError(error), hint);
    return undefined;
  }
}

export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const name = error.name && error.name !== 'Error' ? `${error.name}: ` : '';
    return `${name}${error.message.split('\n')[0]}`;
  }
  return String(error);
}
