import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCollector, makeEvent, type TestCollector } from '../testing/test-collector';
import { consoleBrowser, formEntries, loggedInBrowser } from './console-browser';

let collector: TestCollector;
beforeEach(async () => {
  collector = await createTestCollector();
});
afterEach(async () => {
  await collector.close();
});

const asAdmin = async () => {
  const b = await loggedInBrowser(collector);
  return b;
};
const track = (events: object[]) => collector.request('POST', '/v1/events', { body: { events } });

describe('customers', () => {
  it('erases a customer from its page after a confirmation, suppressing their identities when ticked', async () => {
    await track([makeEvent({ anonymousId: 'a-gone', identities: { email: 'gone@example.com' } }), makeEvent({ anonymousId: 'a-stays' })]);
    const b = await asAdmin();
    const path = (await b.request('GET', '/console/customers?identity=email:gone@example.com')).headers.get('location')!;
    const link = (await b.page(path)).querySelector(`a[href$="/erase"]`)!;
    const form = (await b.page(link.getAttribute('href')!)).querySelector('form[action$="/erase"]')!;
    const res = await b.request('POST', form.getAttribute('action')!, [...formEntries(form), ['suppress', 'on']]);
    expect(res.status).toBe(303);
    expect((await b.request('GET', '/console/customers?identity=email:gone@example.com')).status).toBe(404);
    expect((await b.request('GET', '/console/customers?identity=anonymous:a-stays')).status).toBe(303);
    // Suppressed: the device's next event is refused, and the audit log names the key that erased.
    const again = await (await track([makeEvent({ anonymousId: 'a-gone' })])).json();
    expect(again).toMatchObject({ accepted: 0, rejected: [{ code: 'suppressed' }] });
    const audit = await (await collector.request('GET', '/v1/audit', { key: collector.adminKey })).json();
    expect(JSON.stringify(audit)).toContain('customer.erase');
  });

  it('lists customers by activeness level and stage, and finds one by type:value', async () => {
    // page_view scores 1 and moves to "aware"; form_submit scores 5 and moves to "engaged".
    await track([
      makeEvent({ anonymousId: 'a-low', identities: { email: 'low@example.com' } }),
      ...Array.from({ length: 3 }, () => makeEvent({ event: 'form_submit', anonymousId: 'a-high', identities: { email: 'high@example.com' } })),
    ]);
    const b = await asAdmin();
    const ids = (doc: Document) => [...doc.querySelectorAll('#customers tbody tr a')].map((a) => a.textContent);
    expect(ids(await b.page('/console/customers'))).toEqual(expect.arrayContaining(['email: low@example.com', 'email: high@example.com']));
    expect(ids(await b.page('/console/customers?level=medium'))).toEqual(['email: high@example.com']);
    expect(ids(await b.page('/console/customers?stage=aware'))).toEqual(['email: low@example.com']);
    expect((await b.page('/console/customers?level=low&stage=engaged')).querySelector('#customer-count')?.textContent).toContain('0 customers');

    const found = await b.request('GET', '/console/customers?identity=email:HIGH@example.com');
    expect(found.status).toBe(303);
    const customer = await b.page(found.headers.get('location')!);
    expect(customer.querySelector('h1')?.textContent).toBe('email: high@example.com');
    expect((await b.request('GET', '/console/customers?identity=email:nobody@example.com')).status).toBe(404);
    expect((await b.request('GET', '/console/customers?identity=shoe:42')).status).toBe(400);
  });

  it('adds an event by hand, typed as its definition says, and a refused one is not recorded', async () => {
    await collector.request('POST', '/v1/definitions', {
      key: collector.adminKey,
      body: { id: 'cl_store_visit', name: 'Store visit', type: 'inbound', score: 3, properties: [{ id: 'cl_minutes', name: 'Minutes', type: 'number', required: true }] },
    });
    await track([makeEvent({ anonymousId: 'a-1', identities: { mobile: '13800000000' } })]);
    const b = await asAdmin();
    const path = (await b.request('GET', '/console/customers?identity=mobile:13800000000')).headers.get('location')!;
    const form = (await b.page(`${path}?add=cl_store_visit`)).querySelector('#manual-event')!;
    // An hour ago, to the minute, as the datetime-local input sends it (the console's zone is UTC here).
    const time = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 3_600_000).toISOString().slice(0, 16);
    const entries = formEntries(form).map(([k, v]): [string, string] => [k, k === 'p_cl_minutes' ? '25' : k === 'time' ? time : v]);
    const res = await b.request('POST', form.getAttribute('action')!, entries);
    expect(res.status).toBe(303);
    const customerId = decodeURIComponent(path.split('/').pop()!);
    const timeline = await collector.services.store.customers.timeline(customerId, { limit: 10 });
    expect(timeline.items.find((e) => e.source === 'manual')).toMatchObject({ event: 'cl_store_visit', score: 3, properties: { cl_minutes: 25, channel: 'offline' }, time: Date.parse(`${time}:00Z`) });

    // Without its required property the recorder refuses it: the page says why and nothing is added.
    const refused = await b.request('POST', form.getAttribute('action')!, entries.filter(([k]) => k !== 'p_cl_minutes'));
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('cl_minutes');
    expect((await collector.services.store.customers.timeline(customerId, { limit: 10 })).items).toHaveLength(2);
  });
});

