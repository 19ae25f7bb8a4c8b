import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { skipReason, waitFor } from '../web/browser-harness';
import { startProxy } from '../support/start-proxy';
import { sdkLoaded, siteBehindProxy } from './site-behind-proxy';

const reason = skipReason();
if (reason) console.warn(`[closing page] skipped: ${reason}`);

/**
 * A proxy in front of the collector that passes everything on and, for each POST (the SDK's sends),
 * notes the cl_n of every event in it under the page life the test says is running.
 */
function startCountingProxy(target: string) {
  const state = { life: 'first', sends: [] as Array<{ life: string; ns: number[] }> };
  return startProxy(target, ({ req, body, forward }) => {
    if (req.method === 'POST') {
      try {
        const batch = JSON.parse(body.toString()) as { events: Array<{ properties?: { cl_n?: number } }> };
        state.sends.push({ life: state.life, ns: batch.events.map((e) => e.properties?.cl_n ?? -1) });
      } catch {
        state.sends.push({ life: state.life, ns: [] });
      }
    }
    forward();
  }).then((proxy) => ({ ...proxy, state }));
}

type Eventline = { track(e: string, p: object): void; ready(): Promise<void>; flush(): Promise<void>; getAnonymousId(): string | undefined };

/**
 * In `page` only, IndexedDB opens once the page calls `window.openIndexedDb()`, and not before: the
 * SDK's load of its stored state waits as long as a test needs.
 */
const holdIndexedDbOpen = (page: Page) =>
  page.addInitScript(() => {
    const open = indexedDB.open.bind(indexedDB);
    let release!: () => void;
    const opened = new Promise<void>((resolve) => (release = resolve));
    (window as unknown as { openIndexedDb: () => void }).openIndexedDb = release;
    indexedDB.open = (...args: Parameters<typeof open>) => {
      const late = {} as Record<string, unknown>;
      void opened.then(() => {
        const real = open(...args);
        for (const key of ['onsuccess', 'onerror', 'onupgradeneeded', 'onblocked']) if (late[key]) (real as unknown as Record<string, unknown>)[key] = late[key];
        Object.defineProperty(late, 'result', { get: () => real.result });
      });
      return late as unknown as IDBOpenDBRequest;
    };
  });

/**
 * The two promises core makes about a page that goes away quickly, in real Chromium: an event still
 * only in memory is sent once by that page however many of its close events fire, and calls made
 * before the stored state loaded are kept for the next page.
 */
