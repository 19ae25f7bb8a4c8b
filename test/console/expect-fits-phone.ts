import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { logIn } from './log-in';
import { phone, shot, type Collector } from './start-console';

/** A console page to check: its screenshot name, its path, and what to do on it first (open a form). */
export type PhonePage = readonly [name: string, path: string, act?: (page: Page) => Promise<void>];

/**
 * Opens each page on a phone, signed in as admin, and expects none wider than the screen: wide tables
 * scroll inside their own box, the page itself never sideways. Each is kept as a `<name>-phone` screenshot.
 */
export async function expectFitsPhone(browser: Browser, collector: Collector, pages: readonly PhonePage[]): Promise<void> {
  const phonePage = await browser.newPage({ viewport: phone, isMobile: true, hasTouch: true });
  await logIn(phonePage, collector.url, collector.adminKey);
  for (const [name, path, act] of pages) {
    await phonePage.goto(`${collector.url}${path}`);
    await act?.(phonePage);
    expect(await phonePage.evaluate(() => document.documentElement.scrollWidth), name).toBeLessThanOrEqual(phone.width);
    await shot(phonePage, `${name}-phone`);
  }
  await phonePage.close();
}
