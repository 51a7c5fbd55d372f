/**
 * The /trace page: a live sequence diagram of spans (client, gateway, function, DynamoDB,
 * @connections), filters, and a detail panel. Reads /trace/events (Server-Sent Events).
 */
import { COLUMNS, type Span } from '../span.ts';
import { spanLabel } from './labels.ts';
import { defaultLang, type Lang, STRINGS, type Strings } from './strings.ts';

const MAX_ROWS = 3_000;
const spans: Span[] = [];
const filters = { connection: '', room: '', function: '', logs: true };
let lang: Lang =
  (localStorage.getItem('trace-lang') as Lang | null) ??
  defaultLang(navigator.languages ?? [navigator.language]);
let t: Strings = STRINGS[lang];
let selected: number | undefined;
let lastVisible: Span | undefined;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const rows = $<HTMLOListElement>('rows');

function applyLang(): void {
  t = STRINGS[lang];
  document.documentElement.lang = lang;
  for (const el of document.querySelectorAll<HTMLElement>('[data-i18n]')) {
    const key = el.dataset.i18n as keyof Strings;
    if (key in t) el.textContent = t[key];
  }
  $('lang').textContent = t.other;
  render();
  if (selected !== undefined) showDetail(selected);
}

function visible(span: Span): boolean {
  if (!filters.logs && span.kind === 'log') return false;
  if (filters.connection && span.connectionId !== filters.connection) return false;
  if (filters.room && span.room !== filters.room) return false;
  if (filters.function && span.functionName !== filters.function) return false;
  return true;
}

function rowFor(span: Span, previous: Span | undefined): HTMLLIElement {
  const li = document.createElement('li');
  li.className = 'row';
  li.dataset.seq = String(span.seq);
  li.dataset.kind = span.kind;
  li.dataset.status = span.status;
  li.dataset.trace = span.trace;
  if (!previous || previous.trace !== span.trace) li.classList.add('trace-start');
  const from = COLUMNS.indexOf(span.from);
  const to = COLUMNS.indexOf(span.to);
  const box = document.createElement('div');
  const label = spanLabel(span, lang);
  box.textContent = span.status === 'late' ? `⚠ ${label}` : label;
  box.title = `${new Date(span.at).toISOString()}  ${label}`;
  if (from === to) {
    box.className = 'note';
    box.style.gridColumn = `${from + 1} / span 1`;
  } else {
    box.className = `arrow ${to > from ? 'right' : 'left'}`;
    box.style.gridColumn = `${Math.min(from, to) + 1} / ${Math.max(from, to) + 2}`;
    box.style.margin = '.2rem 10%';
  }
  li.append(box);
  if (span.seq === selected) li.classList.add('selected');
  return li;
}

function render(): void {
  rows.replaceChildren();
  let previous: Span | undefined;
  for (const span of spans) {
    if (!visible(span)) continue;
    rows.append(rowFor(span, previous));
    previous = span;
  }
  lastVisible = previous;
  $('empty').hidden = rows.childElementCount > 0;
}

function addOption(select: HTMLSelectElement, value: string | undefined): void {
  if (!value || [...select.options].some((o) => o.value === value)) return;
  const option = document.createElement('option');
  option.value = value;
  option.textContent = value;
  select.append(option);
}

function receive(span: Span): void {
  spans.push(span);
  if (spans.length > MAX_ROWS) {
    spans.splice(0, spans.length - MAX_ROWS);
    render();
  }
  addOption($('f-connection'), span.connectionId);
  addOption($('f-room'), span.room);
  addOption($('f-function'), span.functionName);
  if (!visible(span)) return;
  const atBottom = window.innerHeight + window.scrollY >= document.body.scrollHeight - 40;
  rows.append(rowFor(span, lastVisible));
  lastVisible = span;
  $('empty').hidden = true;
  if (atBottom) window.scrollTo(0, document.body.scrollHeight);
}

function section(title: string, content: unknown, className?: string): HTMLElement {
  const wrap = document.createElement('section');
  const h = document.createElement('h3');
  h.textContent = title;
  const pre = document.createElement('pre');
  pre.textContent = typeof content === 'string' ? content : JSON.stringify(content, null, 2);
  if (className) pre.className = className;
  wrap.append(h, pre);
  return wrap;
}

interface IamCheck {
  action: string;
  resource: string;
  allowed: boolean;
  message: string;
  explanation?: { reason: string; role: string; statementIndex?: number; sid?: string; statement?: unknown };
}

