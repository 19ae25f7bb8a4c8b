import type { IngestResponse } from '@eventline/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateKey } from '../auth/generate-key';
import { hashKey } from '../auth/hash-key';
import { createTestCollector, makeEvent, type TestCollector } from '../testing/test-collector';

let collector: TestCollector;
let serverKey: string;
beforeEach(async () => {
  collector = await createTestCollector();
  serverKey = generateKey('server');
  await collector.services.store.keys.create({ id: 'k-backend', name: 'back end', scope: 'server', allowedOrigins: [], createdAt: Date.now(), hash: hashKey(serverKey) });
});
afterEach(async () => {
  await collector.close();
});

/** Events as a back end sends them: no uuid, no time. */
const backEndEvents = () => [
  { event: 'page_view', identities: { external_id: 'u-1' }, properties: { title: 'Home' } },
  { event: 'page_view', identities: { external_id: 'u-1' }, properties: { title: 'Home' } },
];
const stored = async () => ((await (await collector.request('GET', '/v1/events?limit=100', { key: collector.adminKey })).json()) as { items: { uuid: string; time: number }[] }).items;

describe('back ends may leave out uuid and time, on every store', () => {
  it('stores a retried request without uuids once, given an Idempotency-Key; a missing time is when it was received', async () => {
    const before = Date.now();
    const send = (idempotencyKey: string) =>
      collector.request('POST', '/v1/events', { key: serverKey, body: { events: backEndEvents() }, headers: { 'idempotency-key': idempotencyKey } });
    expect(await (await send('order-1001')).json()).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
    expect(await (await send('order-1001')).json()).toEqual({ accepted: 0, duplicates: 2, rejected: [] });
    const first = await stored();
    expect(first).toHaveLength(2);
    for (const e of first) {
      expect(e.time).toBeGreaterThanOrEqual(before);
      expect(e.time).toBeLessThanOrEqual(Date.now());
    }
    // Two identical events of one request are two events; another request is other events.
    expect(await (await send('order-1002')).json()).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
    expect(await stored()).toHaveLength(4);
  });

  it('answers 400 when uuids are missing and there is no Idempotency-Key to derive them from; nothing is stored', async () => {
    const res = await collector.request('POST', '/v1/events', { key: serverKey, body: { events: [makeEvent(), ...backEndEvents()] } });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('invalid_batch');
    expect(error.message).toMatch(/^events\.1\.uuid: missing — send a uuid with every event, or an Idempotency-Key header/);
    expect(await stored()).toHaveLength(0);
  });

  it('keeps requiring uuid and time of a public ingest key, per event as before', async () => {
    const { uuid: _u, ...noUuid } = makeEvent();
    const { time: _t, ...noTime } = makeEvent();
    const res = await collector.request('POST', '/v1/events', { body: { events: [noUuid, noTime, makeEvent()] }, headers: { 'idempotency-key': 'x' } });
    const body = (await res.json()) as IngestResponse;
    expect(body.accepted).toBe(1);
    expect(body.rejected).toEqual([
      { index: 0, uuid: null, code: 'invalid_uuid', path: 'uuid', message: expect.stringMatching(/^uuid: missing — send a UUID per event/) },
      { index: 1, uuid: noTime.uuid, code: 'invalid_time', path: 'time', message: 'time: missing — send an ISO 8601 string or epoch milliseconds' },
    ]);
  });
});
