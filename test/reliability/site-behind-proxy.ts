import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium, startSite } from '../web/browser-harness';
import { readEvents, startCollector, type RunningCollector } from '../support/collector-process';
import { defineEvent } from '../support/define-event';

type Closable = { url: string; close(): Promise<void> };

/** Resolves once the script-tag snippet's stub queue has been replaced by the loaded SDK. */
export const sdkLoaded = (page: Page) => page.waitForFunction(() => !Array.isArray((window as unknown as { eventline: unknown }).eventline));

/**
 * For the enclosing describe: a collector that knows the custom event `event` (one number property,
 * cl_n), the proxy `startProxy` puts in front of it, a site whose page loads the SDK and sends through
 * that proxy, and Chromium. They start before the first test and stop after the last; read them from
 * the returned object inside tests.
 */
export function siteBehindProxy<P extends Closable>(event: { id: string; name: string }, startProxy: (collectorUrl: string) => Promise<P>) {
  const setup = {
    collector: undefined as unknown as RunningCollector,
    proxy: undefined as unknown as P,
    site: undefined as unknown as Closable,
    browser: undefined as unknown as Browser,
    /** cl_n of the stored events at or over `from`, sorted, repeats kept. */
    stored: (from = 0) =>
      readEvents(setup.collector.dbPath)
        .filter((e) => e.event === event.id && (e.properties.cl_n as number) >= from)
        .map((e) => e.properties.cl_n as number)
        .sort((a, b) => a - b),
    /** A new page of the site in `context`, once its SDK has loaded. */
    open: async (context: BrowserContext): Promise<Page> => {
      const page = await context.newPage();
      await page.goto(setup.site.url);
      await sdkLoaded(page);
      return page;
    },
  };

  beforeAll(async () => {
    setup.collector = await startCollector();
    await defineEvent(setup.collector, { ...event, properties: [{ id: 'cl_n', name: 'N', type: 'number' }] });
    setup.proxy = await startProxy(setup.collector.url);
    setup.site = await startSite(setup.proxy.url, setup.collector.writeKey);
    setup.browser = await launchChromium();
  }, 60_000);

  // Whatever started before a failed start is stopped all the same.
  afterAll(async () => {
    await setup.browser?.close();
    await setup.site?.close();
    await setup.proxy?.close();
    await setup.collector?.stop();
  });

  return setup;
}
