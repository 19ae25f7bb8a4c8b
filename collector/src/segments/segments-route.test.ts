import { describe, expect, it } from 'vitest';
import { adminRequest } from '../testing/admin-request';
import { collectorPerTest } from '../testing/collector-per-test';
import { errorOf } from '../testing/error-of';
import { makeEvent } from '../testing/test-collector';
import type { SegmentMember as Member } from './segment-members';

interface Segment {
  id: string;
  name: string;
  condition: unknown;
}

const collector = collectorPerTest();

const admin = adminRequest(collector);
const send = async (...events: Record<string, unknown>[]) => expect((await collector.request('POST', '/v1/events', { body: { events } })).status).toBe(200);
const createKey = async (scope: string) => ((await (await admin('POST', '/v1/keys', { name: scope, scope })).json()) as { key: string }).key;
const hour = 3_600_000;

/** Customers a..e; those who submitted a form in the last day are a, c and e ("old" did so two days ago). */
async function seed() {
  const now = Date.now();
  await send(
    makeEvent({ anonymousId: 'a', identities: { email: 'a@example.com' }, event: 'form_submit', time: now - hour }),
    makeEvent({ anonymousId: 'b', event: 'page_view', time: now - hour }),
    makeEvent({ anonymousId: 'c', event: 'form_submit', time: now - 2 * hour }),
    makeEvent({ anonymousId: 'old', event: 'form_submit', time: now - 48 * hour }),
    makeEvent({ anonymousId: 'e', identities: { mobile: '13800000000' }, event: 'form_submit', time: now - 3 * hour }),
  );
  const ids: Record<string, string> = {};
  for (const a of ['a', 'b', 'c', 'old', 'e']) ids[a] = (await collector.services.store.customers.findByIdentity('anonymous', a))!.id;
  return ids;
}

const formInADay = { did: { event: 'form_submit', within: '24h' } };

