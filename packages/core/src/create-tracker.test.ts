import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Answer } from './answer';
import { createMemoryStorage } from './memory-storage';
import type { KeyValueStorage } from './platform';
import { createMutex } from './create-mutex';
import { createTracker, type Tracker } from './create-tracker';
import { createFakePlatform } from './testing/fake-platform';
import { createMemorySyncStorage } from './testing/memory-sync-storage';
import type { TrackerOptions } from './tracker-options';
import { utf8Length } from './utf8-length';

const options: TrackerOptions = { endpoint: 'https://collect.test/', writeKey: 'wk_test' };
const trackers: Tracker[] = [];
const start = (fake = createFakePlatform(), extra: Partial<TrackerOptions> = {}) => {
  const tracker = createTracker(fake.platform, { ...options, ...extra });
  trackers.push(tracker);
  return { ...fake, tracker };
};
/** Lets the debounced write and the sends that follow it happen. */
const settle = (ms = 100) => vi.advanceTimersByTimeAsync(ms);

beforeEach(() => {
  vi.useFakeTimers({ now: Date.parse('2025-06-01T00:00:00Z') });
});
afterEach(async () => {
  for (const t of trackers.splice(0)) await t.shutdown();
  vi.useRealTimers();
});

describe('createTracker: batching', () => {
  it('sends once batchSize events are queued, without waiting for the interval', async () => {
    const { tracker, sentEvents, sent } = start(undefined, { flushInterval: 60_000 });
    await tracker.ready();
    await settle();
    for (let i = 0; i < 19; i++) tracker.track('cl_click', { cl_n: i });
    await settle();
    expect(sentEvents()).toHaveLength(0);
    tracker.track('cl_click', { cl_n: 19 });
    await settle();
    expect(sentEvents().map((e) => e.properties?.cl_n)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(sent[0]).toMatchObject({ url: 'https://collect.test/v1/events', writeKey: 'wk_test', urgent: false });
  });

  it('sends what is queued every flushInterval', async () => {
    const { tracker, sentEvents } = start(undefined, { flushInterval: 5000 });
    await tracker.ready();
    await settle(10);
    tracker.track('cl_view');
    await settle(4000);
    expect(sentEvents()).toHaveLength(0);
    await settle(1100);
    expect(sentEvents().map((e) => e.event)).toEqual(['cl_view']);
  });

  it('builds the batch envelope: sentAt by the client clock, uuid v7 ids, time and anonymous id', async () => {
    const { tracker, sent } = start();
    tracker.track('cl_view');
    await tracker.flush();
    const batch = sent[0]!.batch;
    expect(batch.sentAt).toBe(Date.now());
    expect(batch.dropped).toBeUndefined();
    const [event] = batch.events;
    expect(event!.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(event!.anonymousId).toBe(tracker.getAnonymousId());
    expect(event!.time).toBe(Date.now());
  });
});

describe('createTracker: persistence', () => {
  it('writes events to storage before sending, and a later visit sends what an earlier one left', async () => {
    const storage = createMemoryStorage();
    const first = start(createFakePlatform({ storage }));
    first.answer(new Error('offline'));
    first.tracker.track('cl_one');
    first.tracker.track('cl_two');
    await settle();
    expect(first.sent.length).toBeLessThanOrEqual(1);
    await first.tracker.shutdown();

    const second = start(createFakePlatform({ storage }));
    await second.tracker.ready();
    await settle();
    expect(second.sentEvents().map((e) => e.event)).toEqual(['cl_one', 'cl_two']);
    expect(second.tracker.getAnonymousId()).toBe(first.tracker.getAnonymousId());
    // Sent and answered: gone from storage.
    const third = start(createFakePlatform({ storage }));
    await third.tracker.ready();
    await settle();
    expect(third.sent).toHaveLength(0);
  });

  it("keeps its queue across visits in a storage that refuses values over the platform's maxValueBytes", async () => {
    // Alipay-like, scaled down: 8 KB per key, under the 25 events of 1 KB that one chunk holds by count.
    const maxValueBytes = 8 * 1024;
    const memory = createMemoryStorage();
    const refused: string[] = [];
    const storage: KeyValueStorage = {
      ...memory,
      set: (key, value) => {
        if (utf8Length(JSON.stringify(value)) <= maxValueBytes) return memory.set(key, value);
        refused.push(key);
        return Promise.reject(new Error('exceed storage item max length'));
      },
    };
    const platform = createFakePlatform({ storage });
    platform.platform.maxValueBytes = maxValueBytes;
    const first = start(platform);
    first.answer(new Error('offline'));
    await first.tracker.ready();
    for (let n = 0; n < 40; n++) first.tracker.track('cl_note', { cl_n: n, cl_text: 'x'.repeat(1000) });
    await settle();
    await first.tracker.shutdown();
    expect(refused).toEqual([]);

    const second = start(createFakePlatform({ storage }));
    await second.tracker.ready();
    await settle();
    expect(second.sentEvents().map((e) => e.properties!.cl_n)).toEqual([...Array(40).keys()]);
  });

  it('keeps calls made before init and runs them in order once ready', async () => {
    const fake = createFakePlatform();
    const tracker = createTracker(fake.platform);
    trackers.push(tracker);
    tracker.register({ channel: 'web' });
    tracker.track('cl_early');
    tracker.identify({ external_id: 'u-1' });
    tracker.track('cl_later');
    tracker.init(options);
    await tracker.flush();
    const [early, identify, later] = fake.sentEvents();
    expect(early).toMatchObject({ event: 'cl_early', properties: { channel: 'web' } });
    expect(identify).toMatchObject({ event: 'identify', identities: { external_id: 'u-1' } });
    expect(early!.identities).toBeUndefined();
    expect(later).toMatchObject({ event: 'cl_later', identities: { external_id: 'u-1' } });
  });
});

describe('createTracker: retry', () => {
  it('backs off on 503 and does not send again before Retry-After', async () => {
    const { tracker, sent, answer } = start();
    await tracker.ready();
    answer({ status: 503, retryAfter: '30', body: { error: { code: 'storage_unavailable', message: 'busy' } } });
    tracker.track('cl_a');
    await tracker.flush();
    expect(sent).toHaveLength(1);
    tracker.track('cl_b');
    await settle(29_000);
    expect(sent).toHaveLength(1);
    await settle(2000);
    expect(sent).toHaveLength(2);
    expect(sent[1]!.batch.events.map((e) => e.event)).toEqual(['cl_a', 'cl_b']);
  });

  it('waits longer after each network failure, and sends again at once when back online', async () => {
    const { tracker, sent, answer, online } = start(undefined, { flushInterval: 1_000_000 });
    await tracker.ready();
    await settle();
    answer(new Error('offline'), new Error('offline'), new Error('offline'));
    tracker.track('cl_a');
    await tracker.flush();
    const times: number[] = [Date.now()];
    for (let i = 0; i < 120 && sent.length < 3; i++) {
      const before = sent.length;
      await settle(250);
      if (sent.length > before) times.push(Date.now());
    }
    expect(sent).toHaveLength(3);
    const gaps = [times[1]! - times[0]!, times[2]! - times[1]!];
    expect(gaps[0]).toBeGreaterThanOrEqual(500);
    expect(gaps[1]).toBeGreaterThanOrEqual(1000);
    online();
    await settle(10);
    expect(sent).toHaveLength(4);
    expect(sent[3]!.batch.events.map((e) => e.event)).toEqual(['cl_a']);
  });

  it('on a refused request (401) keeps the events, reports once, and stops until flush() is called', async () => {
    const answers: Answer[] = [];
    const { tracker, sent, answer } = start(undefined, { flushInterval: 1000, onAnswer: (a) => answers.push(a) });
    await tracker.ready();
    answer({ status: 401, body: { error: { code: 'invalid_key', message: 'unknown key' } } });
    tracker.track('cl_a');
    await tracker.flush();
    tracker.track('cl_b');
    await settle(20_000);
    expect(sent).toHaveLength(1);
    expect(answers[0]).toMatchObject({ ok: false, status: 401, error: { name: 'CollectorError', code: 'invalid_key' }, retryInMs: undefined });
    await tracker.flush();
    expect(sent).toHaveLength(2);
    expect(sent[1]!.batch.events.map((e) => e.event)).toEqual(['cl_a', 'cl_b']);
  });
});

describe('createTracker: answers', () => {
  it('reports rejected events with their codes and never sends them again', async () => {
    const answers: Answer[] = [];
    const { tracker, sent, answer } = start();
    tracker.onAnswer((a) => answers.push(a));
    await tracker.ready();
    answer((request) => ({
      status: 200,
      body: { accepted: 1, duplicates: 0, rejected: [{ index: 1, uuid: request.batch.events[1]!.uuid, code: 'unknown_event', message: 'no definition', path: 'event' }] },
    }));
    tracker.track('cl_known');
    tracker.track('cl_unknown');
    await tracker.flush();
    expect(answers[0]).toMatchObject({ ok: true, accepted: 1, rejected: [{ code: 'unknown_event', event: { event: 'cl_unknown' } }] });
    await tracker.flush();
    await settle(20_000);
    expect(sent).toHaveLength(1);
  });
});

describe('createTracker: cap', () => {
  it('drops the oldest past maxQueue and sends the dropped count with the next batch, once', async () => {
    const { tracker, sent, answer } = start(undefined, { maxQueue: 5, batchSize: 100, flushInterval: 1_000_000 });
    await tracker.ready();
    // A refused request holds the queue, as a bad key would.
    answer({ status: 403, body: { error: { code: 'origin_not_allowed', message: 'no' } } });
    await settle();
    for (let i = 0; i < 8; i++) tracker.track('cl_a', { cl_n: i });
    await settle();
    await settle(10_000);
    expect(sent).toHaveLength(0);
    await tracker.flush();
    expect(sent).toHaveLength(1);
    await tracker.flush();
    expect(sent).toHaveLength(2);
    const batch = sent[1]!.batch;
    expect(sent[0]!.batch).toEqual({ ...batch, sentAt: sent[0]!.batch.sentAt });
    expect(batch.events.map((e) => e.properties?.cl_n)).toEqual([3, 4, 5, 6, 7]);
    expect(batch.dropped).toBe(3);
    tracker.track('cl_after');
    await tracker.flush();
    expect(sent.at(-1)!.batch.dropped).toBeUndefined();
  });
});

describe('createTracker: people', () => {
  it('puts identities from identify and registered properties on every later event', async () => {
    const { tracker, sentEvents } = start();
    tracker.track('cl_before');
    tracker.identify({ external_id: 'c-42', email: 'x@y.z' });
    tracker.register({ channel: 'web', cl_plan: 'pro' });
    tracker.track('cl_after', { cl_plan: 'free' });
    tracker.register({ cl_plan: null });
    tracker.track('cl_last');
    // Already known: no second identify event.
    tracker.identify({ email: 'x@y.z' });
    await tracker.flush();
    const [before, identify, after, last, ...rest] = sentEvents();
    expect(rest).toEqual([]);
    expect(before!.identities).toBeUndefined();
    expect(identify).toMatchObject({ event: 'identify', identities: { external_id: 'c-42', email: 'x@y.z' } });
    expect(after).toMatchObject({ identities: { external_id: 'c-42', email: 'x@y.z' }, properties: { channel: 'web', cl_plan: 'free' } });
    expect(last!.properties).toEqual({ channel: 'web' });
  });

  it('reset gives a new anonymous id and forgets identities', async () => {
    const { tracker, sentEvents } = start();
    tracker.identify({ external_id: 'c-1' });
    tracker.track('cl_a');
    tracker.reset();
    tracker.track('cl_b');
    await tracker.flush();
    const [, a, b] = sentEvents();
    expect(a!.identities).toEqual({ external_id: 'c-1' });
    expect(b!.anonymousId).not.toBe(a!.anonymousId);
    expect(b!.identities).toBeUndefined();
    expect(tracker.getAnonymousId()).toBe(b!.anonymousId);
  });

  it('opted out: nothing is queued or sent, across visits, until optIn', async () => {
    const storage = createMemoryStorage();
    const first = start(createFakePlatform({ storage }));
    first.tracker.track('cl_queued');
    first.tracker.optOut();
    first.tracker.track('cl_ignored');
    await first.tracker.flush();
    await settle(10_000);
    expect(first.sent).toHaveLength(0);
    await first.tracker.shutdown();

    const second = start(createFakePlatform({ storage }));
    second.tracker.track('cl_still_out');
    await second.tracker.flush();
    expect(second.sent).toHaveLength(0);
    second.tracker.optIn();
    second.tracker.track('cl_in');
    await second.tracker.flush();
    expect(second.sentEvents().map((e) => e.event)).toEqual(['cl_in']);
  });

  it('never throws into the caller for bad input', async () => {
    const { tracker, sentEvents } = start();
    expect(() => {
      tracker.track('Bad Id');
      tracker.track(undefined as never, 'nope' as never, 5 as never);
      tracker.identify(null as never);
      tracker.register(undefined as never);
      tracker.init(undefined as never);
    }).not.toThrow();
    tracker.track('cl_fine');
    await tracker.flush();
    expect(sentEvents().map((e) => e.event)).toEqual(['cl_fine']);
  });
});

describe('createTracker: page lifecycle', () => {
  it('on hide, sends what is only in memory at once, as an urgent request', async () => {
    const { tracker, sent, hide } = start();
    await tracker.ready();
    await settle();
    tracker.track('cl_last_click');
    hide();
    // Synchronously: no timer or await has run yet.
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ urgent: true });
    expect(sent[0]!.batch.events.map((e) => e.event)).toEqual(['cl_last_click']);
    await settle();
    expect(sent).toHaveLength(1);
  });
});

