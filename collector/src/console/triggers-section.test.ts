import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCollector, type TestCollector } from '../testing/test-collector';
import { documentOf, fieldMessageOf, loggedInBrowser } from './console-browser';
import { blankTriggerForm } from './trigger-form';

let collector: TestCollector;
beforeEach(async () => {
  collector = await createTestCollector();
  for (const [id, name] of [['cl_cart', 'Add to cart'], ['cl_buy', 'Buy']]) {
    expect((await collector.request('POST', '/v1/definitions', { key: collector.adminKey, body: { id, name, type: 'inbound' } })).status).toBe(201);
  }
});
afterEach(async () => {
  await collector.close();
});

/** The new-trigger form as it opens, with a cart event and a URL chosen, and `fields` typed over it. */
const form = (fields: Record<string, string>) => ({ ...blankTriggerForm, event: 'cl_cart', url: 'https://hooks.example.com/cart', ...fields });

describe('/console/triggers', () => {
  it('creates a follow-up with a made-up secret, shown in that answer only and kept sealed', async () => {
    const b = await loggedInBrowser(collector);
    const csrf = (await b.csrfOf('/console/triggers/new'))!;
    const res = await b.request('POST', '/console/triggers', { _csrf: csrf, ...form({ unlessEvent: 'cl_buy', unlessWithin: '2h' }) });
    expect(res.status).toBe(200);
    const secret = /<input[^>]*value="([^"]+)"[^>]*aria-label="The signing secret"/.exec(await res.text())?.[1];
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const [trigger] = await collector.services.store.triggers.list();
    expect(trigger).toMatchObject({ event: 'cl_cart', unless: { event: 'cl_buy', where: [], withinMs: 7_200_000 }, segment: null });
    expect(trigger!.secret).not.toContain(secret);
    for (const path of ['/console/triggers', `/console/triggers/${trigger!.id}`]) expect(await (await b.request('GET', path)).text()).not.toContain(secret);
  });

  it('shows what is wrong next to its field and creates nothing', async () => {
    const b = await loggedInBrowser(collector);
    const csrf = (await b.csrfOf('/console/triggers/new'))!;
    const cases: [Record<string, string>, string, string][] = [
      [{ url: 'ftp://x.example.com' }, 'url', 'The URL: an http(s) URL'],
      [{ url: 'http://10.0.0.8/hook' }, 'url', 'The URL: 10.0.0.8 is a private address'],
      [{ unlessEvent: 'cl_buy', unlessWithin: '45d' }, 'unlessWithin', 'The waiting time: from 1s to 30d'],
      [{ segment: 'no-such-segment' }, 'segment', 'The segment: there is no segment with the id "no-such-segment"'],
      [{ secretMode: 'type', secret: 'short' }, 'secret', 'The secret: at least 16 characters'],
    ];
    for (const [fields, field, message] of cases) {
      const res = await b.request('POST', '/console/triggers', { _csrf: csrf, ...form(fields) });
      expect(res.status, message).toBe(400);
      const page = documentOf(await res.text());
      expect(fieldMessageOf(page.querySelector(`[name=${field}]`)!), message).toContain(message);
      expect(page.querySelectorAll('[role=alert].field-error'), message).toHaveLength(1);
    }
    expect(await collector.services.store.triggers.list()).toEqual([]);
  });

  it('a read key sees the list but no form, and cannot create or delete', async () => {
    const b = await loggedInBrowser(collector);
    await b.request('POST', '/console/triggers', { _csrf: (await b.csrfOf('/console/triggers/new'))!, ...form({}) });
    const [trigger] = await collector.services.store.triggers.list();
    const key = ((await (await collector.request('POST', '/v1/keys', { key: collector.adminKey, body: { name: 'viewer', scope: 'read' } })).json()) as { key: string }).key;
    const r = await loggedInBrowser(collector, key);
    const page = await r.page('/console/triggers');
    expect(page.querySelector('#triggers tbody')?.textContent).toContain('Add to cart');
    expect(page.querySelector('a[href="/console/triggers/new"]')).toBeNull();
    const token = (await r.csrfOf('/console/triggers'))!;
    expect((await r.request('POST', '/console/triggers', { _csrf: token, ...form({}) })).status).toBe(403);
    expect((await r.request('POST', `/console/triggers/${trigger!.id}/delete`, { _csrf: token })).status).toBe(403);
    expect(await collector.services.store.triggers.list()).toHaveLength(1);
  });
});
