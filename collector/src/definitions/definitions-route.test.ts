import type { IngestResponse } from '@eventline/protocol';
import { describe, expect, it } from 'vitest';
import type { StoredDefinition } from '../store/store';
import { adminRequest } from '../testing/admin-request';
import { collectorPerTest } from '../testing/collector-per-test';
import { errorOf } from '../testing/error-of';
import { makeEvent } from '../testing/test-collector';

const collector = collectorPerTest();

const admin = adminRequest(collector);
const send = async (...events: Record<string, unknown>[]) => (await (await collector.request('POST', '/v1/events', { body: { events } })).json()) as IngestResponse;

const cart = {
  id: 'cl_add_to_cart',
  name: 'Add to cart',
  type: 'inbound',
  score: 3,
  stage: 'engaged',
  properties: [
    { id: 'cl_product', name: 'Product', type: 'text', required: true },
    { id: 'cl_count', name: 'Count', type: 'number' },
  ],
};

async function create(body: Record<string, unknown> = cart) {
  const res = await admin('POST', '/v1/definitions', body);
  expect(res.status).toBe(201);
  return (await res.json()) as StoredDefinition;
}

describe('POST /v1/definitions', () => {
  it('creates a custom event that the next ingest accepts', async () => {
    expect((await send(makeEvent({ event: 'cl_add_to_cart', properties: { cl_product: 'Shoes' } }))).rejected[0]?.code).toBe('unknown_event');
    const created = await create();
    expect(created).toMatchObject({ id: 'cl_add_to_cart', system: false, score: 3, stage: 'engaged', group: null });
    expect(await send(makeEvent({ event: 'cl_add_to_cart', properties: { cl_product: 'Shoes' } }))).toMatchObject({ accepted: 1, rejected: [] });
  });

  it('answers 409 for a duplicate id', async () => {
    await create();
    const dup = await admin('POST', '/v1/definitions', cart);
    expect(dup.status).toBe(409);
    expect(await errorOf(dup)).toMatchObject({ code: 'conflict', message: expect.stringContaining('already exists') });
  });

  it.each([
    ['an id without cl_', { id: 'add_to_cart' }, 'id'],
    ['an id over 32 characters', { id: `cl_${'x'.repeat(30)}` }, 'id'],
    ['a score on an outbound event', { type: 'outbound', score: 2 }, 'score'],
    ['an unknown type', { type: 'sideways' }, 'type'],
    ['a property id without cl_', { properties: [{ id: 'product', name: 'Product', type: 'text' }] }, 'properties.0.id'],
    ['an unknown property type', { properties: [{ id: 'cl_p', name: 'P', type: 'money' }] }, 'properties.0.type'],
    ['a property listed twice', { properties: [{ id: 'cl_p', name: 'P', type: 'text' }, { id: 'cl_p', name: 'Q', type: 'text' }] }, 'properties'],
    ['an unknown stage', { stage: 'bored' }, 'stage'],
    ['an unknown group', { group: 'no-such-group' }, 'group'],
  ])('answers 400 naming the field for %s', async (_name, change, field) => {
    const res = await admin('POST', '/v1/definitions', { ...cart, ...change });
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.code).toBe('invalid_request');
    expect(error.message.startsWith(`${field}: `)).toBe(true);
  });

  it('says why a score on an outbound event is refused', async () => {
    const res = await admin('POST', '/v1/definitions', { ...cart, type: 'outbound', score: 2 });
    expect((await errorOf(res)).message).toMatch(/outbound event has no score/);
  });

  it('answers 400 invalid_request for a body that is not JSON, and 403 for a write key', async () => {
    const bad = await collector.request('POST', '/v1/definitions', { key: collector.adminKey, body: '{nope', headers: { 'content-type': 'application/json' } });
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).code).toBe('invalid_request');
    const forbidden = await collector.request('POST', '/v1/definitions', { body: cart });
    expect(forbidden.status).toBe(403);
  });
});