describe('createTracker: a page gone right after hide', () => {
  /** Storage of a page being unloaded: the browser aborts its writes, so they never complete. */
  const unloading = () => ({ get: async () => undefined, set: () => new Promise<void>(() => {}), del: () => new Promise<void>(() => {}) });

  it('keeps in the sync storage what was only in memory, and the next start sends it', async () => {
    const syncStorage = createMemorySyncStorage();
    // Not shut down after the test: its write never completes, and the page it stands for is gone.
    const gone = createFakePlatform({ storage: unloading() });
    gone.platform.syncStorage = () => syncStorage;
    const goneTracker = createTracker(gone.platform, options);
    await goneTracker.ready();
    gone.answer(new Error('dropped by the network'));
    goneTracker.track('cl_one');
    goneTracker.track('cl_two');
    gone.hide();
    expect(gone.sent).toHaveLength(1);

    const next = start(createFakePlatform());
    next.platform.syncStorage = () => syncStorage;
    await next.tracker.ready();
    await settle();
    expect(next.sentEvents().map((e) => e.event)).toEqual(['cl_one', 'cl_two']);
    expect(next.sentEvents().map((e) => e.uuid)).toEqual(gone.sent[0]!.batch.events.map((e) => e.uuid));
    expect(Object.keys(syncStorage)).toEqual([]);
  });

  it('sends each in-memory event once per page life, though pagehide and visibilitychange both hide a closing page', async () => {
    const syncStorage = createMemorySyncStorage();
    const gone = createFakePlatform({ storage: unloading() });
    gone.platform.syncStorage = () => syncStorage;
    const goneTracker = createTracker(gone.platform, options);
    await goneTracker.ready();
    for (let i = 0; i < 20; i++) goneTracker.track('cl_click', { cl_n: i });
    gone.hide(); // pagehide
    await vi.advanceTimersByTimeAsync(7);
    gone.hide(); // visibilitychange: hidden, ~7 ms later
    await settle(1000);
    expect(gone.sentEvents()).toHaveLength(20);
    expect(new Set(gone.sentEvents().map((e) => e.uuid)).size).toBe(20);

    // What the closing page never heard answered is sent again by the next one (at least once).
    const next = start(createFakePlatform());
    next.platform.syncStorage = () => syncStorage;
    await next.tracker.ready();
    await settle();
    expect(next.sentEvents().map((e) => e.uuid)).toEqual(gone.sentEvents().map((e) => e.uuid));
  });

  it('keeps calls made before the stored state loaded when the page goes first, and the next start sends them', async () => {
    const syncStorage = createMemorySyncStorage();
    // The stored state never arrives: the page goes within the first milliseconds.
    const gone = createFakePlatform({ storage: { get: () => new Promise(() => {}), set: () => new Promise<void>(() => {}), del: () => new Promise<void>(() => {}) } });
    gone.platform.syncStorage = () => syncStorage;
    const goneTracker = createTracker(gone.platform, options);
    const at = Date.now();
    goneTracker.track('cl_ad_click', { cl_n: 1 }, { tags: ['spring'] });
    goneTracker.track('cl_ad_click', { cl_n: 2 });
    gone.hide();
    expect(gone.sent).toHaveLength(0);

    const next = start(createFakePlatform());
    next.platform.syncStorage = () => syncStorage;
    await next.tracker.ready();
    await settle();
    expect(next.sentEvents().map((e) => [e.event, e.properties?.cl_n, e.time])).toEqual([
      ['cl_ad_click', 1, at],
      ['cl_ad_click', 2, at],
    ]);
    expect(next.sentEvents()[0]).toMatchObject({ tags: ['spring'], anonymousId: next.tracker.getAnonymousId() });
    expect(Object.keys(syncStorage)).toEqual([]);
  });

  it('does not send twice the early calls of a page that hid before its load and lived on', async () => {
    const syncStorage = createMemorySyncStorage();
    const fake = createFakePlatform();
    fake.platform.syncStorage = () => syncStorage;
    const { tracker, sentEvents, hide } = start(fake);
    tracker.track('cl_view');
    hide();
    await tracker.ready();
    await settle();
    expect(sentEvents().map((e) => e.event)).toEqual(['cl_view']);
    expect(Object.keys(syncStorage)).toEqual([]);
  });

  it('removes the saved copy once the page lived to write the events to storage', async () => {
    const syncStorage = createMemorySyncStorage();
    const { tracker, platform, hide, answer } = start();
    platform.syncStorage = () => syncStorage;
    await tracker.ready();
    answer(new Error('offline'));
    tracker.track('cl_one');
    hide();
    expect(Object.values(syncStorage).join()).toContain('cl_one');
    await settle();
    expect(Object.keys(syncStorage)).toEqual([]);
  });

  it('still sends and writes on hide when the sync storage refuses (quota, blocked storage)', async () => {
    const { tracker, platform, hide, sentEvents } = start();
    platform.syncStorage = () => {
      throw new Error('SecurityError');
    };
    await tracker.ready();
    tracker.track('cl_one');
    expect(() => hide()).not.toThrow();
    await settle();
    expect(sentEvents().map((e) => e.event)).toEqual(['cl_one']);
  });
});

