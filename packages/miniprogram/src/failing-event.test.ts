import { afterEach, expect, it, vi } from 'vitest';
import { createTracker } from './create-tracker';
import { createFakeHost } from './testing/fake-host';

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

it('delivers the other 19 of 20 events when the server answers 500 to every batch holding one of them, and counts that one as dropped', async () => {
  vi.useFakeTimers({ now: Date.parse('2025-06-01T00:00:00Z'), toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  const batches: Array<{ runs: number[]; dropped?: number | undefined; status: number }> = [];
  // The server the fake host's request reaches: it fails forever on the event with cl_n 7.
  vi.stubGlobal('fetch', async (_url: string, init: { body: string }) => {
    const batch = JSON.parse(init.body) as { dropped?: number; events: Array<{ properties: { cl_n: number } }> };
    const runs = batch.events.map((e) => e.properties.cl_n);
    const status = runs.includes(7) ? 500 : 200;
    batches.push({ runs, dropped: batch.dropped, status });
    const body = status === 200 ? { accepted: runs.length, duplicates: 0, rejected: [] } : { error: { code: 'internal', message: 'boom' } };
    // What the fake host reads of a response; a real Response's body stream would need real I/O ticks.
    return { status, text: async () => JSON.stringify(body), headers: new Headers({ 'content-type': 'application/json' }) };
  });
  const fake = createFakeHost('wx');
  const tracker = createTracker({ endpoint: 'https://collect.test', writeKey: 'el_pub_test', platform: fake.host, trackLaunch: false });
  for (let n = 0; n < 20; n++) tracker.track('cl_tap', { cl_n: n });
  // 90 s of the host's clock, in seconds or less of the test's.
  for (let ms = 0; ms < 90_000; ms += 1000) await vi.advanceTimersByTimeAsync(1000);

  const delivered = batches.filter((b) => b.status === 200).flatMap((b) => b.runs);
  expect(delivered.sort((a, b) => a - b)).toEqual([...Array(20).keys()].filter((n) => n !== 7));
  expect(batches.filter((b) => b.runs.length === 1 && b.runs[0] === 7)).toHaveLength(5);
  expect(batches.find((b) => b.dropped)).toMatchObject({ dropped: 1, status: 200 });
  // Nothing left in the stored queue.
  const manifest = fake.storage.read('eventline:queue').data as { chunks: unknown[]; dropped: number };
  expect(manifest).toMatchObject({ chunks: [], dropped: 0 });
  // The host's storage answers on its (fake) timers.
  const stopped = tracker.shutdown();
  await vi.advanceTimersByTimeAsync(1000);
  await stopped;
});
