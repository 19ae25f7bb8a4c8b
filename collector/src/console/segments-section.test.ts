import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCollector, makeEvent, type TestCollector } from '../testing/test-collector';
import { loggedInBrowser, type FormEntries } from './console-browser';

let collector: TestCollector;
beforeEach(async () => {
  collector = await createTestCollector();
  expect((await collector.request('POST', '/v1/definitions', { key: collector.adminKey, body: { id: 'cl_buy', name: 'Buy', type: 'inbound', score: 5 } })).status).toBe(201);
  const buy = (anonymousId: string, email: string) => makeEvent({ event: 'cl_buy', anonymousId, identities: { email } });
  const res = await collector.request('POST', '/v1/events', { body: { events: [buy('a', 'ada@example.com'), buy('a', 'ada@example.com'), buy('b', 'bob@example.com')] } });
  expect(await res.json()).toMatchObject({ accepted: 3 });
});
afterEach(async () => {
  await collector.close();
});

/** One builder row, every field sent as the page sends it. */
const row = (fields: Record<string, string>): FormEntries =>
  Object.entries({ group: 'main', negate: '', kind: '', event: '', countOp: 'atLeast', count: '1', within: '', property: '', propertyOp: '=', propertyValue: '', tag: '', level: '', min: '', max: '', stage: '', ...fields }).map(
    ([k, v]): [string, string] => [`row.${k}`, v],
  );

const admin = async () => {
  const b = await loggedInBrowser(collector);
  return { b, csrf: (await b.csrfOf('/console/segments/new'))! };
};

describe('/console/segments', () => {
  it('saves what the builder posts as the condition /v1/segments serves, and lists its members', async () => {
    const { b, csrf } = await admin();
    const res = await b.request('POST', '/console/segments', [['_csrf', csrf], ['name', 'Twice'], ['combine', 'all'], ['subCombine', 'any'], ...row({ kind: 'did', event: 'cl_buy', count: '2', within: '30d' }), ...row({})]);
    expect(res.status).toBe(303);
    const [segment] = ((await (await collector.request('GET', '/v1/segments', { key: collector.adminKey })).json()) as { items: { id: string; name: string; condition: unknown }[] }).items;
    expect(segment).toMatchObject({ name: 'Twice', condition: { all: [{ did: { event: 'cl_buy', atLeast: 2, within: '30d' } }] } });
    expect(res.headers.get('location')).toBe(`/console/segments/${segment!.id}`);

    const page = await b.page(`/console/segments/${segment!.id}`);
    expect(page.querySelector('#member-count')?.textContent).toBe('1');
    expect([...page.querySelectorAll('#members tbody tr')].map((r) => r.textContent)).toEqual([expect.stringContaining('email: ada@example.com')]);
    const csv = await (await b.request('GET', `/console/segments/${segment!.id}/members.csv`)).text();
    expect(csv.trim().split('\n')).toHaveLength(2);
    expect(csv).toContain('ada@example.com');
  });

  it('puts a mistake next to its row and saves nothing; the live count says the same', async () => {
    const { b, csrf } = await admin();
    const form: FormEntries = [['name', 'Bad'], ['combine', 'all'], ['subCombine', 'any'], ...row({ kind: 'stage', stage: 'engaged' }), ...row({ kind: 'activeness', level: 'high', min: '3' })];
    const res = await b.request('POST', '/console/segments', [['_csrf', csrf], ...form]);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toMatch(/<div class="cond" data-kind="activeness"[^]*?<p class="row-error" role="alert">activeness: give a level or a min\/max range, not both<\/p>/);
    expect((await collector.services.store.segments.list()).length).toBe(0);

    const count = await b.request('GET', `/console/segments/count?${new URLSearchParams(form)}`);
    expect(count.status).toBe(400);
    expect(await count.json()).toEqual({ error: { code: 'invalid_request', message: 'Condition 2: activeness: give a level or a min/max range, not both' } });
    const fixed = form.map(([k, v]): [string, string] => [k, k === 'row.min' ? '' : v]);
    expect(await (await b.request('GET', `/console/segments/count?${new URLSearchParams(fixed)}`)).json()).toEqual({ count: 0 });
  });

  it('a read key sees the members but cannot save or delete', async () => {
    const { b, csrf } = await admin();
    await b.request('POST', '/console/segments', [['_csrf', csrf], ['name', 'Buyers'], ['combine', 'all'], ...row({ kind: 'did', event: 'cl_buy' })]);
    const [segment] = await collector.services.store.segments.list();
    const key = ((await (await collector.request('POST', '/v1/keys', { key: collector.adminKey, body: { name: 'viewer', scope: 'read' } })).json()) as { key: string }).key;
    const r = await loggedInBrowser(collector, key);
    const page = await r.page(`/console/segments/${segment!.id}`);
    expect(page.querySelector('#member-count')?.textContent).toBe('2');
    expect(page.querySelector('form[action^="/console/segments"]')).toBeNull();
    const token = (await r.csrfOf('/console/segments'))!;
    expect((await r.request('POST', `/console/segments/${segment!.id}/delete`, { _csrf: token })).status).toBe(403);
    expect((await r.request('POST', '/console/segments', [['_csrf', token], ['name', 'Mine'], ...row({ kind: 'did', event: 'cl_buy' })])).status).toBe(403);
    expect(await collector.services.store.segments.list()).toHaveLength(1);
  });
});
