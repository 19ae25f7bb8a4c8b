import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { expect } from 'vitest';
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

/** The `Api` of a running collector. */
export const apiOf =
  (collector: Collector): Api =>
  (method, path, body, key = collector.adminKey, headers = {}) =>
    fetch(`${collector.url}${path}`, {
      method,
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json', ...headers },
      ...(body && { body: JSON.stringify(body) }),
    });

/** Sends events as an SDK does, with the write key; answers what the collector made of them. */
export async function track(collector: Collector, events: object[]): Promise<{ accepted: number; rejected: unknown[] }> {
  const res = await apiOf(collector)('POST', '/v1/events', { events }, collector.writeKey);
  expect(res.status).toBe(200);
  return (await res.json()) as { accepted: number; rejected: unknown[] };
}

/** Creates event definitions through the API, each of which must be created. */
export async function define(collector: Collector, definitions: object[]): Promise<void> {
  for (const body of definitions) expect((await apiOf(collector)('POST', '/v1/definitions', body)).status).toBe(201);
}

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
    return { collector, browser, page, api: apiOf(collector) };
  } catch (error) {
    // The test's afterAll never learns of what a failed start left running.
    await browser?.close();
    await collector.stop();
    throw error;
  }
}
