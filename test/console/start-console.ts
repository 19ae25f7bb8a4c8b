import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { collectorSupport, launchChromium } from '../web/browser-harness';
import { logIn } from './log-in';

type CollectorModule = typeof import('../support/collector-process');
export type Collector = Awaited<ReturnType<CollectorModule['startCollector']>>;

export const laptop = { width: 1280, height: 800 };
export const phone = { width: 390, height: 844 };

// Screenshots of each page, for a person to look at (test-results/ is not committed).
const shots = fileURLToPath(new URL('../../test-results/console/', import.meta.url));

/** Saves a full-page screenshot of `page` as test-results/console/<name>.png. */
export const shot = (page: Page, name: string) => page.screenshot({ path: `${shots}${name}.png`, fullPage: true });

/** Calls the collector's API as a script would: with the admin key unless told another. */
export type Api = (method: string, path: string, body?: object, key?: string, headers?: Record<string, string>) => Promise<Response>;

export interface RunningConsole {
  collector: Collector;
  browser: Browser;
  /** A laptop-sized page, signed in as admin when `startConsole` was asked to. */
  page: Page;
  api: Api;
}

/** A collector process and Chromium with one page for a console test; the test stops both in its afterAll. */
export async function startConsole(options: { logIn?: boolean; page?: BrowserContextOptions } = {}): Promise<RunningConsole> {
  mkdirSync(shots, { recursive: true });
  // Imported only once the test is known to run: skipReason() says why it cannot when the file is missing.
  const support = (await import(collectorSupport.href)) as CollectorModule;
  const collector = await support.startCollector();
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: laptop, ...options.page });
    if (options.logIn) await logIn(page, collector.url, collector.adminKey);
    const api: Api = (method, path, body, key = collector.adminKey, headers = {}) =>
      fetch(`${collector.url}${path}`, {
        method,
        headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json', ...headers },
        ...(body && { body: JSON.stringify(body) }),
      });
    return { collector, browser, page, api };
  } catch (error) {
    // The test's afterAll never learns of what a failed start left running.
    await browser?.close();
    await collector.stop();
    throw error;
  }
}
