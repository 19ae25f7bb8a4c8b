import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DefinitionGroupRecord, StoredDefinition } from '../store/store';
import { errorOf } from '../testing/error-of';
import { createTestCollector, type TestCollector } from '../testing/test-collector';

let collector: TestCollector;
beforeEach(async () => {
  collector = await createTestCollector();
  for (const id of ['cl_a', 'cl_b', 'cl_c']) {
    expect((await admin('POST', '/v1/definitions', { id, name: id, type: 'inbound' })).status).toBe(201);
  }
});
afterEach(async () => {
  await collector.close();
});

const admin = (method: string, path: string, body?: unknown) => collector.request(method, path, { key: collector.adminKey, ...(body !== undefined && { body }) });
const newGroup = async (name: string) => {
  const res = await admin('POST', '/v1/definition-groups', { name });
  expect(res.status).toBe(201);
  return (await res.json()) as DefinitionGroupRecord;
};
const groupOf = async (id: string) => ((await (await admin('GET', `/v1/definitions/${id}`)).json()) as StoredDefinition).group;

describe('definition groups', () => {
  it('creates, lists with event counts, and renames; a taken name is 409', async () => {
    const shop = await newGroup('Shop');
    await newGroup('微信');
    expect((await admin('POST', '/v1/definition-groups', { name: 'Shop' })).status).toBe(409);
    expect((await admin('POST', `/v1/definition-groups/${shop.id}/events`, { ids: ['cl_a', 'cl_b'] })).status).toBe(200);

    const list = (await (await admin('GET', '/v1/definition-groups')).json()) as { items: DefinitionGroupRecord[] };
    expect(list.items.map((g) => [g.name, g.eventCount])).toEqual([
      ['Shop', 2],
      ['微信', 0],
    ]);

    const renamed = await admin('PATCH', `/v1/definition-groups/${shop.id}`, { name: 'Store' });
    expect(await renamed.json()).toMatchObject({ id: shop.id, name: 'Store', eventCount: 2 });
    expect((await admin('PATCH', `/v1/definition-groups/${shop.id}`, { name: '微信' })).status).toBe(409);
    expect((await admin('PATCH', '/v1/definition-groups/nope', { name: 'X' })).status).toBe(404);
  });

  it('moves one event by PATCHing its group, and back to no group', async () => {
    const shop = await newGroup('Shop');
    expect((await admin('PATCH', '/v1/definitions/cl_c', { group: shop.id })).status).toBe(200);
    expect(await groupOf('cl_c')).toBe(shop.id);
    await admin('PATCH', '/v1/definitions/cl_c', { group: null });
    expect(await groupOf('cl_c')).toBe(null);
  });

  it('moves several events at once, all or none', async () => {
    const shop = await newGroup('Shop');
    const refused = await admin('POST', `/v1/definition-groups/${shop.id}/events`, { ids: ['cl_a', 'cl_nope'] });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/"cl_nope".*nothing was moved/);
    expect(await groupOf('cl_a')).toBe(null);

    expect((await admin('POST', `/v1/definition-groups/${shop.id}/events`, { ids: ['cl_a', 'page_view'] })).status).toBe(200);
    expect(await groupOf('cl_a')).toBe(shop.id);
    expect(await groupOf('page_view')).toBe(shop.id);
    expect((await admin('POST', '/v1/definition-groups/nope/events', { ids: ['cl_a'] })).status).toBe(404);
  });

  it('deleting a group moves its events to no group and keeps them', async () => {
    const shop = await newGroup('Shop');
    await admin('POST', `/v1/definition-groups/${shop.id}/events`, { ids: ['cl_a', 'cl_b'] });
    expect((await admin('DELETE', `/v1/definition-groups/${shop.id}`)).status).toBe(204);
    expect(await groupOf('cl_a')).toBe(null);
    expect(await groupOf('cl_b')).toBe(null);
    expect((await (await admin('GET', '/v1/definition-groups')).json()) as { items: unknown[] }).toEqual({ items: [] });
    expect((await admin('DELETE', `/v1/definition-groups/${shop.id}`)).status).toBe(404);
  });

  it('answers 400 naming the field for a group without a name', async () => {
    const res = await admin('POST', '/v1/definition-groups', { name: '  ' });
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toMatchObject({ code: 'invalid_request', message: expect.stringMatching(/^name: /) });
  });
});
