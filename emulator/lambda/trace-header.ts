/**
 * The X-Ray trace header Lambda hands each invocation (`_X_AMZN_TRACE_ID`, documented among the
 * runtime's reserved variables; it changes with every invocation). AWS SDKs copy it into the
 * `X-Amzn-Trace-Id` header of the calls a function makes, which lets the emulator's trace tell
 * which invocation started a call even when it arrives after that invocation ended.
 * The root's random part is taken from the request id, so the header alone names the invocation.
 */

/** `Root=1-<8 hex epoch seconds>-<24 hex>;Parent=<16 hex>;Sampled=0;Lineage=…` as Lambda writes it. */
export function traceHeaderFor(requestId: string, now = Date.now()): string {
  const hex = requestId
    .replace(/[^0-9a-f]/gi, '')
    .toLowerCase()
    .padEnd(32, '0');
  const seconds = Math.floor(now / 1000)
    .toString(16)
    .padStart(8, '0');
  return `Root=1-${seconds}-${hex.slice(0, 24)};Parent=${hex.slice(16, 32)};Sampled=0`;
}

/** The 24-hex part of a trace header's root (what traceHeaderFor took from the request id). */
export function traceKeyOf(header: string | undefined): string | undefined {
  return header === undefined
    ? undefined
    : /Root=1-[0-9a-f]{8}-([0-9a-f]{24})/i.exec(header)?.[1]?.toLowerCase();
}

/** The same key, from the request id. */
export function traceKeyOfRequest(requestId: string): string {
  return requestId
    .replace(/[^0-9a-f]/gi, '')
    .toLowerCase()
    .padEnd(32, '0')
    .slice(0, 24);
}
