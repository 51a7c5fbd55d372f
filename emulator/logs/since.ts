/** `--since` as `npm run logs` and `npm run trace` take it: 30s, 10m, 2h, 1d, 1w, or a date. */
export function parseSince(value: string, now = Date.now()): number {
  const m = /^(\d+)\s*(s|m|h|d|w)$/.exec(value.trim());
  if (m) {
    const unit = { s: 1e3, m: 60e3, h: 3600e3, d: 86400e3, w: 604800e3 }[m[2] as 's' | 'm' | 'h' | 'd' | 'w'];
    return now - Number(m[1]) * unit;
  }
  const t = Date.parse(value);
  if (Number.isNaN(t))
    throw new Error(
      `--since "${value}" is neither a duration (30s, 10m, 2h, 1d) nor a date (2024-05-01T10:00:00Z)`,
    );
  return t;
}
