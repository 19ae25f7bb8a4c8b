/**
 * Milliseconds to wait from a Retry-After header: delta-seconds or an HTTP date. Undefined when
 * absent or unreadable, so the caller falls back to its own backoff.
 */
export function parseRetryAfter(value: string | number | null | undefined, now: number): number | undefined {
  if (value == null || value === '') return undefined;
  const seconds = typeof value === 'number' ? value : /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : NaN;
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  if (typeof value !== 'string') return undefined;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
