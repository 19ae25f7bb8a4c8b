import { createHash } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipReason } from '../web/browser-harness';
import { drawFunnel } from './draw-funnel';
import { expectFitsPhone } from './expect-fits-phone';
import { define, shot, startConsole, track, type Api, type Collector } from './start-console';

const reason = skipReason();
if (reason) console.warn(`[console pages e2e] skipped: ${reason}`);

const minute = 60_000;

/** The pages for customers, materials, WeChat, keys and the quarantine, in real Chromium, as an operator uses them. */
describe.skipIf(reason)('console pages in Chromium', () => {
  let collector: Collector;
  let browser: Browser;
  let page: Page;
  let api: Api;
  const flash = () => page.locator('.flash.ok').textContent();

  beforeAll(async () => {
    ({ collector, browser, page, api } = await startConsole({ logIn: true }));

    await define(collector, [
      { id: 'cl_store_visit', name: 'Store visit', type: 'inbound', score: 3, properties: [{ id: 'cl_minutes', name: 'Minutes in store', type: 'number', required: true }] },
      { id: 'cl_trial', name: 'Start trial', type: 'inbound', score: 2 },
      { id: 'cl_buy', name: 'Buy', type: 'inbound', score: 7 },
    ]);
    const now = Date.now();
    await track(collector, [
      // Ada: two form submits (5 each) put her at medium activeness, engaged.
      ...[20, 15].map((ago) => ({ uuid: uuidv7(), event: 'form_submit', time: now - ago * minute, anonymousId: 'anon-ada', identities: { email: 'ada@example.com' } })),
      { uuid: uuidv7(), event: 'page_view', time: now - 10 * minute, anonymousId: 'anon-bob', identities: { email: 'bob@example.com' }, properties: { url: 'https://shop.example.com/' } },
      // A funnel: trial then buy, 5 and 15 minutes apart: the median is 10 minutes.
      { uuid: uuidv7(), event: 'cl_trial', time: now - 30 * minute, anonymousId: 'anon-ada' },
      { uuid: uuidv7(), event: 'cl_buy', time: now - 25 * minute, anonymousId: 'anon-ada' },
      { uuid: uuidv7(), event: 'cl_trial', time: now - 30 * minute, anonymousId: 'anon-cy' },
      { uuid: uuidv7(), event: 'cl_buy', time: now - 15 * minute, anonymousId: 'anon-cy' },
    ]);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await collector?.stop();
  });

  it('lists customers by activeness, opens one and adds a store visit by hand; it shows on the timeline', async () => {
    await page.click('header nav a:has-text("Customers")');
    await expect(page.locator('#customers tbody tr').count()).resolves.toBe(3);
    await page.click('.chips a:has-text("medium")');
    // Ada (two form submits, a trial and a purchase: 19) is medium; Bob (one page view) and the anonymous buyer (9) are not.
    await expect(page.locator('#customers tbody tr').allTextContents()).resolves.toEqual([expect.stringContaining('email: ada@example.com')]);
    await shot(page, 'customers-laptop');

    await page.click('#customers a:has-text("ada@example.com")');
    await expect(page.locator('h1').textContent()).resolves.toBe('email: ada@example.com');
    await page.selectOption('select[name=add]', 'cl_store_visit');
    await page.click('#add button:has-text("Choose")');
    await page.fill('input[name=time]', '2026-12-03T16:40');
    await page.fill('input[name=p_cl_minutes]', '25');
    await page.fill('input[name=tags]', 'vip');
    await page.click('button:has-text("Add “Store visit” to the timeline")');
    await expect(flash()).resolves.toContain('Added “Store visit” to the timeline');
    const visit = page.locator('#timeline tbody tr', { hasText: 'Store visit' });
    await expect(visit.textContent()).resolves.toContain('cl_minutes: 25');
    await expect(visit.textContent()).resolves.toContain('added by hand');
    await expect(visit.locator('td').first().textContent()).resolves.toBe('2026-12-03 16:40:00');
    await shot(page, 'customer-manual-add-laptop');
  });

  it('shows every time in the zone chosen in the header', async () => {
    await page.selectOption('header select[name=timezone]', 'Asia/Shanghai');
    await page.click('header button:has-text("Set zone")');
    await page.locator('th', { hasText: 'Time (Asia/Shanghai)' }).waitFor();
    const visit = page.locator('#timeline tbody tr', { hasText: 'Store visit' });
    await expect(visit.locator('td').first().textContent()).resolves.toBe('2026-12-04 00:40:00');
    await page.selectOption('header select[name=timezone]', 'UTC');
    await page.click('header button:has-text("Set zone")');
    await page.locator('th', { hasText: 'Time (UTC)' }).waitFor();
  });

  it('creates a material with content tags; an event on it carries them to the customer', async () => {
    await page.click('header nav a:has-text("Materials")');
    await page.fill('#new-material input[name=id]', 'spring-poster');
    await page.fill('#new-material input[name=name]', 'Spring poster');
    await page.fill('#new-material input[name=tags]', 'spring, sale');
    await page.click('button:has-text("Add material")');
    await expect(flash()).resolves.toContain('Created “Spring poster”');
    await page.click('#materials a:has-text("Spring poster")');
    await page.fill('input[name=tags]', 'spring, sale, outdoor');
    await page.click('button:has-text("Save")');
    await expect(flash()).resolves.toContain('Saved');
    await page.goto(`${collector.url}/console/materials`);
    await expect(page.locator('#materials tr[data-id=spring-poster] .tag').allTextContents()).resolves.toEqual(['spring', 'sale', 'outdoor']);
    await shot(page, 'materials-laptop');

    await track(collector, [{ uuid: uuidv7(), event: 'page_view', time: Date.now(), anonymousId: 'anon-bob', properties: { target_id: 'spring-poster' } }]);
    await page.goto(`${collector.url}/console/customers?identity=email:bob@example.com`);
    await expect(page.locator('aside').textContent()).resolves.toContain('outdoor');
  });

  it('connects a WeChat official account and shows the callback URL to paste, which answers WeChat’s check', async () => {
    await page.click('header nav a:has-text("WeChat")');
    await page.fill('input[name=name]', 'Brand service account');
    await page.fill('input[name=appId]', 'wxshop');
    await page.fill('input[name=token]', 'brandtoken42');
    await page.click('button:has-text("Connect")');
    await expect(flash()).resolves.toContain('Added “Brand service account”');
    const callback = await page.locator('input.callback').inputValue();
    expect(callback).toBe(`${collector.url}/v1/wechat/wxshop/callback`);
    await shot(page, 'wechat-laptop');

    const [timestamp, nonce] = ['1733212800', 'n0nce'];
    const signature = createHash('sha1').update(['brandtoken42', timestamp, nonce].sort().join('')).digest('hex');
    const check = await fetch(`${callback}?signature=${signature}&timestamp=${timestamp}&nonce=${nonce}&echostr=hello-wechat`);
    expect(await check.text()).toBe('hello-wechat');
  });

  it('creates a key, shown once, that works; revoked, it is refused', async () => {
    await page.click('header nav a:has-text("Keys")');
    await page.fill('#create-key input[name=name]', 'Shop website');
    await page.selectOption('#create-key select[name=scope]', 'ingest');
    await page.fill('#create-key textarea[name=origins]', 'https://shop.example.com');
    await page.fill('#create-key input[name=rateLimit]', '50');
    await page.click('button:has-text("Create key")');
    const key = await page.locator('#new-key input').inputValue();
    expect(key).toMatch(/^el_pub_/);
    await expect(page.locator('#keys tr', { hasText: 'Shop website' }).textContent()).resolves.toContain('https://shop.example.com');
    await shot(page, 'keys-created-laptop');

    const send = () => api('POST', '/v1/events', { events: [{ uuid: uuidv7(), event: 'page_view', time: Date.now(), anonymousId: 'anon-key' }] }, key, { Origin: 'https://shop.example.com' });
    const before = await send();
    expect(before.status).toBe(200);
    expect(await before.json()).toMatchObject({ accepted: 1 });

    await page.goto(`${collector.url}/console/keys`);
    expect(await page.locator('#new-key').count()).toBe(0);
    expect(await page.content()).not.toContain(key);
    await page.click('#keys tr:has-text("Shop website") a:has-text("Revoke")');
    await expect(page.locator('main').textContent()).resolves.toContain('cannot be undone');
    await page.click('button:has-text("Yes, revoke it")');
    await expect(flash()).resolves.toContain('Revoked “Shop website”');
    expect(await page.locator('#keys tr', { hasText: 'Shop website' }).count()).toBe(0);
    expect((await send()).status).toBe(401);
  });

  it('events: delete asks first, "No group" takes events out of their group, page_view shows its preset properties', async () => {
    const group = (await (await api('POST', '/v1/definition-groups', { name: 'Store' })).json()) as { id: string };
    expect((await api('PATCH', '/v1/definitions/cl_store_visit', { group: group.id })).status).toBe(200);
    expect((await api('POST', '/v1/definitions', { id: 'cl_temp', name: 'Temporary', type: 'outbound' })).status).toBe(201);

    await page.goto(`${collector.url}/console/events`);
    await page.click('tr[data-id=cl_temp] a:has-text("Delete")');
    await expect(page.locator('h1').textContent()).resolves.toBe('Delete “Temporary”?');
    await shot(page, 'event-delete-confirm-laptop');
    await page.click('a:has-text("Cancel")');
    expect(await page.locator('tr[data-id=cl_temp]').count()).toBe(1);
    await page.click('tr[data-id=cl_temp] a:has-text("Delete")');
    await page.click('button:has-text("Yes, delete cl_temp")');
    await expect(flash()).resolves.toContain('Deleted cl_temp');
    expect(await page.locator('tr[data-id=cl_temp]').count()).toBe(0);

    await page.check('tr[data-id=cl_store_visit] input[type=checkbox]');
    await page.selectOption('#move select[name=group]', '');
    await page.click('#move button');
    await expect(flash()).resolves.toContain('out of their group');
    expect(((await (await api('GET', '/v1/definitions/cl_store_visit')).json()) as { group: string | null }).group).toBeNull();

    await page.click('a:has-text("View page")');
    const usual = await page.locator('#preset-properties tr:has(.badge) code').allTextContents();
    expect(usual.slice(0, 3)).toEqual(['url', 'title', 'referrer']);
    await shot(page, 'page-view-presets-laptop');
  });

  it('the funnel shows the median time between steps', async () => {
    await drawFunnel(page, collector.url, ['cl_trial', 'cl_buy'], '1d');
    const buy = page.locator('#funnel-table tbody tr').nth(1);
    await expect(buy.locator('td').nth(1).textContent()).resolves.toBe('2');
    await expect(buy.locator('td').nth(4).textContent()).resolves.toBe('10m');
    await shot(page, 'funnel-median-laptop');
  });

  it('quarantine: reads each rejected body and replays only the ticked ones', async () => {
    const sent = await track(
      collector,
      ['cl_coupon', 'cl_refund'].map((event) => ({ uuid: uuidv7(), event, time: Date.now(), anonymousId: 'anon-ada', properties: { cl_note: '<b>not html</b>' } })),
    );
    expect(sent.rejected).toHaveLength(2);
    for (const id of ['cl_coupon', 'cl_refund']) {
      expect((await api('POST', '/v1/definitions', { id, name: id, type: 'inbound', properties: [{ id: 'cl_note', name: 'Note', type: 'text' }] })).status).toBe(201);
    }
    await page.goto(`${collector.url}/console/quarantine`);
    const refund = page.locator('#quarantine tbody tr', { hasText: 'cl_refund' });
    await refund.locator('summary').click();
    await expect(refund.locator('pre.json').textContent()).resolves.toContain('"cl_note": "<b>not html</b>"');
    await expect(refund.textContent()).resolves.toContain('unknown_event');
    await shot(page, 'quarantine-body-laptop');

    await page.check('#quarantine tbody tr:has-text("cl_coupon") input[type=checkbox]');
    await page.click('button:has-text("Replay selected")');
    await expect(flash()).resolves.toContain('1 recorded');
    await expect(page.locator('#quarantine tbody tr').allTextContents()).resolves.toEqual([expect.stringContaining('cl_refund')]);
  });

  it('reads on a phone: no new page wider than the screen', async () => {
    const openAddForm = async (phonePage: Page) => {
      await phonePage.selectOption('select[name=add]', 'cl_store_visit');
      await phonePage.click('#add button:has-text("Choose")');
    };
    await expectFitsPhone(browser, collector, [
      ['customers', '/console/customers'],
      ['customer-add', '/console/customers?identity=email:ada@example.com', openAddForm],
      ['materials', '/console/materials'],
      ['wechat', '/console/wechat'],
      ['keys', '/console/keys'],
      ['quarantine-pending', '/console/quarantine'],
      ['page-view', '/console/events/page_view'],
    ]);
  });
});
