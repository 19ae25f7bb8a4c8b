import { describe, expect, it } from 'vitest';
import { collectorPerTest } from '../testing/collector-per-test';
import { errorOf } from '../testing/error-of';
import { makeEvent } from '../testing/test-collector';

const collector = collectorPerTest();

const send = async (...events: Record<string, unknown>[]) => {
  const res = await collector.request('POST', '/v1/events', { body: { events } });
  expect(res.status).toBe(200);
};
const get = (path: string) => collector.request('GET', path, { key: collector.adminKey });
const idOf = async (type: string, value: string) => (await collector.services.store.customers.findByIdentity(type, value))!.id;

describe('customers named by identity instead of id', () => {
  it('answers has-event for the customer holding an identity, written as a user would type it', async () => {
    await send(makeEvent({ anonymousId: 'x', event: 'form_submit', identities: { email: 'ann@example.com', mobile: '13800000000' }, time: Date.now() - 60_000 }));
    const id = await idOf('email', 'ann@example.com');

    for (const identity of ['email:%20Ann@Example.COM%20', 'mobile:138-0000-0000']) {
      const res = await get(`/v1/customers/has-event?identity=${identity}&event=form_submit&within=24h`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ happened: true, last: expect.any(Number), customerId: id });
    }
    const none = await get('/v1/customers/has-event?identity=email:ann@example.com&event=page_view&within=24h');
    expect(await none.json()).toEqual({ happened: false, last: null, customerId: id });
    // The same through the id form's placeholder.
    expect(await (await get('/v1/customers/-/has-event?identity=email:ann@example.com&event=form_submit&within=24h')).json()).toMatchObject({ happened: true, customerId: id });
  });

  it('404 names the identity nobody holds; 400 for a missing or malformed one', async () => {
    const unknown = await get('/v1/customers/has-event?identity=email:%20Nobody@Example.com&event=form_submit&within=24h');
    expect(unknown.status).toBe(404);
    expect(await errorOf(unknown)).toEqual({ code: 'not_found', message: 'no customer has the identity email:nobody@example.com' });
    expect((await get('/v1/customers/-?identity=mobile:139')).status).toBe(404);

    const missing = await get('/v1/customers/has-event?event=form_submit&within=24h');
    expect(missing.status).toBe(400);
    expect((await errorOf(missing)).code).toBe('invalid_request');
    const malformed = await get('/v1/customers/-/tags?identity=no-colon');
    expect(malformed.status).toBe(400);
    expect((await errorOf(malformed)).message).toMatch(/type:value/);
  });

  it('serves every id route by identity: the customer, tags, timeline, and a manual event', async () => {
    await send(makeEvent({ anonymousId: 'y', identities: { mobile: '13900000000' }, tags: ['shoes'] }));
    const id = await idOf('mobile', '13900000000');
    const customer = (await (await get('/v1/customers/-?identity=mobile:139%200000%200000')).json()) as { id: string; topTags: unknown[] };
    expect(customer).toMatchObject({ id, topTags: [{ tag: 'shoes', count: 1 }] });
    expect(await (await get('/v1/customers/-/tags?identity=mobile:13900000000')).json()).toEqual({ items: [{ tag: 'shoes', count: 1 }] });
    const added = await collector.request('POST', '/v1/customers/-/events?identity=mobile:13900000000', { key: collector.adminKey, body: { event: 'form_submit' } });
    expect(added.status).toBe(201);
    const timeline = (await (await get('/v1/customers/-/events?identity=mobile:13900000000')).json()) as { items: { event: string }[] };
    expect(timeline.items.map((e) => e.event).sort()).toEqual(['form_submit', 'page_view']);
  });

  it('an identity of a merged customer names the survivor', async () => {
    await send(makeEvent({ anonymousId: 'a' }), makeEvent({ anonymousId: 'b', identities: { mobile: '13700000000' } }));
    await send(makeEvent({ anonymousId: 'a', identities: { mobile: '13700000000' } }));
    const survivor = await idOf('mobile', '13700000000');
    expect(((await (await get('/v1/customers/-?identity=anonymous:a')).json()) as { id: string }).id).toBe(survivor);
  });
});