describe.skipIf(reason)('a page that closes right after track()', () => {
  const setup = siteBehindProxy({ id: 'cl_close', name: 'Close' }, startCountingProxy);
  const { stored, open } = setup;
  /** How often each cl_n at or over `from` reached the proxy during one page life. */
  const sendsIn = (life: string, from: number) => {
    const counts = new Map<number, number>();
    for (const send of setup.proxy.state.sends) if (send.life === life) for (const n of send.ns) if (n >= from) counts.set(n, (counts.get(n) ?? 0) + 1);
    return counts;
  };
  /** Closes the page as a user does (pagehide, then visibilitychange), without waiting for more. */
  const close = async (page: Page) => {
    const closed = new Promise((resolve) => page.once('close', resolve));
    await page.close({ runBeforeUnload: true });
    await closed;
  };
  const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

  it('sends each of 20 events at most once from a page closed within 50 ms, and stores each once', async () => {
    const context = await setup.browser.newContext();
    // Chromium ends a context whose last page closes: a blank tab keeps it (and its storage) alive.
    await context.newPage();
    const page = await open(context);
    await page.evaluate(() => (window as unknown as { eventline: Eventline }).eventline.ready());
    // The page holds the queue's lock until it goes, so the events cannot reach IndexedDB first: what
    // is sent on closing is sent from memory, by both close events, whatever the machine's speed.
    await page.evaluate(() => new Promise<void>((locked) => void navigator.locks.request('eventline:queue', () => (locked(), new Promise(() => {})))));
    setup.proxy.state.life = 'closing';
    // The page notes in localStorage (written synchronously) when the tracks ended and when it was hidden.
    await page.evaluate(() => addEventListener('pagehide', () => localStorage.setItem('test:hiddenAt', String(Date.now()))));
    // The close is asked right behind the tracks, without waiting for their answer.
    const tracked = page
      .evaluate((ns) => {
        const tracker = (window as unknown as { eventline: Eventline }).eventline;
        for (const n of ns) tracker.track('cl_close', { cl_n: n });
        localStorage.setItem('test:trackedAt', String(Date.now()));
      }, range(100, 20))
      .catch(() => undefined);
    await close(page);
    await tracked;
    // Keepalive requests of a closed page may reach the proxy a little after it is gone.
    await new Promise((r) => setTimeout(r, 1500));
    const fromClosing = sendsIn('closing', 100);
    expect([...fromClosing.keys()].length, 'the closing page sent nothing').toBeGreaterThan(0);
    for (const [n, times] of fromClosing) expect(times, `cl_n ${n} sent by the closing page`).toBe(1);

    // The next page resends what it cannot know was confirmed (the sync copy of memory); counted apart.
    setup.proxy.state.life = 'next';
    const next = await open(context);
    const [trackedAt, hiddenAt] = await next.evaluate(() => [Number(localStorage.getItem('test:trackedAt')), Number(localStorage.getItem('test:hiddenAt'))]);
    expect(trackedAt, 'the tracks ran before the close').toBeGreaterThan(0);
    expect(hiddenAt - trackedAt, 'closed within 50 ms of the tracks').toBeLessThan(50);
    await next.evaluate(() => (window as unknown as { eventline: Eventline }).eventline.flush());
    await waitFor(() => stored(100), (s) => s.length >= 20);
    await new Promise((r) => setTimeout(r, 1000));
    expect(stored(100)).toEqual(range(100, 20));
    await context.close();
  });

  it('keeps the calls made before the stored state loaded, from a page gone within milliseconds', async () => {
    const context = await setup.browser.newContext();
    await context.newPage();
    // IndexedDB does not open in this page: the SDK's load of its stored state is still under way when it goes.
    const slow = await context.newPage();
    await holdIndexedDbOpen(slow);
    setup.proxy.state.life = 'early';
    await slow.goto(setup.site.url);
    await sdkLoaded(slow);
    const loadedBefore = await slow.evaluate((ns) => {
      const tracker = (window as unknown as { eventline: Eventline }).eventline;
      for (const n of ns) tracker.track('cl_close', { cl_n: n });
      return tracker.getAnonymousId() !== undefined;
    }, range(200, 5));
    expect(loadedBefore, 'the stored state had loaded already').toBe(false);
    await close(slow);
    await new Promise((r) => setTimeout(r, 500));
    expect(sendsIn('early', 200).size, 'a page that never loaded its state sent events').toBe(0);

    setup.proxy.state.life = 'after';
    const next = await open(context);
    await next.evaluate(() => (window as unknown as { eventline: Eventline }).eventline.flush());
    await waitFor(() => stored(200), (s) => s.length >= 5);
    await new Promise((r) => setTimeout(r, 1000));
    expect(stored(200)).toEqual(range(200, 5));
    for (const [n, times] of sendsIn('after', 200)) expect(times, `cl_n ${n} sent by the next page`).toBe(1);
    await context.close();
  });

  it('keeps the calls made before the stored state loaded when the load ends after the page was hidden', async () => {
    const context = await setup.browser.newContext();
    await context.newPage();
    // IndexedDB opens only when the test says so: the page is hidden while the SDK's load waits on it.
    const page = await context.newPage();
    await holdIndexedDbOpen(page);
    setup.proxy.state.life = 'hidden early';
    await page.goto(setup.site.url);
    await sdkLoaded(page);
    await page.evaluate((ns) => {
      const tracker = (window as unknown as { eventline: Eventline }).eventline;
      for (const n of ns) tracker.track('cl_close', { cl_n: n });
    }, range(300, 5));
    // The page closes: its pagehide runs before the load. Then the load ends while the page is still
    // being torn down, and the page goes before the queue write, held here by the queue's lock, is done.
    await page.evaluate(() => new Promise<void>((locked) => void navigator.locks.request('eventline:queue', () => (locked(), new Promise(() => {})))));
    await page.evaluate(() => dispatchEvent(new PageTransitionEvent('pagehide')));
    await page.evaluate(() => {
      (window as unknown as { openIndexedDb: () => void }).openIndexedDb();
      return (window as unknown as { eventline: Eventline }).eventline.ready();
    });
    // Gone without another page event, as a page whose close events have all fired already.
    const session = await context.newCDPSession(page);
    // Page.crash is never answered: the renderer is gone first.
    const crashed = new Promise((resolve) => page.once('crash', resolve));
    void session.send('Page.crash').catch(() => undefined);
    await crashed;
    await new Promise((r) => setTimeout(r, 500));
    // Hidden already, the page sends them as soon as it can: once the load has ended, and once only.
    expect(Object.fromEntries(sendsIn('hidden early', 300))).toEqual(Object.fromEntries(range(300, 5).map((n) => [n, 1])));

    setup.proxy.state.life = 'after hidden early';
    const next = await open(context);
    await next.evaluate(() => (window as unknown as { eventline: Eventline }).eventline.flush());
    await waitFor(() => stored(300), (s) => s.length >= 5);
    await new Promise((r) => setTimeout(r, 1000));
    expect(stored(300)).toEqual(range(300, 5));
    await context.close();
  });
});