describe('one time zone', () => {
  it('shows times in the zone the browser chose; a read key may choose one too', async () => {
    await collector.request('POST', '/v1/events', { body: { events: [makeEvent({ event: 'cl_nope', time: '2026-01-05T23:30:00Z' })] } });
    const r = consoleBrowser(collector);
    const read = await collector.request('POST', '/v1/keys', { key: collector.adminKey, body: { name: 'viewer', scope: 'read' } });
    await r.login(((await read.json()) as { key: string }).key);
    const customers = await r.page('/console/customers');
    expect(customers.querySelector('select[name=timezone] option[selected]')?.textContent).toBe('UTC');
    const token = (await r.csrfOf('/console/customers'))!;
    const res = await r.request('POST', '/console/timezone', { _csrf: token, timezone: 'Asia/Shanghai' });
    expect(res.status).toBe(303);
    expect((await r.page('/console/customers')).querySelector('select[name=timezone] option[selected]')?.textContent).toBe('Asia/Shanghai');
    expect((await r.request('POST', '/console/timezone', { _csrf: token, timezone: 'Mars/Olympus' })).status).toBe(303);
    expect(r.cookies.get('eventline_console_tz')).toBe('Asia%2FShanghai');

    // The quarantine needs an admin key; its received time is shown in the admin browser's zone.
    const b = await asAdmin();
    await b.request('POST', '/console/timezone', { _csrf: (await b.csrfOf('/console/events'))!, timezone: 'Asia/Tokyo' });
    const row = (await b.page('/console/quarantine')).querySelector('#quarantine tbody tr')!;
    const shown = row.querySelectorAll('td')[1]!.textContent!;
    const stored = (await collector.services.store.quarantine.pending(1, 0))[0]!.receivedAt;
    expect(shown).toContain(new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo', dateStyle: 'short', timeStyle: 'medium' }).format(stored));
  });
});

describe('a read key on the new pages', () => {
  it('sees keys, materials and WeChat accounts without forms, and every change it posts is refused', async () => {
    const read = await collector.request('POST', '/v1/keys', { key: collector.adminKey, body: { name: 'viewer', scope: 'read' } });
    await collector.services.store.materials.create({ id: 'poster', name: 'Poster', type: 'qrcode', tags: ['spring'] });
    await track([makeEvent({ anonymousId: 'a-1' })]);
    const customerId = (await collector.services.store.customers.findByIdentity('anonymous', 'a-1'))!.id;
    const r = await loggedInBrowser(collector, ((await read.json()) as { key: string }).key);
    for (const path of ['/console/keys', '/console/materials', '/console/wechat', `/console/customers/${customerId}`]) {
      const doc = await r.page(path);
      expect([...doc.querySelectorAll('form[method=post]')].map((f) => f.getAttribute('action')), path).toEqual(['/console/timezone', '/console/logout']);
    }
    const token = (await r.csrfOf('/console/keys'))!;
    const keyId = (await collector.services.store.keys.list())[0]!.id;
    const attempts: [string, Record<string, string>][] = [
      ['/console/keys', { name: 'mine', scope: 'admin' }],
      [`/console/keys/${keyId}/revoke`, {}],
      ['/console/materials', { name: 'New', type: 'qrcode', tags: '' }],
      ['/console/materials/poster', { name: 'Renamed', type: 'qrcode', tags: '' }],
      ['/console/materials/poster/delete', {}],
      ['/console/wechat', { name: 'Brand', appId: 'wx1', token: 'abc123' }],
      [`/console/customers/${customerId}/events`, { event: 'page_view' }],
    ];
    for (const [path, form] of attempts) expect((await r.request('POST', path, { ...form, _csrf: token })).status, path).toBe(403);
    expect(await collector.services.store.keys.list()).toHaveLength(3);
    expect(await collector.services.store.materials.list()).toMatchObject([{ id: 'poster', name: 'Poster' }]);
    expect(await collector.services.store.wechat.list()).toEqual([]);
  });
});

describe('materials and WeChat accounts', () => {
  it('creates, edits and deletes a material through the API’s checks; a WeChat account shows its callback URL', async () => {
    const b = await asAdmin();
    const token = (await b.csrfOf('/console/materials'))!;
    expect((await b.request('POST', '/console/materials', { _csrf: token, id: 'poster', name: 'Poster', type: 'qrcode', tags: 'spring, sale, spring' })).status).toBe(303);
    expect(await collector.services.store.materials.get('poster')).toMatchObject({ name: 'Poster', tags: ['spring', 'sale'] });
    const dup = await b.request('POST', '/console/materials', { _csrf: token, id: 'poster', name: 'Again', type: 'qrcode', tags: '' });
    expect(dup.status).toBe(400);
    expect((await b.request('POST', '/console/materials/poster', { _csrf: token, name: 'Poster', type: 'web_page', tags: 'autumn' })).status).toBe(303);
    expect(await collector.services.store.materials.get('poster')).toMatchObject({ type: 'web_page', tags: ['autumn'] });
    expect((await b.page('/console/materials/poster/delete')).querySelector('button.danger')?.textContent).toContain('delete');
    expect((await b.request('POST', '/console/materials/poster/delete', { _csrf: token })).status).toBe(303);
    expect(await collector.services.store.materials.get('poster')).toBeUndefined();

    const bad = await b.request('POST', '/console/wechat', { _csrf: token, name: 'Brand', appId: 'wxabc', token: 'no' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('a WeChat token is 3 to 32 letters or digits');
    expect((await b.request('POST', '/console/wechat', { _csrf: token, name: 'Brand', appId: 'wxabc', token: 'secret123' })).status).toBe(303);
    const page = await b.page('/console/wechat');
    expect(page.querySelector('input.callback')?.getAttribute('value')).toBe('http://localhost/v1/wechat/wxabc/callback');
    expect(page.body.innerHTML).not.toContain('secret123');
  });
});
