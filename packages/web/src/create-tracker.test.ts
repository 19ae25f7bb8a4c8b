// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import type { EventBatch } from '@eventline/protocol';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { createTracker, type WebTracker } from './create-tracker';
import { stubAcceptingFetch } from './testing/stub-fetch';

let batches: EventBatch[];
const trackers: WebTracker[] = [];
const options = { endpoint: 'https://collect.test', writeKey: 'el_pub_test', debug: false };

beforeEach(() => {
  batches = stubAcceptingFetch();
});
afterEach(async () => {
  for (const t of trackers.splice(0)) await t.shutdown();
  vi.unstubAllGlobals();
});
const start = (storagePrefix: string, extra: object = {}) => {
  const tracker = createTracker({ ...options, storagePrefix, ...extra });
  trackers.push(tracker);
  return tracker;
};

it('page() sends a page_view with url, title, referrer and utm_*, properties added', async () => {
  history.replaceState(null, '', '/landing?utm_source=ads');
  document.title = 'Landing';
  const tracker = start('page');
  tracker.page({ cl_variant: 'b' });
  await tracker.flush();
  const event = batches.flatMap((b) => b.events).find((e) => e.event === 'page_view');
  expect(event?.properties).toMatchObject({ url: `${location.origin}/landing?utm_source=ads`, title: 'Landing', utm_source: 'ads', cl_variant: 'b' });
  expect(event?.context).toMatchObject({ library: { name: '@eventline/web' }, page: { path: '/landing' } });
});

it('keeps events in IndexedDB while offline, and a tracker of the next visit sends them', async () => {
  vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
  const first = start('visit', { flushInterval: 60_000 });
  first.track('cl_offline_one');
  first.track('cl_offline_two');
  await first.flush();
  await first.shutdown();

  const sent = stubAcceptingFetch();
  const second = start('visit');
  await second.flush();
  expect(sent.flatMap((b) => b.events.map((e) => e.event))).toEqual(['cl_offline_one', 'cl_offline_two']);
});

it('falls back to memory where IndexedDB is missing, and keeps working', async () => {
  vi.stubGlobal('indexedDB', undefined);
  const tracker = start('no-idb');
  expect(() => tracker.track('cl_still_works')).not.toThrow();
  await tracker.flush();
  expect(batches.flatMap((b) => b.events.map((e) => e.event))).toContain('cl_still_works');
});

it('keeps in localStorage what a page going away had only in memory, and the next page sends it', async () => {
  vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
  // The page is unloaded before its IndexedDB write completes: that write never does.
  const unloading = { get: async () => undefined, set: () => new Promise<void>(() => {}), del: () => new Promise<void>(() => {}) };
  const gone = createTracker({ ...options, storagePrefix: 'gone' }, { storage: unloading });
  await gone.ready();
  gone.track('cl_last_one');
  gone.track('cl_last_two');
  dispatchEvent(new Event('pagehide'));
  // Stops its timers and listeners; its write never completes, so this never resolves.
  void gone.shutdown();

  const sent = stubAcceptingFetch();
  const next = start('gone');
  await next.flush();
  expect(sent.flatMap((b) => b.events.map((e) => e.event))).toEqual(['cl_last_one', 'cl_last_two']);
  expect(Object.keys(localStorage).filter((key) => key.startsWith('gone:'))).toEqual([]);
});
