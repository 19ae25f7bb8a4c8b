import type { Page } from 'playwright-core';

/** Draws a funnel on the console's analysis page at `url` as a user does: each step chosen in turn, then the window. */
export async function drawFunnel(page: Page, url: string, steps: string[], window: string): Promise<void> {
  await page.goto(`${url}/console/analysis`);
  for (const [i, step] of steps.entries()) await page.selectOption(`select[name=step] >> nth=${i}`, step);
  await page.fill('input[name=window]', window);
  await page.click('button:has-text("Draw funnel")');
}
