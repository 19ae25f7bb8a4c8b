import Sqlite from 'better-sqlite3';
import { readEvents, startCollector, type RunningCollector } from '../../../test/support/collector-process';
import type { Answer } from '@eventline/core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTracker, type MiniProgramTrackerOptions } from './create-tracker';
import { defineTap, newRun, storedTaps } from './testing/collector-fixture';
import { createFakeHost, type FakeHost } from './testing/fake-host';
import { createFakeStorageArea } from './testing/fake-storage-area';

let collector: RunningCollector;

beforeAll(async () => {
  collector = await startCollector();
  await defineTap(collector);
});

afterAll(async () => {
  await collector.stop();
});

const start = (fake: FakeHost, options: Partial<MiniProgramTrackerOptions> = {}) => {
  const answers: Answer[] = [];
  const tracker = createTracker({ endpoint: collector.url, writeKey: collector.writeKey, flushInterval: 200, platform: fake.host, onAnswer: (a) => answers.push(a), ...options });
  return { tracker, answers };
};

const tap = (tracker: ReturnType<typeof createTracker>, run: string, count: number, extra: Record<string, string> = {}) => {
  for (let n = 0; n < count; n++) tracker.track('cl_tap', { cl_run: run, cl_n: n, ...extra });
};

/** Events in the stored queue as its manifest counts them: a chunk it does not name yet is not queued. */
const queuedInStorage = (fake: FakeHost) => {
  const manifest = fake.storage.read('eventline:queue').data as { chunks: Array<{ id: number }> } | undefined;
  return (manifest?.chunks ?? []).reduce((n, c) => n + (fake.storage.read(`eventline:chunk:${c.id}`).data as unknown[]).length, 0);
};

const settle = (ms = 400) => new Promise((resolve) => setTimeout(resolve, ms));

