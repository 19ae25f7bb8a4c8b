import { gzipSync } from 'node:zlib';
import type { IngestResponse } from '@eventline/protocol';
import { v4 as uuidv4 } from 'uuid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCollector, type TestCollector } from '../../collector/src/testing/test-collector';

let collector: TestCollector;
let serverKey: string;
beforeEach(async () => {
  collector = await createTestCollector();
  const res = await collector.request('POST', '/v1/keys', { key: collector.adminKey, body: { name: 'backend', scope: 'server' } });
  serverKey = ((await res.json()) as { key: string }).key;
  const def = await collector.request('POST', '/v1/definitions', {
    key: collector.adminKey,
    body: { id: 'cl_order_completed', name: 'Order Completed', type: 'inbound', score: 10, properties: [{ id: 'cl_total', name: 'Total', type: 'number', required: true }] },
  });
  expect(def.status).toBe(201);
});
afterEach(async () => {
  await collector.close();
});

/** As Segment's libraries send it: the write key as the HTTP Basic username, no password. */
const post = (path: string, body: unknown, options: { key?: string; gzip?: boolean } = {}) => {
  const json = JSON.stringify(body);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    authorization: `Basic ${Buffer.from(`${options.key ?? serverKey}:`).toString('base64')}`,
  };
  if (options.gzip) headers['content-encoding'] = 'gzip';
  return Promise.resolve(collector.app.request(path, { method: 'POST', headers, body: options.gzip ? new Uint8Array(gzipSync(json)) : json }));
};

const identitiesOf = async (customerId: string) =>
  (await collector.services.store.customers.get(customerId))!.identities.map(({ type, value }) => ({ type, value })).sort((a, b) => a.type.localeCompare(b.type));

describe('Segment-spec endpoints', () => {
  it('records a gzipped /v1/track whose event is a definition name, with userId and traits as identities', async () => {
    const messageId = uuidv4();
    const res = await post(
      '/v1/track',
      {
        messageId,
        userId: 'u-1',
        anonymousId: 'anon-1',
        event: 'Order Completed',
        properties: { cl_total: 42, channel: 'web' },
        context: { traits: { email: ' Ada@Example.COM ' }, library: { name: 'analytics-python', version: '2.3.0' } },
        timestamp: '2026-11-20T10:00:00.000Z',
      },
      { gzip: true },
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
    const stored = await collector.services.store.events.get(messageId);
    expect(stored).toMatchObject({ event: 'cl_order_completed', score: 10, time: Date.parse('2026-11-20T10:00:00.000Z'), properties: { cl_total: 42, channel: 'web' }, anonymousId: 'anon-1', source: 'api' });
    expect(stored!.context).toMatchObject({ library: { name: 'analytics-python' } });
    expect(await identitiesOf(stored!.customerId)).toEqual([
      { type: 'anonymous', value: 'anon-1' },
      { type: 'email', value: 'ada@example.com' },
      { type: 'external_id', value: 'u-1' },
    ]);
  });

  it('answers a /v1/batch event by event exactly as /v1/events does, and quarantines the rejected', async () => {
    const sentAt = new Date().toISOString();
    const good = { type: 'track', messageId: 'm-good', anonymousId: 'a', event: 'cl_order_completed', properties: { cl_total: 1 } };
    const badProperty = { type: 'track', messageId: 'm-bad', anonymousId: 'a', event: 'Order Completed', properties: { cl_total: 'one' } };
    const screen = { type: 'screen', messageId: 'm-screen', anonymousId: 'a', name: 'Home', properties: {} };
    const res = await post('/v1/batch', { batch: [good, badProperty, screen], sentAt });
    const body = (await res.json()) as IngestResponse;
    expect(body.accepted).toBe(1);
    expect(body.rejected.map((r) => [r.index, r.code, r.path])).toEqual([
      [1, 'invalid_property', 'properties.cl_total'],
      [2, 'unknown_event', 'event'],
    ]);
    const q = await collector.request('GET', '/v1/quarantine', { key: collector.adminKey });
    const items = ((await q.json()) as { items: { code: string; event: string }[] }).items;
    expect(items.map((i) => i.code).sort()).toEqual(['invalid_property', 'unknown_event']);
  });

  it('stores a resent message once: a messageId that is not a UUID still deduplicates', async () => {
    const message = { type: 'track', messageId: 'node-next-1764000000000-abc', anonymousId: 'a', event: 'Order Completed', properties: { cl_total: 5 } };
    expect(await (await post('/v1/batch', { batch: [message] })).json()).toMatchObject({ accepted: 1, duplicates: 0 });
    expect(await (await post('/v1/batch', { batch: [message] })).json()).toMatchObject({ accepted: 0, duplicates: 1 });
    expect((await collector.services.store.events.page({ limit: 10, event: 'cl_order_completed' })).items).toHaveLength(1);
  });

  it('turns /v1/identify into the identify event, so the anonymous history and the user are one customer', async () => {
    await post('/v1/track', { messageId: uuidv4(), anonymousId: 'anon-9', event: 'page_view', properties: {} });
    const id = await post('/v1/identify', { messageId: uuidv4(), anonymousId: 'anon-9', userId: 'u-9', traits: { phone: '+86 138-0000-0009', name: 'Bo' } });
    expect(await id.json()).toMatchObject({ accepted: 1 });
    await post('/v1/track', { messageId: uuidv4(), userId: 'u-9', event: 'Order Completed', properties: { cl_total: 3 } });
    const events = (await collector.services.store.events.page({ limit: 10 })).items;
    expect(events.map((e) => e.event)).toEqual(['page_view', 'identify', 'cl_order_completed']);
    expect(new Set(events.map((e) => e.customerId)).size).toBe(1);
    expect(events[1]!.context).toMatchObject({ traits: { name: 'Bo' } });
    expect(await identitiesOf(events[0]!.customerId)).toContainEqual({ type: 'mobile', value: '8613800000009' });
  });

  it('lets a public key send inbound events only, as on /v1/events', async () => {
    const res = await post('/v1/track', { messageId: uuidv4(), anonymousId: 'a', event: 'sms_sent' }, { key: collector.writeKey });
    expect(((await res.json()) as IngestResponse).rejected).toEqual([expect.objectContaining({ code: 'not_allowed' })]);
    const server = await post('/v1/track', { messageId: uuidv4(), userId: 'u-1', event: 'sms_sent' });
    expect(await server.json()).toMatchObject({ accepted: 1 });
  });

  it.each([
    ['cut-off JSON', 400, 'invalid_json', '/v1/batch', '{"batch":'],
    ['no batch list', 400, 'invalid_batch', '/v1/batch', '{"events":[]}'],
    ['a track that is not an object', 400, 'invalid_batch', '/v1/track', '[1]'],
    ['501 messages', 413, 'payload_too_large', '/v1/batch', JSON.stringify({ batch: Array.from({ length: 501 }, () => ({})) })],
  ])('answers %s with %i %s', async (_name, status, code, path, text) => {
    const res = await Promise.resolve(
      collector.app.request(path, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${serverKey}` }, body: text }),
    );
    expect(res.status).toBe(status);
    expect(await res.json()).toMatchObject({ error: { code } });
  });

  it('needs a key', async () => {
    const res = await Promise.resolve(collector.app.request('/v1/batch', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"batch":[]}' }));
    expect(res.status).toBe(401);
  });
});
