/**
 * CloudWatch Logs filter patterns for unstructured events: terms, "quoted phrases", `-term` to
 * exclude and `?term` for any-of, matched case-sensitively as CloudWatch does. JSON (`{ $.x = … }`)
 * and space-delimited (`[a, b]`) patterns are refused with a clear message rather than misread.
 */

export type EventMatcher = (message: string) => boolean;

export class FilterPatternError extends Error {}

interface Term {
  text: string;
  kind: 'all' | 'any' | 'none';
}

function tokens(pattern: string): Term[] {
  const out: Term[] = [];
  const re = /([?-]?)(?:"((?:[^"\\]|\\.)*)"|(\S+))/g;
  for (const m of pattern.matchAll(re)) {
    const prefix = m[1];
    const text = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] as string);
    if (text === '') continue;
    out.push({ text, kind: prefix === '?' ? 'any' : prefix === '-' ? 'none' : 'all' });
  }
  return out;
}

export function compileFilterPattern(pattern: string | undefined): EventMatcher {
  const trimmed = (pattern ?? '').trim();
  if (trimmed === '' || trimmed === '""') return () => true;
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    throw new FilterPatternError(
      `Invalid filter pattern: this emulator matches terms ("ERROR", "Task timed out", -INFO, ?WARN ?ERROR), not JSON or space-delimited patterns: ${trimmed}`,
    );
  }
  const terms = tokens(trimmed);
  const all = terms.filter((t) => t.kind === 'all').map((t) => t.text);
  const any = terms.filter((t) => t.kind === 'any').map((t) => t.text);
  const none = terms.filter((t) => t.kind === 'none').map((t) => t.text);
  return (message) =>
    all.every((t) => message.includes(t)) &&
    (any.length === 0 || any.some((t) => message.includes(t))) &&
    !none.some((t) => message.includes(t));
}