describe('GET /v1/definitions', () => {
  const ids = async (query: string) => ((await (await admin('GET', `/v1/definitions${query}`)).json()) as { items: StoredDefinition[] }).items.map((d) => d.id);

  it('filters by q on name and id in any case, by type, system and group', async () => {
    await create();
    await create({ id: 'cl_coupon_sent', name: '优惠券已发送', type: 'outbound', properties: [] });
    const group = (await (await admin('POST', '/v1/definition-groups', { name: 'Shop' })).json()) as { id: string };
    await admin('PATCH', '/v1/definitions/cl_add_to_cart', { group: group.id });

    expect(await ids('?q=CART')).toEqual(['cl_add_to_cart']);
    expect(await ids('?q=优惠')).toEqual(['cl_coupon_sent']);
    expect(await ids('?q=wechat_f')).toEqual(['wechat_follow']);
    expect(await ids('?q=%25')).toEqual([]);
    // `_` is literal: as a LIKE wildcard "a_d" would match "add".
    expect(await ids('?q=a_d')).toEqual([]);
    expect(await ids('?type=outbound&system=false')).toEqual(['cl_coupon_sent']);
    expect((await ids('?system=true')).length).toBeGreaterThan(5);
    expect(await ids('?system=true')).not.toContain('cl_add_to_cart');
    expect(await ids(`?group=${group.id}`)).toEqual(['cl_add_to_cart']);
    expect(await ids('?group=none&system=false')).toEqual(['cl_coupon_sent']);
  });

  it('marks system events and answers 400 for a bad filter', async () => {
    const list = (await (await admin('GET', '/v1/definitions')).json()) as { items: StoredDefinition[] };
    expect(list.items.find((d) => d.id === 'page_view')).toMatchObject({ system: true });
    const res = await admin('GET', '/v1/definitions?type=sideways');
    expect(res.status).toBe(400);
    expect((await errorOf(res)).message).toMatch(/^type: /);
  });
});

describe('PATCH /v1/definitions/:id', () => {
  it('renames, rescores and adds a property; the next event is checked against the change', async () => {
    await create();
    const res = await admin('PATCH', '/v1/definitions/cl_add_to_cart', {
      name: 'Put in basket',
      score: 4,
      properties: [...cart.properties.map((p) => (p.id === 'cl_count' ? { ...p, name: 'Quantity' } : p)), { id: 'cl_colour', name: 'Colour', type: 'text', required: true }],
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ name: 'Put in basket', score: 4, properties: [{ id: 'cl_product' }, { id: 'cl_count', name: 'Quantity' }, { id: 'cl_colour' }] });

    const without = await send(makeEvent({ event: 'cl_add_to_cart', properties: { cl_product: 'Shoes' } }));
    expect(without.rejected[0]).toMatchObject({ code: 'missing_property', path: 'properties.cl_colour' });
    const ok = makeEvent({ event: 'cl_add_to_cart', properties: { cl_product: 'Shoes', cl_colour: 'red' } });
    expect(await send(ok)).toMatchObject({ accepted: 1 });
    expect(await collector.services.store.events.get(ok.uuid as string)).toMatchObject({ score: 4 });
  });

  it.each([
    ['changing the id', { id: 'cl_other' }, 'id', /never changes/],
    ['changing the type', { type: 'outbound', score: null }, 'type', /never changes/],
    ['changing a property type', { properties: [cart.properties[0], { ...cart.properties[1], type: 'text' }] }, 'properties.1.type', /saved as number/],
    ['removing a property', { properties: [cart.properties[0]] }, 'properties', /cl_count must stay/],
    ['adding a property without cl_', { properties: [...cart.properties, { id: 'colour', name: 'Colour', type: 'text' }] }, 'properties.2.id', /cl_/],
    ['an unknown stage', { stage: 'bored' }, 'stage', /not a lifecycle stage/],
    ['an unknown field', { colour: 'red' }, '', /colour/],
  ])('answers 400 for %s', async (_name, change, field, message) => {
    await create();
    const res = await admin('PATCH', '/v1/definitions/cl_add_to_cart', change);
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.code).toBe('invalid_request');
    if (field) expect(error.message.startsWith(`${field}: `)).toBe(true);
    expect(error.message).toMatch(message);
    expect(await (await admin('GET', '/v1/definitions/cl_add_to_cart')).json()).toMatchObject({ id: 'cl_add_to_cart', type: 'inbound', properties: cart.properties });
  });

  it('accepts an unchanged id and type sent back with the change', async () => {
    await create();
    const res = await admin('PATCH', '/v1/definitions/cl_add_to_cart', { id: 'cl_add_to_cart', type: 'inbound', score: -1 });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ score: -1 });
  });

  it('refuses a score on an outbound event', async () => {
    await create({ id: 'cl_coupon_sent', name: 'Coupon sent', type: 'outbound' });
    const res = await admin('PATCH', '/v1/definitions/cl_coupon_sent', { score: 1 });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).message).toMatch(/^score: an outbound event has no score/);
  });

  it('lets a system event change only its score and stage', async () => {
    const res = await admin('PATCH', '/v1/definitions/page_view', { score: 7, stage: 'interested' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ score: 7, stage: 'interested', defaultScore: 1, defaultStage: 'aware', system: true });
    const e = makeEvent();
    await send(e);
    expect(await collector.services.store.events.get(e.uuid as string)).toMatchObject({ score: 7 });

    for (const change of [{ name: 'Seen a page' }, { properties: [{ id: 'cl_x', name: 'X', type: 'text' }] }]) {
      const refused = await admin('PATCH', '/v1/definitions/page_view', change);
      expect(refused.status).toBe(400);
      expect((await errorOf(refused)).message).toMatch(/system event: its (name|properties) (is|are) fixed/);
    }
  });

  it('answers 404 for an unknown id', async () => {
    expect((await admin('PATCH', '/v1/definitions/cl_nope', { score: 1 })).status).toBe(404);
    expect((await admin('GET', '/v1/definitions/cl_nope')).status).toBe(404);
  });
});

