// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { afterEach, expect, it, vi } from 'vitest';
import { snippet } from './snippet';
import { stubAcceptingFetch } from './testing/stub-fetch';

afterEach(() => {
  vi.unstubAllGlobals();
});

it('the snippet queues calls until the script loads, which replays them in order', async () => {
  const batches = stubAcceptingFetch();
  // The snippet as a page runs it: it defines the stub and adds the async script tag.
  new Function(snippet('https://cdn.test/eventline.min.js'))();
  type Call = (...args: unknown[]) => void;
  const stub = (window as unknown as { eventline: unknown[] & { init: Call; track: Call; identify: Call; register: Call } }).eventline;
  expect(document.querySelector('script[src="https://cdn.test/eventline.min.js"]')).not.toBeNull();
  stub.register({ channel: 'web' });
  stub.track('cl_first', { cl_n: 1 });
  stub.init({ endpoint: 'https://collect.test', writeKey: 'el_pub_test', storagePrefix: 'snippet' });
  stub.identify({ external_id: 'c-1' });
  stub.track('cl_second', { cl_n: 2 });
  // A call an older or newer snippet might queue: skipped, not thrown.
  stub.push(['nosuchmethod', 1]);
  expect(stub).toHaveLength(6);

  // The script arrives.
  await import('./entrypoints/script-tag');
  const tracker = (window as unknown as { eventline: { flush(): Promise<void>; shutdown(): Promise<void> } }).eventline;
  expect(Array.isArray(tracker)).toBe(false);
  await tracker.flush();
  const events = batches.flatMap((b) => b.events);
  expect(events.map((e) => e.event)).toEqual(['cl_first', 'identify', 'cl_second']);
  expect(events[0]).toMatchObject({ properties: { channel: 'web', cl_n: 1 } });
  expect(events[0]!.identities).toBeUndefined();
  expect(events[2]).toMatchObject({ identities: { external_id: 'c-1' }, properties: { channel: 'web', cl_n: 2 } });
  await tracker.shutdown();
});
