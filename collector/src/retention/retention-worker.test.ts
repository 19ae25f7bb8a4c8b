import { describe, expect, it } from 'vitest';
import type { Logger } from '../logger';
import type { RetentionStore } from '../store/retention-store';
import { RetentionWorker } from './retention-worker';

const silent: Logger = { info: () => {}, debug: () => {}, error: () => {} };
const day = 86_400_000;

/** A store holding events at these times, removing the oldest first as the real ones do. */
function storeOf(times: number[]): RetentionStore & { times: number[]; calls: number } {
  const store = {
    times: [...times].sort((a, b) => a - b),
    calls: 0,
    async removeEventsBefore(before: number, limit: number) {
      store.calls++;
      const gone = store.times.filter((t) => t < before).slice(0, limit);
      store.times = store.times.slice(gone.length);
      return gone.length;
    },
  };
  return store;
}

describe('RetentionWorker', () => {
  it('removes, batch by batch, every event older than the retention, and nothing newer', async () => {
    const now = Date.UTC(2026, 11, 1);
    const store = storeOf([...Array.from({ length: 25 }, (_, i) => now - (31 + i) * day), now - 29 * day, now - day]);
    const worker = new RetentionWorker(store, silent, { days: 30, batchSize: 10, intervalMs: 60_000, now: () => now });
    expect(await worker.runOnce()).toBe(25);
    expect(store.times).toEqual([now - 29 * day, now - day]);
    // 10 + 10 + 5, then one that finds nothing.
    expect(store.calls).toBe(4);
  });

  it('stops between batches when told to', async () => {
    const now = Date.UTC(2026, 11, 1);
    const store = storeOf(Array.from({ length: 100 }, (_, i) => now - (40 + i) * day));
    const worker = new RetentionWorker(store, silent, { days: 30, batchSize: 10, intervalMs: 60_000, now: () => now });
    const run = worker.runOnce();
    await worker.stop();
    await run;
    expect(store.times.length).toBeGreaterThan(0);
  });
});
