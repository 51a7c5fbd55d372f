/**
 * A span's line in the page's language. The recorder writes English; in Korean the fixed words
 * are rebuilt from the span's kind and figures (names, ids and log lines stay as they are).
 */
import type { Span } from '../span.ts';
import type { Lang } from './strings.ts';

const num = (value: unknown) => (typeof value === 'number' ? value : Number.NaN);

/** `<ISO time>\t<request id>\t<LEVEL>\t<text>` (the runtime's console format) → `LEVEL text`. */
export function shortLogLine(line: string): string {
  const m = /^(\([^)]*\) )?\d{4}-\d{2}-\d{2}T[\d:.]+Z\t[0-9a-f-]{36}\t([A-Z]+)\t([\s\S]*)$/.exec(line);
  return m ? `${m[1] ?? ''}${m[2]} ${m[3]}` : line;
}

export function spanLabel(span: Span, lang: Lang): string {
  if (span.kind === 'log' && (lang === 'en' || span.status !== 'denied')) return shortLogLine(span.label);
  if (lang === 'en') return span.label;
  const d = span.detail as Record<string, unknown>;
  switch (span.kind) {
    case 'frame-in':
      return `프레임 ${d.bytes} B → 라우트 ${d.routeKey}`;
    case 'invoke': {
      const event = d.event as { requestContext?: { routeKey?: string } } | undefined;
      const route = event?.requestContext?.routeKey;
      return `${span.functionName} 호출${route ? ` (${route})` : ''} ${d.cold ? '콜드 스타트' : '웜'}`;
    }
    case 'return': {
      if (d.durationMs === undefined) return span.label;
      const figures = `${num(d.durationMs).toFixed(1)} ms, 과금 ${d.billedDurationMs} ms, ${d.maxMemoryUsedMB}/${d.memoryMB} MB${d.initDurationMs === undefined ? '' : `, 초기화 ${num(d.initDurationMs).toFixed(1)} ms`}`;
      return d.errorType ? `END ${d.errorType}: ${d.errorMessage} (${figures})` : `END ${figures}`;
    }
    case 'call': {
      const what = `${d.action}${d.target ? ` ${d.target}` : ''}`;
      const late =
        span.status === 'late'
          ? span.label.includes('after END')
            ? ' 늦은 호출: END 이후 도착'
            : ' 늦은 호출: END 때까지 응답 전'
          : '';
      const denied = span.status === 'denied' ? ' 거부됨' : '';
      return `${what} → ${d.status}${d.errorType ? ` ${d.errorType}` : ''}${denied} (${d.latencyMs} ms)${late}`;
    }
    case 'frame-out':
      return d.source === 'post'
        ? `프레임 ${d.bytes} B (PostToConnection)`
        : d.source === 'gateway'
          ? `게이트웨이 프레임 ${d.bytes} B`
          : `라우트 응답 ${d.bytes} B`;
    case 'connect':
      if (span.from === 'gateway') return '101 연결됨';
      return span.label.startsWith('connect (')
        ? '연결 요청 ($connect가 답할 때까지 업그레이드 대기)'
        : `연결 요청 (${d.sourceIp})`;
    case 'disconnect':
      return `연결 끊김 ${d.statusCode} ${d.reason ?? ''}`.trim();
    case 'log':
      return span.status === 'denied'
        ? `(기록 안 됨: 역할에 logs 권한 없음) ${span.label.replace(/^\([^)]*\) /, '')}`
        : span.label;
    default:
      return span.label;
  }
}
