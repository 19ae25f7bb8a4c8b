import type { Answer } from '@eventline/web';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectorSupport, launchChromium, skipReason, startSite, waitFor } from './browser-harness';
import { defineEvent } from '../support/define-event';

type CollectorModule = typeof import('../support/collector-process');
type Collector = Awaited<ReturnType<CollectorModule['startCollector']>>;

const reason = skipReason();
if (reason) console.warn(`[web e2e] skipped: ${reason}`);

/**
 * The script-tag SDK in real Chromium against a real collector process: every event tracked arrives,
 * once, through offline spells, closed pages and two tabs at a time.
 */
describe.skipIf(reason)('script-tag SDK in Chromium', () => {
  let collector: Collector;
  let readEvents: CollectorModule['readEvents'];
  let browser: Browser;
  let site: { url: string; close(): Promise<void> };

  beforeAll(async () => {
    const support = (await import(collectorSupport.href)) as CollectorModule;
    readEvents = support.readEvents;
    collector = await support.startCollector();
    // A custom event, defined as an integrator would, so the events are recorded (not quarantined).
    await defineEvent(collector, { id: 'cl_e2e', name: 'E2E', properties: [{ id: 'cl_run', name: 'Run', type: 'text' }, { id: 'cl_n', name: 'N', type: 'number' }] });
    site = await startSite(collector.url, collector.writeKey);
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await collector?.stop();
  });

  /** cl_n of the stored cl_e2e events of one run, sorted, repeats kept. */
  const stored = (run: string) =>
    readEvents(collector.dbPath)
      .filter((e) => e.event === 'cl_e2e' && e.properties.cl_run === run)
      .map((e) => e.properties.cl_n as number)
      .sort((a, b) => a - b);
  const open = async (context: BrowserContext): Promise<Page> => {
    const page = await context.newPage();
    await page.goto(site.url);
    await page.waitForFunction(() => !Array.isArray((window as unknown as { eventline: unknown }).eventline));
    return page;
  };
  /**
   * Closes a page the way a user does, running its unload handlers. With runBeforeUnload,
   * page.close() returns before the page is gone; going back online meanwhile raced the closing page
   * ("Target page, context or browser has been closed") and could let it send while online.
   */
  const closeRunningUnload = async (page: Page) => {
    const closed = new Promise((resolve) => page.once('close', resolve));
    await page.close({ runBeforeUnload: true });
    await closed;
  };
  /** What the page's tracker sent and heard, for a failure message: status (0: no answer) and cl_n. */
  const sendsOf = (page: Page) =>
    page.evaluate(() =>
      (window as unknown as { answers: Answer[] }).answers.map((a) => `${a.status}: ${a.events.map((e) => e.properties?.cl_n ?? e.event).join(',')}`).join('; '),
    );
  const track = (page: Page, run: string, ...ns: number[]) =>
    page.evaluate(
      ([r, list]) => {
        const tracker = (window as unknown as { eventline: { track(e: string, p: object): void } }).eventline;
        for (const n of list as number[]) tracker.track('cl_e2e', { cl_run: r, cl_n: n });
      },
      [run, ns] as const,
    );

  it('offline, closed and reopened: every event arrives once', async () => {
    const context = await browser.newContext();
    // Chromium ends a context whose last page closes: a blank tab keeps it (and its IndexedDB) alive.
    await context.newPage();
    let page = await open(context);
    await track(page, 'offline', 1, 2);
    await waitFor(() => stored('offline'), (n) => n.length === 2);

    await context.setOffline(true);
    await track(page, 'offline', 3, 4);
    await new Promise((r) => setTimeout(r, 1000));
    expect(stored('offline'), await sendsOf(page)).toEqual([1, 2]);
    // Back online in the same page: the `online` event sends at once.
    await context.setOffline(false);
    await waitFor(() => stored('offline'), (n) => n.length === 4);

    await context.setOffline(true);
    await track(page, 'offline', 5, 6);
    // Once a send of 5 has failed the tracker waits out its backoff, so closing sends nothing and 5
    // and 6 must come from IndexedDB. (The send on closing is the third test's subject.)
    await page.waitForFunction(() => (window as unknown as { answers: Answer[] }).answers.some((a) => !a.ok && a.events.some((e) => e.properties?.cl_n === 5)));
    const sends = await sendsOf(page);
    await closeRunningUnload(page);
    await context.setOffline(false);
    expect(stored('offline'), sends).toEqual([1, 2, 3, 4]);
    // The next visit finds 5 and 6 in IndexedDB.
    page = await open(context);
    await waitFor(() => stored('offline'), (n) => n.length >= 6);
    await new Promise((r) => setTimeout(r, 1000));
    expect(stored('offline')).toEqual([1, 2, 3, 4, 5, 6]);
    await context.close();
  }, 60_000);

  it('two tabs tracking at once: every event stored once, none sent twice', async () => {
    const context = await browser.newContext();
    const [a, b] = await Promise.all([open(context), open(context)]);
    const numbers = (from: number) => Array.from({ length: 30 }, (_, i) => from + i);
    await Promise.all([track(a, 'tabs', ...numbers(0)), track(b, 'tabs', ...numbers(100))]);
    await Promise.all([track(a, 'tabs', ...numbers(200)), track(b, 'tabs', ...numbers(300))]);
    const all = [...numbers(0), ...numbers(100), ...numbers(200), ...numbers(300)];
    await waitFor(() => stored('tabs'), (n) => n.length >= all.length);
    await new Promise((r) => setTimeout(r, 1000));
    expect(stored('tabs')).toEqual(all);
    // One sender at a time (Web Locks): the collector saw no event twice.
    const answers = [...(await a.evaluate(() => (window as unknown as { answers: Array<{ duplicates?: number }> }).answers)), ...(await b.evaluate(() => (window as unknown as { answers: Array<{ duplicates?: number }> }).answers))];
    expect(answers.reduce((n, x) => n + (x.duplicates ?? 0), 0)).toBe(0);
    await context.close();
  }, 60_000);

  it('a redirect page that awaits flush() has its event stored by the time flush resolves', async () => {
    const context = await browser.newContext();
    const page = await open(context);
    // As docs/sdk-web.md tells a page that navigates at once: track, await flush(), then leave.
    const answeredWhenFlushResolved = await page.evaluate(async () => {
      const w = window as unknown as { eventline: { track(e: string, p: object): void; flush(): Promise<void> }; answers: Answer[] };
      w.eventline.track('cl_e2e', { cl_run: 'redirect', cl_n: 1 });
      await w.eventline.flush();
      return w.answers.some((a) => a.ok && a.events.some((e) => e.properties?.cl_run === 'redirect'));
    });
    expect(answeredWhenFlushResolved).toBe(true);
    expect(stored('redirect')).toEqual([1]);
    await page.goto('about:blank');
    await context.close();
  }, 60_000);

  it('a page closed right after track(): the event arrives', async () => {
    const context = await browser.newContext();
    await context.newPage();
    const page = await open(context);
    await track(page, 'closed', 1);
    await closeRunningUnload(page);
    const arrived = await waitFor(() => stored('closed'), (n) => n.length > 0, 5000).catch(async () => {
      // Not sent on hide: the next visit must send it from IndexedDB.
      await open(context);
      return waitFor(() => stored('closed'), (n) => n.length > 0);
    });
    expect(arrived).toEqual([1]);
    await context.close();
  }, 60_000);
});
