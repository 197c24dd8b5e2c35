/**
 * Interview durations as front matter writes them, in seconds.
 * Accepted: a number (minutes), `58 min`, `1h 5m`, `1 h 5 min`, `01:05:30` (h:mm:ss),
 * `65:30` (mm:ss) and ISO 8601 `PT1H5M`.
 */
export function parseDuration(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value * 60 : null;
  if (typeof value !== 'string') return null;
  const s = value.trim().toLowerCase();
  if (/^\d+(?:\.\d+)?$/.test(s)) return Number(s) * 60;
  let m = /^(\d+):(\d{2}):(\d{2})$/.exec(s);
  if (m) return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]);
  m = /^(\d+):(\d{2})$/.exec(s);
  if (m) return Number(m[1]) * 60 + Number(m[2]);
  m = /^pt(?:(\d+(?:\.\d+)?)h)?(?:(\d+(?:\.\d+)?)m)?(?:(\d+(?:\.\d+)?)s)?$/.exec(s);
  if (m && (m[1] ?? m[2] ?? m[3]) !== undefined) {
    return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
  }
  m = /^(?:(\d+(?:\.\d+)?)\s*(?:h|hr|hrs|hours?))?\s*(?:(\d+(?:\.\d+)?)\s*(?:m|min|mins|minutes?))?\s*(?:(\d+(?:\.\d+)?)\s*(?:s|sec|secs|seconds?))?$/.exec(s);
  if (m && (m[1] ?? m[2] ?? m[3]) !== undefined) {
    return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
  }
  return null;
}