describe('createTracker: several instances on one storage (tabs)', () => {
  it('sends every event once when two trackers share storage and lock', async () => {
    const storage = createMemoryStorage();
    const lock = createMutex();
    const a = start(createFakePlatform({ storage, lock }), { batchSize: 5 });
    const b = start(createFakePlatform({ storage, lock }), { batchSize: 5 });
    for (let i = 0; i < 30; i++) {
      a.tracker.track('cl_a', { cl_n: i });
      b.tracker.track('cl_b', { cl_n: i });
      if (i % 7 === 0) await settle(30);
    }
    await settle(10_000);
    const all = [...a.sentEvents(), ...b.sentEvents()];
    expect(all).toHaveLength(60);
    expect(new Set(all.map((e) => e.uuid)).size).toBe(60);
  });
});

describe('createTracker: lone surrogates', () => {
  it('replaces them with U+FFFD at track(), so no payload carries one a strict JSON store refuses', async () => {
    const fake = createFakePlatform();
    fake.platform.context = () => ({ page: { url: 'https://shop.test/\uD83D', path: '/\uDE00' } });
    const { tracker, sent } = start(fake);
    tracker.identify({ external_id: 'c\uD800' });
    tracker.register({ cl_super: 'x\uDBFF' });
    tracker.track('cl_view', { cl_title: 'half an emoji: \uD83D', 'cl_key\uDC00': 'ok', cl_pair: '😀' }, { tags: ['t\uDFFF'] });
    await tracker.flush();
    const body = sent.map((r) => r.body).join('\n');
    expect(body).not.toMatch(/\\ud[89a-f]/i);
    const view = sent.flatMap((r) => r.batch.events).find((e) => e.event === 'cl_view')!;
    expect(view.properties).toEqual({ cl_super: 'x\uFFFD', cl_title: 'half an emoji: \uFFFD', 'cl_key\uFFFD': 'ok', cl_pair: '😀' });
    expect(view.tags).toEqual(['t\uFFFD']);
    expect(view.identities).toEqual({ external_id: 'c\uFFFD' });
    expect(view.context).toEqual({ page: { url: 'https://shop.test/\uFFFD', path: '/\uFFFD' } });
  });
});