describe('createTracker against a real collector', () => {
  it.each(['wx', 'my', 'tt'] as const)('on %s, stores every tracked event once, with the launch, and leaves the stored queue empty', async (name) => {
    const fake = createFakeHost(name, { launch: { scene: 1047, path: 'pages/item/item', query: { id: '42', from: 'qr code' } } });
    const { tracker } = start(fake);
    const run = newRun();
    tap(tracker, run, 45);

    await vi.waitFor(() => expect(storedTaps(collector, run)).toHaveLength(45), { timeout: 10_000 });
    await tracker.flush();
    await settle();
    const stored = storedTaps(collector, run);
    expect(stored.map((e) => e.properties.cl_n).sort((a, b) => Number(a) - Number(b))).toEqual([...Array(45).keys()]);
    expect(new Set(stored.map((e) => e.uuid)).size).toBe(45);
    expect(queuedInStorage(fake)).toBe(0);
    const launch = readEvents(collector.dbPath).find((e) => e.event === 'mp_launch' && e.customer_id === stored[0]!.customer_id);
    expect(launch?.properties).toEqual({ scene: 1047, path: 'pages/item/item', query: 'id=42&from=qr%20code' });
    // Sent the way the host reads it (`header` on wx and tt, `headers` on Alipay), the key as a Bearer token.
    expect(fake.requests[0]!.headers.authorization).toBe(`Bearer ${collector.writeKey}`);
    await tracker.shutdown();
  });

  it('keeps events while offline and sends them as soon as the network is back, not after the backoff', async () => {
    const fake = createFakeHost('wx', { online: false });
    const { tracker } = start(fake, { trackLaunch: false });
    const run = newRun();
    tap(tracker, run, 5);

    // Three failures: the next retry is at least 2 s away (1 s doubling, half of it random).
    await vi.waitFor(() => expect(fake.requests.length).toBeGreaterThanOrEqual(3), { timeout: 10_000, interval: 50 });
    expect(storedTaps(collector, run)).toHaveLength(0);
    expect(queuedInStorage(fake)).toBe(5);

    const onlineAt = Date.now();
    fake.setOnline(true);
    await vi.waitFor(() => expect(storedTaps(collector, run)).toHaveLength(5), { timeout: 10_000, interval: 20 });
    expect(fake.requests.at(-1)!.at - onlineAt).toBeLessThan(1000);
    await tracker.shutdown();
  });

  it('sends at the next launch what a killed app had queued, exactly once', async () => {
    const storage = createFakeStorageArea();
    const first = createFakeHost('wx', { storage, online: false });
    const run = newRun();
    tap(start(first, { trackLaunch: false }).tracker, run, 12);
    await vi.waitFor(() => expect(queuedInStorage(first)).toBe(12), { interval: 10 });
    first.kill();

    const second = createFakeHost('wx', { storage });
    const { tracker, answers } = start(second, { trackLaunch: false });
    await vi.waitFor(() => expect(storedTaps(collector, run)).toHaveLength(12), { timeout: 10_000 });
    await tracker.flush();
    await settle();
    expect(storedTaps(collector, run)).toHaveLength(12);
    expect(answers.filter((a) => a.ok).reduce((n, a) => n + a.events.length, 0)).toBe(12);
    expect(queuedInStorage(second)).toBe(0);
    await tracker.shutdown();
  });

  it('resends after a relaunch what the collector stored but the killed app never heard about, stored once', async () => {
    const storage = createFakeStorageArea();
    const first = createFakeHost('wx', { storage, latencyMs: 300 });
    const run = newRun();
    tap(start(first, { trackLaunch: false, batchSize: 8 }).tracker, run, 8);
    // The collector has answered; the answer is still on its way to the app when it dies.
    await vi.waitFor(() => expect(first.requests[0]?.status).toBe(200), { timeout: 5000, interval: 5 });
    first.kill();
    expect(storedTaps(collector, run)).toHaveLength(8);

    const second = createFakeHost('wx', { storage });
    const { tracker, answers } = start(second, { trackLaunch: false });
    await vi.waitFor(() => expect(answers.some((a) => a.ok && a.duplicates === 8)).toBe(true), { timeout: 10_000 });
    expect(storedTaps(collector, run)).toHaveLength(8);
    expect(queuedInStorage(second)).toBe(0);
    await tracker.shutdown();
  });

  // Alipay keeps 200 KB per key: 25 events of 20 KB, one chunk by count, would be refused there, so
  // its chunks are closed by size. 400 of them (8 MB) stay under the 10 MB total.
  it.each([
    ['wx', 3000, 1000],
    ['my', 20_000, 400],
  ] as const)('on %s, keeps a full queue of %i-byte events under the per-key and total storage limits', { timeout: 60_000 }, async (name, bytes, count) => {
    const fake = createFakeHost(name, { online: false });
    const { tracker } = start(fake, { trackLaunch: false, maxQueue: count });
    const run = newRun();
    // More than one key may hold.
    tap(tracker, run, count, { cl_note: 'x'.repeat(bytes) });
    // Writing 8 MB through the fake host's JSON copies is slow on a loaded machine: the limits are no speed target.
    await vi.waitFor(() => expect(queuedInStorage(fake)).toBe(count), { timeout: 25_000, interval: 20 });
    expect(fake.storage.refused).toEqual([]);
    expect(fake.storage.peakKeyBytes).toBeLessThanOrEqual(fake.storage.limits.maxKeyBytes);
    expect(fake.storage.peakTotalBytes).toBeLessThanOrEqual(fake.storage.limits.maxTotalBytes);
    expect(fake.storage.peakTotalBytes).toBeGreaterThan(fake.storage.limits.maxKeyBytes);

    fake.setOnline(true);
    await vi.waitFor(() => expect(storedTaps(collector, run)).toHaveLength(count), { timeout: 30_000, interval: 100 });
    await tracker.shutdown();
  });

  it('goes on in memory when the storage refuses a write for its quota', async () => {
    const fake = createFakeHost('wx', { storage: createFakeStorageArea({ maxKeyBytes: 1024 * 1024, maxTotalBytes: 4 * 1024 }) });
    const { tracker } = start(fake, { trackLaunch: false });
    const run = newRun();
    tap(tracker, run, 30, { cl_note: 'y'.repeat(500) });
    await vi.waitFor(() => expect(storedTaps(collector, run)).toHaveLength(30), { timeout: 10_000 });
    expect(fake.storage.refused.length).toBeGreaterThan(0);
    await tracker.shutdown();
  });

  it('records page views and shares from a tracked page, and links the WeChat identities', async () => {
    const fake = createFakeHost('wx');
    const restore = fake.install();
    try {
      const startedAt = Date.now() - 1000;
      const { tracker } = start(fake, { trackLaunch: false });
      const page = { route: 'pages/item/item', options: { id: '7' } };
      fake.pages.push(page);
      const config = tracker.trackedPage(
        { onShow() {}, onShareAppMessage: () => ({ title: 'Look', path: 'pages/item/item?id=7' }), onShareTimeline: () => ({ title: 'Look' }) },
        { title: 'Item' },
      );
      config.onShow!.call(page);
      config.onShareAppMessage!.call(page);
      config.onShareTimeline!.call(page);
      tracker.identify({ wechat_openid: `o_${newRun()}`, wechat_unionid: `u_${newRun()}` });
      await tracker.flush();
      const mine = () => {
        const events = readEvents(collector.dbPath);
        const view = events.find((e) => e.event === 'page_view' && e.properties.title === 'Item' && e.properties.url === 'pages/item/item' && e.time > startedAt);
        return events.filter((e) => view && e.customer_id === view.customer_id);
      };
      await vi.waitFor(() => expect(mine().map((e) => e.event).sort()).toEqual(['identify', 'mp_share', 'mp_share', 'page_view']), { timeout: 10_000 });
      expect(mine().filter((e) => e.event === 'mp_share').map((e) => e.properties)).toEqual([
        { path: 'pages/item/item?id=7', share_target: 'friend' },
        { path: 'pages/item/item', share_target: 'timeline' },
      ]);
      await tracker.shutdown();
    } finally {
      restore();
    }
  });
});

