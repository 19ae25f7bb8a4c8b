export interface BackoffOptions {
  baseMs?: number;
  maxMs?: number;
  /** A number in [0, 1); injectable for tests. */
  random?: () => number;
}

/**
 * Delay before retry number `attempt` (1 for the first retry): exponential, capped, with "equal
 * jitter" — half fixed, half random — so that many clients that failed together do not come back
 * together, yet none retries almost at once.
 */
export function backoffDelay(attempt: number, { baseMs = 1000, maxMs = 5 * 60_000, random = Math.random }: BackoffOptions = {}): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