function iamText(check: IamCheck): string {
  const e = check.explanation;
  const head = `${check.allowed ? '✓' : '✗'} ${check.action}\n  ${check.resource}`;
  if (!e) return `${head}\n  ${check.message}`;
  if (e.reason === 'allow') {
    return `${head}\n  ${t.allowedBy} #${e.statementIndex ?? '?'}${e.sid ? ` (${e.sid})` : ''} — ${e.role}\n${e.statement ? JSON.stringify(e.statement, null, 2) : ''}`;
  }
  const why =
    e.reason === 'explicit-deny'
      ? `${t.explicit} #${e.statementIndex ?? '?'}${e.sid ? ` (${e.sid})` : ''}`
      : t.implicit;
  return `${head}\n  ${t.deniedBecause}: ${why}\n  ${check.message}${e.statement ? `\n${JSON.stringify(e.statement, null, 2)}` : ''}`;
}

function showDetail(seq: number): void {
  const span = spans.find((s) => s.seq === seq);
  if (!span) return;
  selected = seq;
  for (const row of rows.querySelectorAll('.selected')) row.classList.remove('selected');
  rows.querySelector(`[data-seq="${seq}"]`)?.classList.add('selected');
  const panel = $('detail');
  panel.hidden = false;
  $('detail-title').textContent = spanLabel(span, lang);
  const body = $('detail-body');
  body.replaceChildren();
  const { event, request, iam, late, ...rest } = span.detail as Record<string, unknown>;
  if (span.status === 'late')
    body.append(section('⚠', `${t.late}\n${JSON.stringify(late, null, 2)}`, 'late'));
  if (span.kind === 'log' && span.status === 'denied') body.append(section('✗', t.notWritten, 'bad'));
  if (Array.isArray(iam) && iam.length > 0) {
    body.append(
      section(
        t.iam,
        (iam as IamCheck[]).map(iamText).join('\n\n'),
        (iam as IamCheck[]).some((c) => !c.allowed) ? 'bad' : undefined,
      ),
    );
  }
  if (request !== undefined) body.append(section(t.request, prettyJson(request)));
  if (event !== undefined) body.append(section(t.event, event));
  body.append(
    section(t.figures, {
      trace: span.trace,
      requestId: span.requestId,
      connectionId: span.connectionId,
      room: span.room,
      at: new Date(span.at).toISOString(),
      ...rest,
    }),
  );
  if (span.requestId) {
    const lines = spans.filter((s) => s.kind === 'log' && s.requestId === span.requestId).map((s) => s.label);
    if (lines.length > 0) body.append(section(t.logs, lines.join('\n')));
  }
}

function prettyJson(text: unknown): string {
  if (typeof text !== 'string') return JSON.stringify(text, null, 2);
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

function connect(): void {
  const source = new EventSource('/trace/events');
  source.onopen = () => {
    $('status').textContent = t.live;
    $('status').dataset.state = 'live';
  };
  source.onerror = () => {
    $('status').textContent = t.lost;
    $('status').dataset.state = 'lost';
  };
  source.onmessage = (message) => {
    const span = JSON.parse(message.data as string) as Span;
    if (spans.length > 0 && span.seq <= (spans.at(-1)?.seq ?? 0)) return;
    receive(span);
  };
}

for (const [id, key] of [
  ['f-connection', 'connection'],
  ['f-room', 'room'],
  ['f-function', 'function'],
] as const) {
  $<HTMLSelectElement>(id).addEventListener('change', (e) => {
    filters[key] = (e.target as HTMLSelectElement).value;
    render();
  });
}
$<HTMLInputElement>('f-logs').addEventListener('change', (e) => {
  filters.logs = (e.target as HTMLInputElement).checked;
  render();
});
$('clear').addEventListener('click', () => {
  spans.length = 0;
  lastVisible = undefined;
  render();
});
$('lang').addEventListener('click', () => {
  lang = lang === 'ko' ? 'en' : 'ko';
  localStorage.setItem('trace-lang', lang);
  applyLang();
});
$('close-detail').addEventListener('click', () => {
  $('detail').hidden = true;
  selected = undefined;
  for (const row of rows.querySelectorAll('.selected')) row.classList.remove('selected');
});
rows.addEventListener('click', (e) => {
  const row = (e.target as HTMLElement).closest<HTMLElement>('.row');
  if (row?.dataset.seq) showDetail(Number(row.dataset.seq));
});

applyLang();
connect();
