import type { Browser, Page } from 'playwright-core';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipReason } from '../web/browser-harness';
import { define, shot, startConsole, track, type Collector } from './start-console';

const reason = skipReason();
if (reason) console.warn(`[console funnel and forms e2e] skipped: ${reason}`);

const minute = 60_000;

/** A funnel with a condition on a step, and a refused event form, in real Chromium as an operator uses them. */
describe.skipIf(reason)('console funnel steps and form messages in Chromium', () => {
  let collector: Collector;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ collector, browser, page } = await startConsole({ logIn: true }));

    await define(collector, [
      { id: 'cl_visit', name: 'Visit', type: 'inbound', score: 1 },
      { id: 'cl_trial', name: 'Start trial', type: 'inbound', score: 2 },
      { id: 'cl_order', name: 'Order', type: 'inbound', score: 7, properties: [{ id: 'cl_amount', name: 'Amount', type: 'number' }] },
    ]);
    const now = Date.now();
    const at = (who: string, event: string, ago: number, properties: object = {}) => ({ uuid: uuidv7(), event, time: now - ago * minute, anonymousId: who, properties });
    // Four visitors; three start a trial (10, 5 and 30 minutes after the visit); Ada orders for 80
    // 15 minutes after hers, Bob for 20: only Ada's order is over 50.
    const sent = await track(collector, [
      ...['anon-ada', 'anon-bob', 'anon-cy', 'anon-dan'].map((who) => at(who, 'cl_visit', 60)),
      at('anon-ada', 'cl_trial', 50),
      at('anon-bob', 'cl_trial', 55),
      at('anon-cy', 'cl_trial', 30),
      at('anon-ada', 'cl_order', 35, { cl_amount: 80 }),
      at('anon-bob', 'cl_order', 25, { cl_amount: 20 }),
    ]);
    expect(sent.accepted).toBe(9);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await collector?.stop();
  });

  const funnelRows = () =>
    page.locator('#funnel-table tbody tr').evaluateAll((rows) => rows.map((r) => [...r.children].map((td) => td.textContent)));

  it('draws a three-step funnel whose last step has a condition, with the median time between steps', async () => {
    await page.goto(`${collector.url}/console/analysis`);
    await page.selectOption('select[name=step] >> nth=0', 'cl_visit');
    await page.selectOption('select[name=step] >> nth=1', 'cl_trial');
    await page.selectOption('select[name=step] >> nth=2', 'cl_order');
    await page.fill('input[aria-label="Step 3 condition property"]', 'cl_amount');
    await page.selectOption('select[aria-label="Step 3 condition operator"]', '>');
    await page.fill('input[aria-label="Step 3 condition value"]', '50');
    await page.fill('input[name=window]', '1d');
    await page.click('button:has-text("Draw funnel")');
    await expect(page.locator('#funnel-chart').isVisible()).resolves.toBe(true);
    // Step, customers, from previous, from first, median time from previous.
    expect(await funnelRows()).toEqual([
      ['Visit', '4', '100%', '100%', '—'],
      ['Start trial', '3', '75%', '75%', '10m'],
      ['Order (cl_amount > 50)', '1', '33.3%', '25%', '15m'],
    ]);
    // The condition stays in the form, so the funnel can be changed from where it is.
    await expect(page.locator('input[aria-label="Step 3 condition value"]').inputValue()).resolves.toBe('50');
    await shot(page, 'funnel-step-condition-laptop');

    // Without it, Bob's smaller order counts too: the condition is what left him out.
    await page.fill('input[aria-label="Step 3 condition property"]', '');
    await page.click('button:has-text("Draw funnel")');
    expect((await funnelRows()).map((r) => r.slice(0, 2))).toEqual([
      ['Visit', '4'],
      ['Start trial', '3'],
      ['Order', '2'],
    ]);
  });

  it('names the step when a condition asks for a property its event does not have', async () => {
    await page.fill('input[aria-label="Step 2 condition property"]', 'cl_amount');
    await page.fill('input[aria-label="Step 2 condition value"]', '1');
    await page.click('button:has-text("Draw funnel")');
    await expect(page.locator('.flash.error').textContent()).resolves.toBe(
      'Step 2 condition, property: cl_trial has no property "cl_amount" — use a preset property such as channel: it defines none of its own',
    );
  });

  it('shows the server’s message beside a property row with no name and beside an id without cl_', async () => {
    await page.goto(`${collector.url}/console/events/new`);
    await page.fill('input[name=id]', 'signup');
    await page.fill('input[name=name]', 'Sign up');
    const names = page.locator('input[name=prop_name]');
    const ids = page.locator('input[name=prop_id]');
    await names.nth(0).fill('Plan');
    await ids.nth(0).fill('cl_plan');
    await ids.nth(1).fill('cl_coupon');
    await page.click('button[type=submit]:has-text("Save")');
    // The browser let it through (no generic "Please match the requested format"); the server answered.
    await page.locator('.field-error').first().waitFor();
    const beside = (input: ReturnType<Page['locator']>) => input.locator('xpath=following-sibling::small[contains(@class,"field-error")]').textContent();
    await expect(beside(page.locator('input[name=id]'))).resolves.toBe('id: a custom event id starts with cl_ and has only a-z, 0-9 and _');
    await expect(beside(names.nth(1))).resolves.toBe('Property 2, name: missing — write at least 1 character');
    expect(await page.locator('input[name=prop_name] + small.field-error').count()).toBe(1);
    // What was typed is still there to fix.
    await expect(page.locator('input[name=id]').inputValue()).resolves.toBe('signup');
    await expect(ids.nth(1).inputValue()).resolves.toBe('cl_coupon');
    await expect(page.locator('input[name=id]').getAttribute('title')).resolves.toMatch(/starts with cl_/);
    await shot(page, 'event-form-field-errors-laptop');

    await page.fill('input[name=id]', 'cl_signup');
    await names.nth(1).fill('Coupon');
    await page.click('button[type=submit]:has-text("Save")');
    await page.waitForURL('**/console/events/cl_signup');
    expect(await page.locator('.field-error').count()).toBe(0);
  });
});