describe('createTracker backoff against a real collector', () => {
  // Started before the tests, not in them: a collector's start on a loaded machine would eat the
  // tests' own time.
  let limited: RunningCollector;
  let busy: RunningCollector;
  beforeAll(async () => {
    [limited, busy] = await Promise.all([startCollector({ env: { EVENTLINE_RATE_LIMIT: '5' } }), startCollector()]);
    await Promise.all([defineTap(limited), defineTap(busy)]);
  });
  afterAll(async () => {
    await Promise.all([limited?.stop(), busy?.stop()]);
  });

  // Its waits add up to 20 s.
  it('waits out the Retry-After of a 429 before sending again, then stores everything once', { timeout: 30_000 }, async () => {
    const fake = createFakeHost('tt');
    const answers: Answer[] = [];
    const tracker = createTracker({ endpoint: limited.url, writeKey: limited.writeKey, platform: fake.host, trackLaunch: false, batchSize: 10, onAnswer: (a) => answers.push(a) });
    const run = newRun();
    tap(tracker, run, 10);
    await vi.waitFor(() => expect(answers).toHaveLength(1), { timeout: 5000 });
    tracker.track('cl_tap', { cl_run: run, cl_n: 10 });
    await tracker.flush();
    await vi.waitFor(() => expect(answers.map((a) => a.status)).toEqual([200, 429, 200]), { timeout: 15_000, interval: 50 });

    const [refused, retried] = fake.requests.slice(-2);
    const refusal = answers[1]!;
    const retryAfterMs = refusal.ok ? 0 : (refusal.retryInMs ?? 0);
    expect(retryAfterMs).toBeGreaterThanOrEqual(1000);
    expect(retried!.at - refused!.answeredAt!).toBeGreaterThanOrEqual(retryAfterMs - 50);
    expect(storedTaps(limited, run)).toHaveLength(11);
    await tracker.shutdown();
  });

  it('retries after a 503 from a collector whose database is locked, and loses nothing', { timeout: 40_000 }, async () => {
    const lock = new Sqlite(busy.dbPath);
    try {
      const fake = createFakeHost('my');
      const answers: Answer[] = [];
      const tracker = createTracker({ endpoint: busy.url, writeKey: busy.writeKey, platform: fake.host, trackLaunch: false, onAnswer: (a) => answers.push(a) });
      const run = newRun();
      lock.exec('BEGIN IMMEDIATE');
      tap(tracker, run, 3);
      await tracker.flush();
      await vi.waitFor(() => expect(answers[0]?.status).toBe(503), { timeout: 15_000, interval: 50 });
      lock.exec('COMMIT');
      await vi.waitFor(() => expect(answers.at(-1)?.status).toBe(200), { timeout: 20_000, interval: 50 });
      const first = answers[0]!;
      expect(first.ok ? 0 : first.retryInMs).toBeGreaterThanOrEqual(5000);
      expect(storedTaps(busy, run)).toHaveLength(3);
      await tracker.shutdown();
    } finally {
      lock.close();
    }
  });
});