describe('/v1/segments', () => {
  it('saves a segment, counts and lists its members now, with identities, by page and as NDJSON', async () => {
    const ids = await seed();
    const created = await admin('POST', '/v1/segments', { name: ' Recent forms ', condition: formInADay });
    expect(created.status).toBe(201);
    const segment = (await created.json()) as Segment;
    expect(segment).toMatchObject({ name: 'Recent forms', condition: formInADay });
    const expected = [ids.a!, ids.c!, ids.e!].sort();

    expect(await (await admin('GET', `/v1/segments/${segment.id}/count`)).json()).toEqual({ count: 3 });

    const first = (await (await admin('GET', `/v1/segments/${segment.id}/members?limit=2`)).json()) as { items: Member[]; nextCursor: string };
    const second = (await (await admin('GET', `/v1/segments/${segment.id}/members?limit=2&cursor=${first.nextCursor}`)).json()) as { items: Member[]; nextCursor: null };
    expect([...first.items, ...second.items].map((m) => m.id)).toEqual(expected);
    expect(second.nextCursor).toBeNull();
    const a = [...first.items, ...second.items].find((m) => m.id === ids.a)!;
    expect(a).toEqual({ id: ids.a, identities: { anonymous: ['a'], email: ['a@example.com'] }, activeness: expect.any(Number), activenessLevel: expect.any(String), stage: expect.anything(), lastSeen: expect.any(Number) });

    const ndjson = await collector.request('GET', `/v1/segments/${segment.id}/members`, { key: collector.adminKey, headers: { accept: 'application/x-ndjson' } });
    expect(ndjson.headers.get('content-type')).toMatch(/application\/x-ndjson/);
    const lines = (await ndjson.text()).trim().split('\n').map((l) => JSON.parse(l) as Member);
    expect(lines.map((m) => m.id)).toEqual(expected);
    expect(lines.find((m) => m.id === ids.e)!.identities).toEqual({ anonymous: ['e'], mobile: ['13800000000'] });

    // A new member counts at once: the condition is read at each use.
    await send(makeEvent({ anonymousId: 'b', event: 'form_submit' }));
    expect(await (await admin('GET', `/v1/segments/${segment.id}/count`)).json()).toEqual({ count: 4 });
  });

  it('lists, renames, changes the condition of and deletes segments', async () => {
    await seed();
    const segment = (await (await admin('POST', '/v1/segments', { name: 'Forms', condition: formInADay })).json()) as Segment;
    const other = (await (await admin('POST', '/v1/segments', { name: 'Viewers', condition: { did: { event: 'page_view' } } })).json()) as Segment;
    expect(((await (await admin('GET', '/v1/segments')).json()) as { items: Segment[] }).items.map((s) => s.name)).toEqual(['Forms', 'Viewers']);

    const renamed = await admin('PATCH', `/v1/segments/${segment.id}`, { name: 'Forms, ever', condition: { did: { event: 'form_submit' } } });
    expect(renamed.status).toBe(200);
    expect(await renamed.json()).toMatchObject({ name: 'Forms, ever', condition: { did: { event: 'form_submit' } } });
    expect(await (await admin('GET', `/v1/segments/${segment.id}/count`)).json()).toEqual({ count: 4 });
    expect(await (await admin('GET', `/v1/segments/${segment.id}`)).json()).toMatchObject({ name: 'Forms, ever' });

    expect((await admin('DELETE', `/v1/segments/${segment.id}`)).status).toBe(204);
    for (const [method, path] of [['GET', ''], ['GET', '/count'], ['GET', '/members'], ['DELETE', ''], ['PATCH', '']] as const) {
      const res = await admin(method, `/v1/segments/${segment.id}${path}`, method === 'PATCH' ? { name: 'x' } : undefined);
      expect(res.status).toBe(404);
      expect(await errorOf(res)).toMatchObject({ code: 'not_found' });
    }
    expect(((await (await admin('GET', '/v1/segments')).json()) as { items: Segment[] }).items.map((s) => s.id)).toEqual([other.id]);
  });

  it.each([
    ['an event no definition has', { did: { event: 'cl_nope' } }, /no event is defined with the id "cl_nope"/],
    ['an unknown activeness level', { activeness: { level: 'legendary' } }, /condition/],
    ['a malformed condition', { did: { event: 'form_submit', within: 'soon' } }, /condition/],
    ['a condition deeper than the limit', Array.from({ length: 40 }).reduce<unknown>((c) => ({ not: c }), { stage: 'aware' }), /nest at most/],
  ])('refuses %s as the filter does, on create and on change', async (_name, condition, message) => {
    const created = await admin('POST', '/v1/segments', { name: 'x', condition });
    expect(created.status).toBe(400);
    expect((await errorOf(created)).message).toMatch(message);
    const query = await admin('POST', '/v1/customers/query', { condition });
    expect(query.status).toBe(400);
    const segment = (await (await admin('POST', '/v1/segments', { name: 'ok', condition: formInADay })).json()) as Segment;
    const changed = await admin('PATCH', `/v1/segments/${segment.id}`, { condition });
    expect(changed.status).toBe(400);
    expect((await errorOf(changed)).message).toMatch(message);
  });

  it('lets read keys read segments and only admin keys change them', async () => {
    const readKey = await createKey('read');
    const segment = (await (await admin('POST', '/v1/segments', { name: 'Forms', condition: formInADay })).json()) as Segment;
    const as = (key: string, method: string, path: string, body?: unknown) => collector.request(method, path, { key, ...(body !== undefined && { body }) });
    expect((await as(readKey, 'GET', '/v1/segments')).status).toBe(200);
    expect((await as(readKey, 'GET', `/v1/segments/${segment.id}/members`)).status).toBe(200);
    expect((await as(readKey, 'POST', '/v1/segments', { name: 'x', condition: formInADay })).status).toBe(403);
    expect((await as(readKey, 'PATCH', `/v1/segments/${segment.id}`, { name: 'x' })).status).toBe(403);
    expect((await as(readKey, 'DELETE', `/v1/segments/${segment.id}`)).status).toBe(403);
    expect((await as(collector.writeKey, 'GET', '/v1/segments')).status).toBe(403);
  });
});
