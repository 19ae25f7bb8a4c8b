import { describe, expect, it } from 'vitest';
import { prng } from '../../../collector/src/testing/prng';
import { createTracker } from './create-tracker';
import type { KeyValueStorage } from './platform';
import { createFakePlatform } from './testing/fake-platform';

/**
 * An async storage as adversarial as a host may be: calls answer in the reverse order they were made
 * whenever several are outstanding, each a task later. It records every time a call on the queue's
 * keys (manifest, chunks) starts while another is outstanding: such a host may then apply a manifest
 * before the chunks it names, or answer a read from before a write. The queue must make one call at a
 * time (writing a chunk and the manifest together, with Promise.all, fails here).
 */
function createReversingStorage() {
  const values = new Map<string, string>();
  const outstanding: Array<{ key: string; run: () => void }> = [];
  const overlaps: string[] = [];
  const queueKey = (key: string) => !key.endsWith(':state');
  const call = <T>(key: string, fn: () => T) =>
    new Promise<T>((resolve) => {
      if (queueKey(key) && outstanding.some((o) => queueKey(o.key))) overlaps.push(`${key} while ${outstanding.map((o) => o.key).join(', ')}`);
      outstanding.push({ key, run: () => resolve(fn()) });
      setTimeout(() => outstanding.pop()!.run());
    });
  const storage: KeyValueStorage = {
    get: (key) => call(key, () => (values.has(key) ? (JSON.parse(values.get(key)!) as unknown) : undefined)),
    set: (key, value) => call(key, () => void values.set(key, JSON.stringify(value))),
    del: (key) => call(key, () => void values.delete(key)),
  };
  return { storage, values, overlaps };
}

describe('an offline backlog over a storage that answers out of order', () => {
  it('orders every queue write, and delivers each of 1,000 events tracked in one loop, once', async () => {
    const { storage, values, overlaps } = createReversingStorage();
    const fake = createFakePlatform({ storage });
    let online = false;
    const send = fake.platform.send;
    fake.platform.send = (request) => (online ? send(request) : Promise.reject(new Error('offline')));
    const tracker = createTracker(fake.platform, { endpoint: 'https://c.example', writeKey: 'k', flushInterval: 60_000 });
    tracker.track('cl_first');
    for (let n = 0; n < 1000; n++) tracker.track('cl_tap', { cl_n: n });
    await tracker.ready();
    // Offline: the first flush writes the backlog, then its send fails.
    await tracker.flush();
    const queued = JSON.parse(values.get('eventline:queue')!) as { chunks: Array<{ count: number }> };
    expect(queued.chunks.reduce((n, c) => n + c.count, 0)).toBe(1000);

    online = true;
    fake.online();
    for (let i = 0; i < 20 && fake.sentEvents().filter((e) => e.event === 'cl_tap').length < 1000; i++) await tracker.flush();
    const delivered = fake.sentEvents().filter((e) => e.event === 'cl_tap').map((e) => e.properties!.cl_n as number);
    expect(delivered).toEqual([...Array(1000).keys()]);
    expect(overlaps).toEqual([]);
    await tracker.shutdown();
  });
});

/**
 * The same backlog, but with the timing left to chance: storage calls that answer 0–3 ms later (so
 * tracks land while a write is out), sends that fail while offline, and hides, network events and
 * extra events between bursts of tracks. Seeded, but the draws are taken as the calls come, so the
 * machine's timing still moves each run: a search six runs wide, not a replay. A tracker that kept only
 * the events of the last write (`pending = []` after an append) loses hundreds of events in every run.
 */
describe('an offline backlog under random timing', () => {
  it.each([1, 2, 3, 4, 5, 6])('delivers every event under the cap (seed %i)', async (seed) => {
    const random = prng(seed);
    const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.floor(random() * ms)));
    const values = new Map<string, string>();
    const storage: KeyValueStorage = {
      get: async (key) => (await wait(4), values.has(key) ? (JSON.parse(values.get(key)!) as unknown) : undefined),
      set: async (key, value) => void (await wait(4), values.set(key, JSON.stringify(value))),
      del: async (key) => void (await wait(4), values.delete(key)),
    };
    const fake = createFakePlatform({ storage });
    let online = false;
    const send = fake.platform.send;
    fake.platform.send = async (request) => (await wait(10), online ? send(request) : Promise.reject(new Error('offline')));
    const tracker = createTracker(fake.platform, { endpoint: 'https://c.example', writeKey: 'k', flushInterval: 50 + Math.floor(random() * 200) });
    if (random() < 0.5) await tracker.ready();

    // 980 taps and a few extras: under the default cap of 1000, so nothing may be dropped.
    const total = 980;
    for (let n = 0; n < total; ) {
      for (let burst = 1 + Math.floor(random() * 120); burst > 0 && n < total; burst--, n++) tracker.track('cl_tap', { cl_n: n });
      const pick = random();
      if (pick < 0.1) fake.hide();
      else if (pick < 0.2) fake.online();
      else if (pick < 0.25) tracker.track('cl_extra');
      await wait(8);
    }
    await wait(300);
    online = true;
    fake.online();
    const delivered = () => new Set(fake.sentEvents().flatMap((e) => (e.event === 'cl_tap' ? [e.properties!.cl_n as number] : [])));
    for (let i = 0; i < 20 && delivered().size < total; i++) await tracker.flush();

    expect([...Array(total).keys()].filter((n) => !delivered().has(n))).toEqual([]);
    expect(fake.sent.some((r) => r.batch.dropped)).toBe(false);
    await tracker.shutdown();
  });
});
