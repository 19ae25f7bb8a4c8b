import type { Browser, Page } from 'playwright-core';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipReason } from '../web/browser-harness';
import { logIn } from './log-in';
import { drawFunnel } from './draw-funnel';
import { expectFitsPhone } from './expect-fits-phone';
import { laptop, shot, startConsole, track, type Collector } from './start-console';

const reason = skipReason();
if (reason) console.warn(`[console e2e] skipped: ${reason}`);


const goodRows = [
  'event_name,event_id,event_type,score,stage,property_name,property_id,property_type',
  'Purchase,cl_purchase,inbound,10,,Amount,cl_amount,number',
  'Purchase,cl_purchase,inbound,10,,Coupon,cl_coupon,text',
];
const badRow = 'Refund,cl_refund,sideways,,,,,';
const fixedRow = 'Refund,cl_refund,outbound,,,,,';

/** The console in real Chromium against a real collector process, as an operator uses it. */
describe.skipIf(reason)('console in Chromium', () => {
  let collector: Collector;
  let browser: Browser;
  let page: Page;

  const login = (p: Page, key: string) => logIn(p, collector.url, key);

  beforeAll(async () => {
    ({ collector, browser, page } = await startConsole());
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await collector?.stop();
  });

  it('logs in with the admin key and lists the system events in grey, not deletable', async () => {
    await login(page, collector.adminKey);
    const system = page.locator('tr.system').first();
    await expect(system.isVisible()).resolves.toBe(true);
    expect(await system.locator('button', { hasText: 'Delete' }).count()).toBe(0);
    expect(await system.locator('td').nth(1).evaluate((td) => getComputedStyle(td).color)).toBe('rgb(148, 163, 184)');
    await shot(page, 'events-laptop');
  });

  it('creates an event with a property; its id is locked once saved', async () => {
    await page.click('text=New → Single');
    await page.fill('input[name=id]', 'cl_signup');
    await page.fill('input[name=name]', 'Sign up');
    await page.fill('input[name=score]', '5');
    await page.locator('input[name=prop_name]').first().fill('Plan');
    await page.locator('input[name=prop_id]').first().fill('cl_plan');
    await page.locator('select[name=prop_required]').first().selectOption('required');
    await page.click('button[type=submit]:has-text("Save")');
    await page.waitForURL('**/console/events/cl_signup');
    await expect(page.locator('.flash.ok').textContent()).resolves.toContain('Saved “Sign up”');
    expect(await page.locator('input[name=id]').getAttribute('readonly')).not.toBeNull();
    expect(await page.locator('input[name=prop_id]').first().inputValue()).toBe('cl_plan');
    await shot(page, 'event-form-laptop');

    // Saved again as it is, the property stays required (it once came back optional).
    await page.click('button[type=submit]:has-text("Save")');
    await page.locator('.flash.ok', { hasText: /^Saved\.$/ }).waitFor();
    expect(await page.locator('select[name=prop_required]').first().inputValue()).toBe('required');
    const res = await fetch(`${collector.url}/v1/definitions/cl_signup`, { headers: { Authorization: `Bearer ${collector.adminKey}` } });
    expect(((await res.json()) as { properties: unknown[] }).properties).toEqual([{ id: 'cl_plan', name: 'Plan', type: 'text', required: true }]);
  });

  it('batch-imports a CSV: a bad row shows its error and nothing is created; fixed, everything is', async () => {
    await page.goto(`${collector.url}/console/events/batch`);
    const template = page.waitForEvent('download');
    await page.click('text=Download the template');
    expect(await (await template).suggestedFilename()).toBe('eventline-definitions-template.csv');

    await page.setInputFiles('input[name=file]', { name: 'events.csv', mimeType: 'text/csv', buffer: Buffer.from([...goodRows, badRow].join('\r\n')) });
    await page.click('button:has-text("Import")');
    const problem = page.locator('#problems tbody tr');
    expect(await problem.count()).toBeGreaterThanOrEqual(1);
    expect(await problem.first().locator('td').first().textContent()).toBe('4');
    expect(await problem.first().textContent()).toContain('event_type');
    await shot(page, 'batch-errors-laptop');
    await page.goto(`${collector.url}/console/events?q=cl_purchase`);
    expect(await page.locator('tbody tr[data-id=cl_purchase]').count()).toBe(0);

    await page.goto(`${collector.url}/console/events/batch`);
    await page.setInputFiles('input[name=file]', { name: 'events.csv', mimeType: 'text/csv', buffer: Buffer.from([...goodRows, fixedRow].join('\r\n')) });
    await page.click('button:has-text("Import")');
    await expect(page.locator('.flash.ok').textContent()).resolves.toContain('Created 2 event(s)');
    await page.goto(`${collector.url}/console/events`);
    expect(await page.locator('tbody tr[data-id=cl_purchase]').count()).toBe(1);
    expect(await page.locator('tbody tr[data-id=cl_refund]').count()).toBe(1);
  });

  it('groups: create, move selected events, rename, search', async () => {
    await page.fill('aside input[name=name]', 'Shop');
    await page.click('aside button:has-text("Create")');
    await expect(page.locator('.flash.ok').textContent()).resolves.toContain('Created the group “Shop”');
    await page.check('tr[data-id=cl_purchase] input[type=checkbox]');
    await page.check('tr[data-id=cl_refund] input[type=checkbox]');
    await page.click('#move button');
    await expect(page.locator('.flash.ok').textContent()).resolves.toContain('Moved 2 event(s) into “Shop”');
    await page.click('aside a:has-text("Shop")');
    expect(await page.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id')))).toEqual(['cl_purchase', 'cl_refund']);
    await page.click('aside summary');
    await page.fill('aside details input[name=name]', 'Orders');
    await page.click('aside details button:has-text("Rename")');
    await expect(page.locator('aside').textContent()).resolves.toContain('Orders');
    await page.fill('input[type=search]', 'sign');
    await page.press('input[type=search]', 'Enter');
    await page.waitForURL('**q=sign*');
    expect(await page.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id')))).toContain('cl_signup');
    expect(await page.locator('tbody tr[data-id=cl_purchase]').count()).toBe(0);
  });

  it('shows an event tracked through the API on the customer’s timeline, with its score and properties', async () => {
    const now = Date.now();
    const who = { anonymousId: 'anon-ada', identities: { email: 'ada@example.com' } };
    const sent = await track(collector, [
      { uuid: uuidv7(), event: 'cl_signup', time: new Date(now - 60_000).toISOString(), ...who, properties: { cl_plan: 'pro' } },
      { uuid: uuidv7(), event: 'cl_purchase', time: new Date(now - 30_000).toISOString(), ...who, properties: { cl_amount: 42 } },
      { uuid: uuidv7(), event: 'cl_signup', time: new Date(now - 20_000).toISOString(), anonymousId: 'anon-bob', properties: { cl_plan: 'free' } },
    ]);
    expect(sent.accepted).toBe(3);
    await page.goto(`${collector.url}/console/customers`);
    await page.fill('input[name=identity]', 'email:ada@example.com');
    await page.click('button:has-text("Find")');
    const rows = page.locator('#timeline tbody tr');
    await expect(rows.count()).resolves.toBe(2);
    const signup = rows.filter({ hasText: 'Sign up' });
    await expect(signup.textContent()).resolves.toContain('cl_plan: "pro"');
    await expect(signup.locator('td').nth(3).textContent()).resolves.toBe('5');
    await expect(page.locator('.facts').textContent()).resolves.toContain('15');
    await shot(page, 'customer-laptop');
  });

  it('draws a funnel and a time distribution', async () => {
    await drawFunnel(page, collector.url, ['cl_signup', 'cl_purchase'], '1d');
    await expect(page.locator('#funnel-chart').isVisible()).resolves.toBe(true);
    const counts = await page.locator('#funnel-table tbody tr').evaluateAll((rows) => rows.map((r) => r.children[1]!.textContent));
    expect(counts).toEqual(['2', '1']);
    await expect(page.locator('#funnel-table tbody tr').nth(1).textContent()).resolves.toContain('50%');

    await page.selectOption('select[name=event]', 'cl_signup');
    await page.selectOption('select[name=by]', 'day');
    await page.click('button:has-text("Show distribution")');
    await expect(page.locator('#distribution-chart rect').count()).resolves.toBe(7);
    await expect(page.locator('main').textContent()).resolves.toContain('2 “Sign up” events by day');
    // The funnel drawn before stays on the page beside the distribution.
    await expect(page.locator('#funnel-table tbody tr').count()).resolves.toBe(2);
    await shot(page, 'analysis-laptop');
  });

  it('lists a rejected event with its code, and replays it once its definition exists', async () => {
    const sent = await track(collector, [{ uuid: uuidv7(), event: 'cl_later', time: new Date().toISOString(), anonymousId: 'anon-ada' }]);
    expect(sent.rejected).toHaveLength(1);
    await page.goto(`${collector.url}/console/quarantine`);
    await expect(page.locator('#quarantine tbody').textContent()).resolves.toContain('unknown_event');
    await shot(page, 'quarantine-laptop');

    await page.goto(`${collector.url}/console/events/new`);
    await page.fill('input[name=id]', 'cl_later');
    await page.fill('input[name=name]', 'Later');
    await page.click('button[type=submit]:has-text("Save")');
    await page.waitForURL('**/console/events/cl_later');
    await page.goto(`${collector.url}/console/quarantine`);
    await page.click('button:has-text("Replay all pending")');
    await expect(page.locator('.flash.ok').textContent()).resolves.toContain('1 recorded');
    await expect(page.locator('#quarantine tbody tr').count()).resolves.toBe(0);
  });

  it('restores the system settings after a confirmation', async () => {
    await page.goto(`${collector.url}/console/events`);
    await page.click('text=Restore system settings');
    await expect(page.locator('main').textContent()).resolves.toContain('cannot be undone');
    await page.click('button:has-text("Yes, restore the defaults")');
    await expect(page.locator('.flash.ok').textContent()).resolves.toMatch(/Restored the default score and stage of \d+ system event/);
  });

  it('a read key sees everything it may and can change nothing', async () => {
    const created = await fetch(`${collector.url}/v1/keys`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${collector.adminKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'viewer', scope: 'read' }),
    });
    const { key } = (await created.json()) as { key: string };
    const viewer = await browser.newPage({ viewport: laptop });
    await login(viewer, key);
    await expect(viewer.locator('header').textContent()).resolves.toContain('read key');
    expect(await viewer.locator('text=New → Single').count()).toBe(0);
    expect(await viewer.locator('button:has-text("Delete")').count()).toBe(0);
    expect(await viewer.locator('input[type=checkbox]').count()).toBe(0);
    await viewer.goto(`${collector.url}/console/events/cl_signup`);
    expect(await viewer.locator('button:has-text("Save")').count()).toBe(0);
    await shot(viewer, 'read-key-event-laptop');

    // A hand-made POST from the page, with the session's own token: still refused, nothing changed.
    const status = await viewer.evaluate(async () => {
      const token = (document.querySelector('input[name=_csrf]') as HTMLInputElement).value;
      const res = await fetch('/console/events/cl_signup/delete', { method: 'POST', body: new URLSearchParams({ _csrf: token }) });
      return res.status;
    });
    expect(status).toBe(403);
    await viewer.goto(`${collector.url}/console/events`);
    expect(await viewer.locator('tr[data-id=cl_signup]').count()).toBe(1);
    await viewer.close();
  });

  it('reads on a phone: no page wider than the screen', async () => {
    await expectFitsPhone(browser, collector, [
      ['events', '/console/events'],
      ['customer', '/console/customers?identity=email%3Aada%40example.com'],
      ['analysis', '/console/analysis?event=cl_signup&by=hour&step=cl_signup&step=cl_purchase&window=1d'],
      ['quarantine', '/console/quarantine'],
    ]);
  });
});
