import type { Browser } from 'playwright-core';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollector, type RunningCollector } from '../support/collector-process';
import { launchChromium, skipReason, waitFor } from '../web/browser-harness';

const reason = skipReason();
if (reason) console.warn(`[debug page e2e] skipped: ${reason}`);

describe.skipIf(reason)('the /debug page in Chromium', () => {
  let collector: RunningCollector;
  let browser: Browser;

  beforeAll(async () => {
    [collector, browser] = await Promise.all([startCollector(), launchChromium()]);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await collector?.stop();
  });

  const send = (properties: Record<string, unknown>) =>
    fetch(`${collector.url}/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${collector.writeKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ events: [{ uuid: uuidv7(), event: 'page_view', time: Date.now(), anonymousId: 'debug-e2e', properties }] }),
    });

  it('shows each event as it lands, newest on top, a rejected one in red with its reason', async () => {
    const page = await browser.newPage();
    await page.goto(`${collector.url}/debug#key=${collector.adminKey}`);
    await waitFor(() => page.textContent('#status'), (s) => s!.startsWith('Watching'));

    expect((await send({ title: 'Shoes' })).status).toBe(200);
    await waitFor(() => page.locator('#arrivals li').count(), (n) => n === 1);
    expect((await send({ cl_colour: 'red' })).status).toBe(200);
    await waitFor(() => page.locator('#arrivals li').count(), (n) => n === 2);

    const rows = page.locator('#arrivals li');
    const newest = rows.nth(0);
    expect(await newest.getAttribute('class')).toBe('rejected');
    expect(await newest.locator('.reason').textContent()).toMatch(/^unknown_property at properties\.cl_colour: /);
    // Red: the reason is the first thing the eye should find.
    expect(await newest.locator('.reason').evaluate((el) => getComputedStyle(el).color)).toBe('rgb(207, 34, 46)');
    expect(await rows.nth(1).getAttribute('class')).toBe('accepted');
    expect(await rows.nth(1).textContent()).toContain('page_view');
    await page.close();
  });

  it('says so when the key is refused', async () => {
    const page = await browser.newPage();
    await page.goto(`${collector.url}/debug#key=${collector.writeKey}`);
    await waitFor(() => page.textContent('#status'), (s) => s!.startsWith('Refused'));
    await page.close();
  });
});
