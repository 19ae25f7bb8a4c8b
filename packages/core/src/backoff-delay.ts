/**
 * Delay before retry number `attempt` (1 for the first retry): 1 s doubling up to 5 min, with "equal
 * jitter" — half fixed, half random — so that many clients that failed together do not come back
 * together, yet none retries almost at once. `random` in [0, 1) is injectable for tests.
 */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(300_000, 1000 * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
