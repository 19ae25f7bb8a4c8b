import { expect, it } from 'vitest';
import { TokenBuckets } from './token-buckets';

it('lets a key send its rate per second on average, a batch may go into debt, and says how long to wait', () => {
  let now = 0;
  const buckets = new TokenBuckets(() => now);
  expect(buckets.waitSeconds('k', 10)).toBe(0);
  buckets.charge('k', 10, 35);
  // 25 in debt at 10/s: one token is back after 2.6 s.
  expect(buckets.waitSeconds('k', 10)).toBe(3);
  now = 2_000;
  expect(buckets.waitSeconds('k', 10)).toBe(1);
  now = 2_600;
  expect(buckets.waitSeconds('k', 10)).toBe(0);
  expect(buckets.waitSeconds('other', 10)).toBe(0);
});

it('saves up at most one second of tokens while a key is idle', () => {
  let now = 0;
  const buckets = new TokenBuckets(() => now);
  buckets.charge('k', 5, 5);
  now = 60_000;
  buckets.charge('k', 5, 6);
  expect(buckets.waitSeconds('k', 5)).toBe(1);
});
