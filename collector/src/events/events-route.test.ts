import { gzipSync } from 'node:zlib';
import type { IngestResponse } from '@eventline/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCollector, makeEvent, type TestCollector } from '../testing/test-collector';
import { addToCartDefinition } from '../testing/add-to-cart-definition';

let collector: TestCollector;
beforeEach(async () => {
  collector = await createTestCollector();
});
afterEach(async () => {
  await collector.close();
});

const send = (body: unknown, options: Parameters<TestCollector['request']>[2] = {}) =>
  collector.request('POST', '/v1/events', { body, ...options });

async function defineAddToCart() {
  const res = await collector.request('POST', '/v1/definitions', {
    key: collector.adminKey,
    body: addToCartDefinition,
  });
  expect(res.status).toBe(201);
}

describe('POST /v1/events', () => {
  it('accepts a valid batch and stores each event with its customer and tags', async () => {
    await defineAddToCart();
    const e = makeEvent({ event: 'cl_add_to_cart', properties: { cl_product: 'Shoes', cl_count: 2, channel: 'web' }, tags: ['summer-sale', 'shoes'] });
    const res = await send({ sentAt: new Date().toISOString(), events: [e, makeEvent()] });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
    const stored = await collector.services.store.events.get(e.uuid as string);
    expect(stored).toMatchObject({ event: 'cl_add_to_cart', score: 2, properties: { cl_product: 'Shoes', cl_count: 2, channel: 'web' }, tags: ['shoes', 'summer-sale'] });
  });

  it('lands the good events of a batch and rejects the bad one by index, uuid, code and path', async () => {
    await defineAddToCart();
    const bad = makeEvent({ event: 'cl_add_to_cart', properties: { cl_product: 'Shoes', cl_count: 'two' } });
    const res = await send({ events: [makeEvent(), bad, makeEvent()] });
    const body = (await res.json()) as IngestResponse;
    expect(body.accepted).toBe(2);
    expect(body.rejected).toEqual([
      {
        index: 1,
        uuid: bad.uuid,
        code: 'invalid_property',
        path: 'properties.cl_count',
        message: 'properties.cl_count: expected number, got string "two" — send it as a number, without quotes',
      },
    ]);
    const q = await collector.request('GET', '/v1/quarantine', { key: collector.adminKey });
    const list = (await q.json()) as { items: { uuid: string; code: string; raw: unknown }[] };
    expect(list.items).toEqual([expect.objectContaining({ uuid: bad.uuid, code: 'invalid_property', raw: bad })]);
  });

  const cases: [string, Record<string, unknown>, string, string][] = [
    ['unknown_event', { event: 'cl_nope' }, 'unknown_event', 'event'],
    ['unknown_property', { properties: { colour: 'red' } }, 'unknown_property', 'properties.colour'],
    ['invalid_uuid', { uuid: 'not-a-uuid' }, 'invalid_uuid', 'uuid'],
    ['unparseable time', { time: 'yesterday' }, 'invalid_time', 'time'],
    ['time in seconds', { time: 1_700_000_000 }, 'invalid_time', 'time'],
    ['time 2 days ahead', { time: Date.now() + 2 * 86_400_000 }, 'invalid_time', 'time'],
    ['no identity', { anonymousId: undefined }, 'missing_identity', 'anonymousId'],
    ['unknown identity type', { identities: { passport: 'X1' } }, 'invalid_identity', 'identities.passport'],
    ['too large', { properties: { title: 'x'.repeat(33 * 1024) } }, 'event_too_large', ''],
    ['21 tags', { tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, 'invalid_tags', 'tags'],
    ['a 65-character tag', { tags: ['ok', 'x'.repeat(65)] }, 'invalid_tags', 'tags.1'],
    ['outbound with a public key', { event: 'sms_sent' }, 'not_allowed', 'event'],
    ['not an object', { __replace: 'just a string' }, 'invalid_event', ''],
    // PostgreSQL stores no NUL character: refused on every store alike, and still quarantined.
    ['a NUL in a property', { properties: { title: 'a\0b' } }, 'invalid_property', 'properties.title'],
    ['a NUL in a context key', { context: { 'pa\0ge': 'x' } }, 'invalid_event', 'context.pa\uFFFDge'],
    ['a NUL in the event id', { event: 'page\0view' }, 'invalid_event', 'event'],
    ['a NUL in the anonymousId', { anonymousId: 'a\0' }, 'invalid_identity', 'anonymousId'],
    ['a NUL in a tag', { tags: ['ok', 't\0'] }, 'invalid_tags', 'tags.1'],
  ];
  it.each(cases)('rejects %s as %s', async (_name, change, code, path) => {
    const event = '__replace' in change ? change.__replace : makeEvent(change);
    const res = await send({ events: [event, makeEvent()] });
    expect(res.status).toBe(200);
    const body = (await res.json()) as IngestResponse;
    expect(body.accepted).toBe(1);
    expect(body.rejected).toHaveLength(1);
    expect(body.rejected[0]).toMatchObject({ index: 0, code, path });
    const q = await collector.request('GET', '/v1/quarantine', { key: collector.adminKey });
    expect(((await q.json()) as { items: { code: string; raw: unknown }[] }).items).toEqual([expect.objectContaining({ code, raw: event })]);
  });

  it('rejects a missing required property and a wrong datetime', async () => {
    await collector.request('POST', '/v1/definitions', {
      key: collector.adminKey,
      body: { id: 'cl_booked', name: 'Booked', type: 'inbound', properties: [{ id: 'cl_at', name: 'At', type: 'datetime', required: true }] },
    });
    const res = await send({ events: [makeEvent({ event: 'cl_booked' }), makeEvent({ event: 'cl_booked', properties: { cl_at: 'tomorrow' } }), makeEvent({ event: 'cl_booked', properties: { cl_at: '2026-11-27T10:00:00+08:00' } })] });
    const body = (await res.json()) as IngestResponse;
    expect(body.accepted).toBe(1);
    expect(body.rejected.map((r) => [r.code, r.path])).toEqual([
      ['missing_property', 'properties.cl_at'],
      ['invalid_property', 'properties.cl_at'],
    ]);
  });

  it('lets a server key send outbound events', async () => {
    const { generateKey } = await import('../auth/generate-key');
    const { hashKey } = await import('../auth/hash-key');
    const serverKey = generateKey('server');
    await collector.services.store.keys.create({ id: 'k-srv', name: 'server', scope: 'server', allowedOrigins: [], createdAt: Date.now(), hash: hashKey(serverKey) });
    const res = await send({ events: [makeEvent({ event: 'sms_sent', identities: { mobile: '138 0000 0000' } })] }, { key: serverKey });
    expect(await res.json()).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
  });

  it('stores an event once, however often it is sent', async () => {
    const e = makeEvent();
    expect(await (await send({ events: [e] })).json()).toMatchObject({ accepted: 1, duplicates: 0 });
    expect(await (await send({ events: [e, e] })).json()).toMatchObject({ accepted: 0, duplicates: 2 });
    const row = collector.services.store;
    expect((await row.events.get(e.uuid as string))?.uuid).toBe(e.uuid);
  });

  it('corrects the client clock by sentAt and keeps the raw client time', async () => {
    const skew = 3 * 60 * 60 * 1000; // the client clock runs 3 h ahead
    const clientNow = Date.now() + skew;
    const e = makeEvent({ time: clientNow - 60_000 });
    const before = Date.now();
    await send({ sentAt: clientNow, events: [e] });
    const stored = (await collector.services.store.events.get(e.uuid as string))!;
    expect(stored.clientTime).toBe(clientNow - 60_000);
    expect(stored.time).toBeGreaterThanOrEqual(before - 60_000 - 50);
    expect(stored.time).toBeLessThanOrEqual(Date.now() - 60_000 + 50);
    expect(stored.time - stored.receivedAt).toBe(-60_000);
  });

  it('accepts text/plain (sendBeacon) with ?key= and gzip bodies', async () => {
    const beacon = await collector.app.request(`/v1/events?key=${collector.writeKey}`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain;charset=UTF-8' },
      body: JSON.stringify({ events: [makeEvent()] }),
    });
    expect(await beacon.json()).toMatchObject({ accepted: 1 });
    const gz = await send(gzipSync(JSON.stringify({ events: [makeEvent()] })), { headers: { 'content-encoding': 'gzip' } });
    expect(await gz.json()).toMatchObject({ accepted: 1 });
  });
});

