import type { Page } from 'playwright-core';

/** Signs `page` in to the console at `url` with `key`, as a user does, and waits for the first page. */
export async function logIn(page: Page, url: string, key: string): Promise<void> {
  await page.goto(`${url}/console/login`);
  await page.fill('input[name=key]', key);
  await page.click('button[type=submit]');
  await page.waitForURL('**/console/events');
}
