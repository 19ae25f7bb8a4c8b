import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipReason } from '../web/browser-harness';
import { logIn } from './log-in';
import { expectFitsPhone } from './expect-fits-phone';
import { define, laptop, shot, startConsole, track, type Api, type Collector } from './start-console';

const reason = skipReason();
if (reason) console.warn(`[console flows e2e] skipped: ${reason}`);

const day = 86_400_000;

/** Segments and triggers in real Chromium: build a segment and take its members home; set up a follow-up webhook. */
describe.skipIf(reason)('console segments and triggers in Chromium', () => {
  let collector: Collector;
  let browser: Browser;
  let page: Page;
  let api: Api;
  let receiver: Server;
  const received: { signature: string | undefined; body: string }[] = [];

  const login = (p: Page, key: string) => logIn(p, collector.url, key);
  const flash = () => page.locator('.flash.ok').textContent();
  const hookUrl = () => `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        received.push({ signature: req.headers['x-eventline-signature'] as string | undefined, body });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    ({ collector, browser, page, api } = await startConsole({ logIn: true, page: { acceptDownloads: true } }));

    await define(collector, [
      { id: 'cl_cart', name: 'Add to cart', type: 'inbound', score: 2 },
      { id: 'cl_buy', name: 'Buy', type: 'inbound', score: 7, properties: [{ id: 'cl_amount', name: 'Amount', type: 'number' }] },
    ]);
    const now = Date.now();
    const buy = (anonymousId: string, daysAgo: number, identities?: object) => ({
      uuid: uuidv7(),
      event: 'cl_buy',
      time: now - daysAgo * day,
      anonymousId,
      properties: { cl_amount: 40 },
      ...(identities && { identities }),
    });
    const sent = await track(collector, [
      // Ada and Cy bought twice this month; Bob once; Dan twice, but one of them 40 days ago.
      buy('anon-ada', 3, { email: 'ada@example.com' }),
      buy('anon-ada', 1),
      buy('anon-bob', 2, { email: 'bob@example.com' }),
      buy('anon-cy', 5, { mobile: '13800138000' }),
      buy('anon-cy', 4),
      buy('anon-dan', 40, { email: 'dan@example.com' }),
      buy('anon-dan', 2),
    ]);
    expect(sent.accepted).toBe(7);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await collector?.stop();
    await new Promise<void>((resolve) => (receiver ? receiver.close(() => resolve()) : resolve()));
  });

  it('builds a segment of customers who bought at least twice in 30 days, shows the mistake by its row, then its members and downloads', async () => {
    await page.click('header nav a:has-text("Segments")');
    await expect(page.locator('main').textContent()).resolves.toContain('No segment yet');
    await page.click('a:has-text("New segment")');
    await page.fill('input[name=name]', 'Bought twice this month');
    const first = page.locator('#conditions .cond').nth(0);
    await first.locator('select[name="row.kind"]').selectOption('did');
    await first.locator('select[name="row.event"]').selectOption('cl_buy');
    await first.locator('input[name="row.count"]').fill('2');
    await first.locator('input[name="row.within"]').fill('30 days');
    // A second condition: and not tagged "refunded" (nobody is).
    await page.click('#add-condition');
    const second = page.locator('#conditions .cond').nth(1);
    await second.locator('select[name="row.negate"]').selectOption('not');
    await second.locator('select[name="row.kind"]').selectOption('tagged');
    await second.locator('input[name="row.tag"]').fill('refunded');
    // The fields of another kind are out of the way.
    expect(await second.locator('select[name="row.event"]').isVisible()).toBe(false);

    await page.locator('#live-count.error').waitFor();
    await page.click('button:has-text("Create segment")');
    await expect(page.locator('#conditions .cond').nth(0).locator('.row-error').textContent()).resolves.toBe('the window: a duration such as 15m, 24h or 30d');
    await shot(page, 'segment-builder-error-laptop');

    await page.locator('#conditions .cond').nth(0).locator('input[name="row.within"]').fill('30d');
    await page.locator('#live-count:has-text("2 customers match now")').waitFor();
    await shot(page, 'segment-builder-laptop');
    await page.click('button:has-text("Create segment")');
    await expect(flash()).resolves.toContain('Created “Bought twice this month”');
    await expect(page.locator('#member-count').textContent()).resolves.toBe('2');
    await expect(page.locator('#condition-text').textContent()).resolves.toBe('did Buy at least 2× in the last 30d and not tagged refunded');
    const members = await page.locator('#members tbody tr td:first-child').allTextContents();
    expect(members.sort()).toEqual([expect.stringContaining('email: ada@example.com'), expect.stringContaining('mobile: 13800138000')]);
    await shot(page, 'segment-members-laptop');

    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('a:has-text("Download CSV")')]);
    const lines = readFileSync((await csv.path())!, 'utf8').trim().split('\n');
    expect(lines[0]).toMatch(/^id,.*mobile,email,.*activeness,activeness_level,stage,last_seen$/);
    expect(lines.slice(1).join('\n')).toContain('ada@example.com');
    expect(lines.slice(1).join('\n')).toContain('13800138000');
    expect(lines).toHaveLength(3);
    const [ndjson] = await Promise.all([page.waitForEvent('download'), page.click('a:has-text("Download NDJSON")')]);
    const rows = readFileSync((await ndjson.path())!, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { identities: Record<string, string[]> });
    expect(rows.map((r) => Object.values(r.identities).flat().find((v) => !v.startsWith('anon-'))).sort()).toEqual(['13800138000', 'ada@example.com']);

    await page.click('header nav a:has-text("Segments")');
    await expect(page.locator('#segments tr', { hasText: 'Bought twice this month' }).locator('td.count').textContent()).resolves.toBe('2');
    await shot(page, 'segments-laptop');
  });

  it('creates a follow-up trigger (unless … within, for a segment) whose secret shows once, lists it and deletes it', async () => {
    await page.click('header nav a:has-text("Triggers")');
    await page.click('a:has-text("New trigger")');
    await page.selectOption('#new-trigger select[name=event]', 'cl_cart');
    await page.selectOption('#new-trigger select[name=unlessEvent]', 'cl_buy');
    await page.fill('#new-trigger input[name=unlessWithin]', '1d');
    await page.selectOption('#new-trigger select[name=segment]', { label: 'Bought twice this month' });
    await page.fill('#new-trigger input[name=url]', hookUrl());
    await shot(page, 'trigger-new-laptop');
    await page.click('button:has-text("Create trigger")');

    const secret = await page.locator('#new-secret input').inputValue();
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const row = page.locator('#triggers tbody tr', { hasText: 'Add to cart' });
    await expect(row.textContent()).resolves.toContain('unless Buy within 1d');
    await expect(row.textContent()).resolves.toContain('Bought twice this month');
    await expect(row.textContent()).resolves.toContain(hookUrl());
    await shot(page, 'trigger-created-laptop');

    await page.goto(`${collector.url}/console/triggers`);
    expect(await page.locator('#new-secret').count()).toBe(0);
    expect(await page.content()).not.toContain(secret);
    await page.click('#triggers tr:has-text("Add to cart") a:has-text("pending")');
    await expect(page.locator('main').textContent()).resolves.toContain('a follow-up fires only when its waiting time has passed');
    expect(await page.content()).not.toContain(secret);

    await page.click('a:has-text("Delete this trigger")');
    await expect(page.locator('main').textContent()).resolves.toContain('cannot be undone');
    await page.click('button:has-text("Yes, delete it")');
    await expect(flash()).resolves.toContain('Deleted the trigger on “Add to cart”');
    expect(await page.locator('#triggers tbody tr', { hasText: 'Add to cart' }).count()).toBe(0);
  });

  it('a typed secret must be long enough; a plain trigger’s delivery log shows the delivery and its attempt', async () => {
    await page.goto(`${collector.url}/console/triggers/new`);
    await page.selectOption('#new-trigger select[name=event]', 'cl_buy');
    await page.fill('#new-trigger input[name=property]', 'cl_amount');
    await page.selectOption('#new-trigger select[name=propertyOp]', '>');
    await page.fill('#new-trigger input[name=propertyValue]', '100');
    await page.fill('#new-trigger input[name=url]', hookUrl());
    await page.check('#new-trigger input[name=secretMode][value=type]');
    await page.fill('#new-trigger input[name=secret]', 'short');
    await page.click('button:has-text("Create trigger")');
    await expect(page.locator('#new-trigger .field-error').textContent()).resolves.toBe('The secret: at least 16 characters');
    await page.check('#new-trigger input[name=secretMode][value=type]');
    await page.fill('#new-trigger input[name=secret]', 'a-secret-of-our-own-42');
    await page.click('button:has-text("Create trigger")');
    await expect(page.locator('#new-secret input').inputValue()).resolves.toBe('a-secret-of-our-own-42');

    const big = uuidv7();
    const sent = await track(collector, [
      { uuid: uuidv7(), event: 'cl_buy', time: Date.now(), anonymousId: 'anon-ada', properties: { cl_amount: 20 } },
      { uuid: big, event: 'cl_buy', time: Date.now(), anonymousId: 'anon-ada', properties: { cl_amount: 120 } },
    ]);
    expect(sent.accepted).toBe(2);
    await page.click('#triggers a:has-text("Buy")');
    const delivered = page.locator('#deliveries tbody tr', { hasText: big });
    for (let i = 0; i < 100 && !(await delivered.textContent().catch(() => ''))?.includes('delivered'); i++) {
      await new Promise((r) => setTimeout(r, 200));
      await page.reload();
    }
    await expect(delivered.locator('.badge').textContent()).resolves.toBe('delivered');
    expect(await page.locator('#deliveries tbody tr').count()).toBe(1);
    await delivered.locator('summary').click();
    await expect(delivered.locator('li').first().textContent()).resolves.toContain('HTTP 204');
    expect(received.some((r) => r.body.includes(big))).toBe(true);
    await shot(page, 'trigger-deliveries-laptop');
  });

  it('a read key sees segments and triggers but no form', async () => {
    const res = await api('POST', '/v1/keys', { name: 'viewer', scope: 'read' });
    const { key } = (await res.json()) as { key: string };
    const viewer = await browser.newPage({ viewport: laptop });
    await login(viewer, key);
    await viewer.goto(`${collector.url}/console/segments`);
    expect(await viewer.locator('a:has-text("New segment")').count()).toBe(0);
    await viewer.click('#segments a:has-text("Bought twice this month")');
    await expect(viewer.locator('#member-count').textContent()).resolves.toBe('2');
    expect(await viewer.locator('a:has-text("Edit condition"), a:has-text("Delete segment")').count()).toBe(0);
    await viewer.goto(`${collector.url}/console/triggers`);
    expect(await viewer.locator('a:has-text("New trigger"), #triggers a:has-text("Delete")').count()).toBe(0);
    await expect(viewer.locator('#triggers').textContent()).resolves.toContain('Buy');
    expect(await viewer.content()).not.toContain('a-secret-of-our-own-42');
    await viewer.close();
  });

  it('reads on a phone: no new page wider than the screen', async () => {
    const segmentId = ((await (await api('GET', '/v1/segments')).json()) as { items: { id: string }[] }).items[0]!.id;
    await expectFitsPhone(browser, collector, [
      ['segments', '/console/segments'],
      ['segment-members', `/console/segments/${segmentId}`],
      ['segment-edit', `/console/segments/${segmentId}/edit`],
      ['triggers', '/console/triggers'],
      ['trigger-new', '/console/triggers/new'],
    ]);
  });
});