describe('POST /v1/events whole-request errors', () => {
  const expectError = async (res: Response, status: number, code: string) => {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe(code);
    expect(body.error.message.length).toBeGreaterThan(0);
  };

  it('401 without a key or with an unknown one', async () => {
    await expectError(await send({ events: [] }, { key: null }), 401, 'invalid_key');
    await expectError(await send({ events: [] }, { key: 'el_pub_nope' }), 401, 'invalid_key');
  });
  it('400 invalid_json and invalid_batch', async () => {
    await expectError(await send('{"events": [', {}), 400, 'invalid_json');
    await expectError(await send({ event: [] }), 400, 'invalid_batch');
    await expectError(await send({ sentAt: 'soon', events: [] }), 400, 'invalid_batch');
    await expectError(await send(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])), 400, 'invalid_json');
  });
  it('413 for more than 500 events or a body over 1 MB', async () => {
    await expectError(await send({ events: Array.from({ length: 501 }, () => makeEvent()) }), 413, 'payload_too_large');
    await expectError(await send({ events: [], pad: 'x'.repeat(1024 * 1024) }), 413, 'payload_too_large');
  });
  it('413 for a gzip bomb, cut off while inflating', async () => {
    const bomb = gzipSync(Buffer.alloc(200 * 1024 * 1024, 0x20)); // 200 MB of spaces in ~200 KB
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const before = process.memoryUsage().rss;
    await expectError(await send(bomb, { headers: { 'content-encoding': 'gzip' } }), 413, 'payload_too_large');
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
  });
  it('415 for other media types and encodings', async () => {
    await expectError(await send('<events/>', { headers: { 'content-type': 'application/xml' } }), 415, 'unsupported_media_type');
    await expectError(await send('{}', { headers: { 'content-encoding': 'br' } }), 415, 'unsupported_media_type');
  });
  it('403 for a read or admin-only scope mismatch and for an origin the key does not allow', async () => {
    const strict = await createTestCollector({ EVENTLINE_WRITE_KEY_ORIGINS: 'https://shop.example' });
    try {
      const denied = await strict.request('POST', '/v1/events', { body: { events: [makeEvent()] }, headers: { origin: 'https://evil.example' } });
      await expectError(denied, 403, 'origin_not_allowed');
      expect(denied.headers.get('access-control-allow-origin')).toBeNull();
      const allowed = await strict.request('POST', '/v1/events', { body: { events: [makeEvent()] }, headers: { origin: 'https://shop.example' } });
      expect(allowed.status).toBe(200);
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://shop.example');
      expect(allowed.headers.get('access-control-expose-headers')).toBe('Retry-After');
    } finally {
      await strict.close();
    }
    await expectError(await collector.request('GET', '/v1/quarantine'), 403, 'forbidden');
    const admin = await collector.request('POST', '/v1/events', { key: collector.adminKey, body: { events: [makeEvent()] }, headers: { origin: 'https://shop.example' } });
    expect(admin.status).toBe(200);
    expect(admin.headers.get('access-control-allow-origin')).toBeNull();
  });
  it('answers the CORS preflight', async () => {
    const res = await collector.app.request('/v1/events', { method: 'OPTIONS', headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST' } });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(res.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
  });
  it('404 as JSON for an unknown route', async () => {
    await expectError(await collector.request('GET', '/v1/nothing'), 404, 'not_found');
  });
  it('400 for a NUL character in a URL or an admin body, which no store could keep', async () => {
    await expectError(await collector.request('GET', '/v1/customers?identity=email:a%00b', { key: collector.adminKey }), 400, 'invalid_request');
    await expectError(await collector.request('GET', '/v1/customers/c1%00', { key: collector.adminKey }), 400, 'invalid_request');
    const definition = { id: 'cl_nul', name: 'Bad\0name', type: 'inbound', score: 1, properties: [] };
    const res = await collector.request('POST', '/v1/definitions', { key: collector.adminKey, body: definition });
    expect(((await res.clone().json()) as { error: { message: string } }).error.message).toMatch(/^name: contains a NUL character/);
    await expectError(res, 400, 'invalid_request');
    const material = await collector.request('POST', '/v1/materials', { key: collector.adminKey, body: { id: 'm1', name: 'QR\0', type: 'qrcode', tags: [] } });
    await expectError(material, 400, 'invalid_request');
  });
});
