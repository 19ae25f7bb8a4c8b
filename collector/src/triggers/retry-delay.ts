/** How deliveries back off: doubling from `baseMs`, capped at `maxMs`, with full jitter in the upper half. */
export interface RetryPolicy {
  baseMs: number;
  maxMs: number;
  /** After this long since the event, a failing delivery is given up. */
  giveUpAfterMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { baseMs: 10_000, maxMs: 3_600_000, giveUpAfterMs: 24 * 3_600_000 };

/**
 * The wait before attempt `attempts + 1`, after `attempts` failures. Jitter spreads the retries of many
 * deliveries that failed together (a receiver that was down) so they do not return as one burst.
 */
export function retryDelay(attempts: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(attempts - 1, 30));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