describe('DELETE /v1/definitions/:id', () => {
  it('refuses a system event with 409 and a reason', async () => {
    const res = await admin('DELETE', '/v1/definitions/wechat_follow');
    expect(res.status).toBe(409);
    expect(await errorOf(res)).toMatchObject({ code: 'conflict', message: expect.stringMatching(/system event: it cannot be deleted/) });
    expect((await admin('GET', '/v1/definitions/wechat_follow')).status).toBe(200);
  });

  it('keeps the recorded events; new ones are unknown_event', async () => {
    await create();
    const before = makeEvent({ event: 'cl_add_to_cart', properties: { cl_product: 'Shoes' } });
    await send(before);
    expect((await admin('DELETE', '/v1/definitions/cl_add_to_cart')).status).toBe(204);
    expect(await collector.services.store.events.get(before.uuid as string)).toMatchObject({ event: 'cl_add_to_cart' });
    expect((await admin('GET', '/v1/definitions/cl_add_to_cart')).status).toBe(404);
    expect((await send(makeEvent({ event: 'cl_add_to_cart', properties: { cl_product: 'Shoes' } }))).rejected[0]?.code).toBe('unknown_event');
    expect((await admin('DELETE', '/v1/definitions/cl_add_to_cart')).status).toBe(404);
  });

  it('lets a deleted id be created again only with its type and saved properties', async () => {
    await create();
    await admin('DELETE', '/v1/definitions/cl_add_to_cart');

    const otherType = await admin('POST', '/v1/definitions', { ...cart, type: 'outbound', score: null });
    expect(otherType.status).toBe(409);
    expect((await errorOf(otherType)).message).toMatch(/deleted event.*type never changes/);
    const lostProperty = await admin('POST', '/v1/definitions', { ...cart, properties: [cart.properties[0]] });
    expect(lostProperty.status).toBe(409);

    const again = await create({ ...cart, name: 'Add to basket', properties: [...cart.properties, { id: 'cl_size', name: 'Size', type: 'text' }] });
    expect(again).toMatchObject({ name: 'Add to basket' });
    expect(await send(makeEvent({ event: 'cl_add_to_cart', properties: { cl_product: 'Shoes', cl_size: 'M' } }))).toMatchObject({ accepted: 1 });
  });
});

describe('POST /v1/definitions/restore-defaults', () => {
  it('puts system events back to their default score and stage and leaves custom events alone', async () => {
    await create();
    await admin('PATCH', '/v1/definitions/page_view', { score: 9, stage: null });
    await admin('PATCH', '/v1/definitions/wechat_unfollow', { score: -50 });
    await admin('PATCH', '/v1/definitions/cl_add_to_cart', { score: 8, stage: 'loyal' });

    const res = await admin('POST', '/v1/definitions/restore-defaults');
    expect(res.status).toBe(200);
    const systemCount = (await collector.services.store.definitions.list({ system: true })).length;
    expect(await res.json()).toEqual({ restored: systemCount });

    expect(await (await admin('GET', '/v1/definitions/page_view')).json()).toMatchObject({ score: 1, stage: 'aware' });
    expect(await (await admin('GET', '/v1/definitions/wechat_unfollow')).json()).toMatchObject({ score: -5 });
    expect(await (await admin('GET', '/v1/definitions/cl_add_to_cart')).json()).toMatchObject({ score: 8, stage: 'loyal' });

    const e = makeEvent();
    await send(e);
    expect(await collector.services.store.events.get(e.uuid as string)).toMatchObject({ score: 1 });
  });
});

describe('media types', () => {
  it('answers 415 unsupported_media_type for a definition sent as text', async () => {
    const res = await collector.request('POST', '/v1/definitions', { key: collector.adminKey, body: JSON.stringify(cart), headers: { 'content-type': 'text/plain' } });
    expect(res.status).toBe(415);
    expect((await errorOf(res)).code).toBe('unsupported_media_type');
  });
});
