/**
 * Milliseconds to wait from a Retry-After header: delta-seconds or an HTTP date. Undefined when
 * absent or unreadable, so the caller falls back to its own backoff.
 */
export function parseRetryAfter(value: string | number | null | undefined, now: number): number | undefined {
  if (value == null || value === '') return undefined;
  const seconds = Number(value);
  const ms = seconds >= 0 ? seconds * 1000 : Date.parse(value as string) - now;
  return ms >= 0 ? ms : ms < 0 ? 0 : undefined;
}
