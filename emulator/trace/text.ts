/**
 * One span as a line of `npm run trace`: time, trace, lifelines, what happened. Fits the width
 * it is given (100 columns by default); denials and errors in red, late calls in yellow.
 */
import { columns } from '../logs/format.ts';
import { shortLogLine } from './page/labels.ts';
import type { Column, Span } from './span.ts';

const SHORT: Record<Column, string> = {
  client: 'client',
  gateway: 'gateway',
  function: 'λ',
  dynamodb: 'DynamoDB',
  connections: '@conn',
};

const RED = '\u001b[31m';
const YELLOW = '\u001b[33m';
const DIM = '\u001b[2m';
const RESET = '\u001b[0m';

export interface SpanTextOptions {
  width?: number;
  color?: boolean;
}

function path(span: Span): string {
  if (span.from === span.to) return `  ${SHORT[span.from]} log`;
  return `${SHORT[span.from]} → ${SHORT[span.to]}`;
}

function mark(span: Span): string {
  if (span.status === 'denied') return span.kind === 'log' ? '✗ NOT LOGGED ' : '✗ DENIED ';
  if (span.status === 'late') return '⚠ ';
  if (span.status === 'error') return '✗ ';
  return '';
}

export function formatSpan(span: Span, options: SpanTextOptions = {}): string {
  const width = Math.max(50, options.width ?? 100);
  const time = new Date(span.at).toISOString().slice(11, 23);
  const trace = span.trace
    .replace(/^(connect|disconnect|invoke|call|post|log)-/, '')
    .slice(0, 6)
    .padEnd(6);
  const head = `${time} ${trace} ${path(span).padEnd(19)} `;
  const label = span.kind === 'log' ? shortLogLine(span.label) : span.label;
  let text = `${mark(span)}${label.replace(/\s+/g, ' ').trim()}`;
  const room = width - columns(head);
  if (columns(text) > room) {
    let cut = '';
    for (const ch of text) {
      if (columns(cut + ch) > room - 1) break;
      cut += ch;
    }
    text = `${cut}…`;
  }
  const line = `${head}${text}`;
  if (!options.color) return line;
  if (span.status === 'denied' || span.status === 'error') return `${RED}${line}${RESET}`;
  if (span.status === 'late') return `${YELLOW}${line}${RESET}`;
  if (span.kind === 'log') return `${DIM}${line}${RESET}`;
  return line;
}
