import { describe, expect, it } from 'vitest';
import { ReplayGuard } from './replay-guard';

const now = 1_800_000_000_000;
const seconds = (ms: number) => String(Math.floor(ms / 1000));

describe('ReplayGuard', () => {
  it('takes timestamps within the window either way, and nothing else', () => {
    const guard = new ReplayGuard(300_000);
    expect(guard.isFresh(seconds(now - 299_000), now)).toBe(true);
    expect(guard.isFresh(seconds(now + 299_000), now)).toBe(true);
    for (const t of [seconds(now - 301_000), seconds(now + 301_000), '', 'abc', '1e12', '-1', '1409304348']) expect(guard.isFresh(t, now), t).toBe(false);
  });

  it('admits a nonce once, again with the same body, never with another', () => {
    const guard = new ReplayGuard(300_000);
    expect(guard.admit('demo', seconds(now), 'n1', 'body-a', now)).toBe('fresh');
    expect(guard.admit('demo', seconds(now), 'n1', 'body-a', now + 1_000)).toBe('retry');
    expect(guard.admit('demo', seconds(now), 'n1', 'body-b', now + 2_000)).toBe('replayed');
    expect(guard.admit('other', seconds(now), 'n1', 'body-b', now)).toBe('fresh');
    expect(guard.admit('demo', seconds(now - 400_000), 'n2', 'body-a', now)).toBe('stale');
  });

  it('forgets a nonce once its timestamp has gone stale, and holds at most its bound', () => {
    const guard = new ReplayGuard(300_000, 1_000);
    for (let i = 0; i < 5_000; i++) guard.admit('demo', seconds(now), `n${i}`, 'x', now);
    expect(guard.size).toBe(1_000);
    guard.admit('demo', seconds(now + 400_000), 'later', 'x', now + 400_000);
    expect(guard.size).toBe(1);
  });
});