describe('createTracker: an event the collector fails on', () => {
  it('is isolated by halving the batch, the others are delivered, and it is dropped and counted after its bound', async () => {
    const fake = createFakePlatform();
    const batches: Array<{ events: string[]; dropped?: number | undefined; status: number }> = [];
    // A collector that answers 500 to every batch holding cl_poison, forever.
    fake.platform.send = async ({ body }) => {
      const batch = JSON.parse(body) as { dropped?: number; events: Array<{ event: string; properties?: { cl_n?: number } }> };
      const status = batch.events.some((e) => e.event === 'cl_poison') ? 500 : 200;
      batches.push({ events: batch.events.map((e) => `${e.event}:${e.properties?.cl_n}`), dropped: batch.dropped, status });
      return status === 200 ? { status, body: { accepted: batch.events.length, duplicates: 0, rejected: [] } } : { status, body: { error: { code: 'internal', message: 'boom' } } };
    };
    const { tracker } = start(fake, { flushInterval: 1_000_000 });
    await tracker.ready();
    for (let n = 0; n < 20; n++) tracker.track(n === 13 ? 'cl_poison' : 'cl_click', { cl_n: n });
    await settle(90_000);
    const delivered = batches.filter((b) => b.status === 200).flatMap((b) => b.events);
    expect(delivered.sort()).toEqual(Array.from({ length: 20 }, (_, n) => `cl_click:${n}`).filter((e) => e !== 'cl_click:13').sort());
    // Retried alone, with backoff, up to the bound, then given up on.
    const alone = batches.filter((b) => b.events.length === 1 && b.events[0] === 'cl_poison:13');
    expect(alone).toHaveLength(5);
    // Never silently: the next batch answered tells the collector one event was dropped, once.
    const counted = batches.findIndex((b) => b.dropped === 1);
    expect(batches[counted]!.status).toBe(200);
    expect(counted).toBeGreaterThan(batches.indexOf(alone.at(-1)!));
    expect(batches.filter((b) => b.dropped).length).toBe(1);
  });

  it('does not split or drop on network errors or 503s: the collector is away, not failing on an event', async () => {
    const { tracker, sent, answer } = start(undefined, { flushInterval: 1_000_000 });
    await tracker.ready();
    for (let i = 0; i < 12; i++) answer(i % 2 ? new Error('offline') : { status: 503, body: { error: { code: 'storage_unavailable', message: 'busy' } } });
    for (let n = 0; n < 4; n++) tracker.track('cl_click', { cl_n: n });
    await settle(3_600_000);
    expect(sent.every((r) => r.batch.events.length === 4)).toBe(true);
    expect(sent.at(-1)!.batch.dropped).toBeUndefined();
  });
});
