import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// First: the app extends zod for OpenAPI before any schema of the protocol is built.
import { createTestCollector, makeEvent, type TestCollector } from '../testing/test-collector';
import { limits, rejectionCodes, type IngestResponse, type RejectionCode } from '@eventline/protocol';
import { generateKey } from '../auth/generate-key';
import { hashKey } from '../auth/hash-key';

// Every answer of the ingest routes that is not "accepted" names the field as the sender wrote it,
// what was expected, and how to fix it: "<field>: <what is wrong> — <what to do>".

let collector: TestCollector;
let serverKey: string;
beforeAll(async () => {
  collector = await createTestCollector();
  serverKey = generateKey('server');
  await collector.services.store.keys.create({ id: 'k-msg', name: 'back end', scope: 'server', allowedOrigins: [], createdAt: Date.now(), hash: hashKey(serverKey) });
  const definition = {
    id: 'cl_booked',
    name: 'Booked',
    type: 'inbound',
    properties: [
      { id: 'cl_at', name: 'At', type: 'datetime', required: true },
      { id: 'cl_count', name: 'Count', type: 'number' },
    ],
  };
  expect((await collector.request('POST', '/v1/definitions', { key: collector.adminKey, body: definition })).status).toBe(201);
});
afterAll(async () => {
  await collector.close();
});

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The message starts with the field and, after the dash, says what to do. */
const expectMessage = (message: string, field: string, fix: RegExp) => {
  expect(message).toMatch(new RegExp(`^${escape(field)}: .+ — `));
  expect(message.slice(message.indexOf(' — ') + 3)).toMatch(fix);
};

const booked = { event: 'cl_booked', properties: { cl_at: '2026-11-27T10:00:00+08:00' } };
const { uuid: _uuid, ...withoutUuid } = makeEvent();
const { time: _time, ...withoutTime } = makeEvent();

describe('rejection messages', () => {
  const rows: [name: string, event: unknown, code: RejectionCode, field: string, fix: RegExp][] = [
    ['not an object', 'page_view', 'invalid_event', 'events.0', /send each event as an object with uuid, event, time/],
    ['event not a string', makeEvent({ event: 42 }), 'invalid_event', 'event', /send a definition id such as page_view/],
    ['event missing', makeEvent({ event: undefined }), 'invalid_event', 'event', /send the id of an event definition/],
    ['context not an object', makeEvent({ context: 'web' }), 'invalid_event', 'context', /send context as an object/],
    ['unknown event', makeEvent({ event: 'cl_nope' }), 'unknown_event', 'event', /define it \(POST \/v1\/definitions\) or fix the id/],
    ['wrong property type', makeEvent({ ...booked, properties: { ...booked.properties, cl_count: 'two' } }), 'invalid_property', 'properties.cl_count', /send it as a number/],
    ['wrong datetime', makeEvent({ ...booked, properties: { cl_at: 'tomorrow' } }), 'invalid_property', 'properties.cl_at', /send it as 2026-11-27T10:00:00\+08:00/],
    ['nested property value', makeEvent({ properties: { title: { a: 1 } } }), 'invalid_property', 'properties.title', /flattened into properties of their own/],
    ['properties not an object', makeEvent({ properties: [] }), 'invalid_property', 'properties', /send properties as/],
    ['unknown property', makeEvent({ properties: { colour: 'red' } }), 'unknown_property', 'properties.colour', /add it to the definition or leave it out/],
    ['missing property', makeEvent({ event: 'cl_booked' }), 'missing_property', 'properties.cl_at', /send it/],
    ['missing uuid', withoutUuid, 'invalid_uuid', 'uuid', /send a UUID per event/],
    ['uuid not a UUID', makeEvent({ uuid: 'order-1' }), 'invalid_uuid', 'uuid', /send a UUID per event/],
    ['missing time', withoutTime, 'invalid_time', 'time', /^send an ISO 8601 string or epoch milliseconds$/],
    ['time of the wrong type', makeEvent({ time: true }), 'invalid_time', 'time', /send an ISO 8601 string or epoch milliseconds/],
    ['time unreadable', makeEvent({ time: 'yesterday' }), 'invalid_time', 'time', /send an ISO 8601 string such as .* or epoch milliseconds/],
    ['time in seconds', makeEvent({ time: 1_700_000_000 }), 'invalid_time', 'time', /send epoch milliseconds, not seconds/],
    ['time 2 days ahead', makeEvent({ time: Date.now() + 2 * 86_400_000 }), 'invalid_time', 'time', /send when the event happened/],
    ['unknown identity type', makeEvent({ identities: { passport: 'X1' } }), 'invalid_identity', 'identities.passport', /use one of external_id/],
    ['empty identity', makeEvent({ identities: { email: ' ' } }), 'invalid_identity', 'identities.email', /send the email value, or leave it out/],
    ['identity not a string', makeEvent({ identities: { external_id: 7 } }), 'invalid_identity', 'identities.external_id', /send each identity value as a string/],
    ['anonymousId not a string', makeEvent({ anonymousId: 7 }), 'invalid_identity', 'anonymousId', /send the anonymous id as a string/],
    ['no identity', makeEvent({ anonymousId: undefined }), 'missing_identity', 'anonymousId', /send an anonymousId or at least one identity/],
    ['too large', makeEvent({ properties: { title: 'x'.repeat(33 * 1024) } }), 'event_too_large', 'events.0', /shorten long values/],
    ['21 tags', makeEvent({ tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }), 'invalid_tags', 'tags', /send the 20 that matter most/],
    ['a 65-character tag', makeEvent({ tags: ['x'.repeat(65)] }), 'invalid_tags', 'tags.0', /shorten it or leave it out/],
    ['tags not an array', makeEvent({ tags: 'sale' }), 'invalid_tags', 'tags', /send tags as \["summer-sale"\]/],
    ['outbound with a public key', makeEvent({ event: 'sms_sent' }), 'not_allowed', 'event', /send outbound events from your back end with a server key/],
    ['a NUL character', makeEvent({ properties: { title: 'a\0b' } }), 'invalid_property', 'properties.title', /remove it/],
    ['a lone surrogate', makeEvent({ properties: { title: 'Sale 🎉'.slice(0, 6) } }), 'invalid_text', 'properties.title', /cut text by characters/],
  ];

  it('covers every rejection code', () => {
    // `suppressed` needs a suppression first: its own test is below.
    expect(new Set([...rows.map((r) => r[2]), 'suppressed'])).toEqual(new Set(rejectionCodes));
  });

  it('suppressed: says the identity was erased on request and nothing was stored', async () => {
    await collector.request('POST', '/v1/suppressions', { key: collector.adminKey, body: { type: 'anonymous', value: 'erased-device' } });
    const res = await collector.request('POST', '/v1/events', { body: { events: [makeEvent({ anonymousId: 'erased-device' })] } });
    const [rejection] = ((await res.json()) as IngestResponse).rejected;
    expect(rejection).toMatchObject({ index: 0, code: 'suppressed' });
    expect(rejection!.message).toMatch(/erased on request and is suppressed: it was not stored/);
  });

  it.each(rows)('%s', async (_name, event, code, field, fix) => {
    const res = await collector.request('POST', '/v1/events', { body: { events: [event] } });
    const [rejection] = ((await res.json()) as IngestResponse).rejected;
    expect(rejection).toMatchObject({ index: 0, code });
    expectMessage(rejection!.message, field, fix);
  });
});

describe('whole-request error messages', () => {
  type Options = Parameters<TestCollector['request']>[2];
  const big = (n: number) => Array.from({ length: n }, () => makeEvent());
  const rows: [name: string, path: string, options: () => Options, status: number, code: string, field: string, fix: RegExp][] = [
    ['not JSON', '/v1/events', () => ({ body: '{"events": [' }), 400, 'invalid_json', 'body', /send one JSON object/],
    ['nested too deep', '/v1/events', () => ({ body: `{"events":${'['.repeat(40)}${']'.repeat(40)}}` }), 400, 'invalid_json', 'body', /send flatter JSON/],
    ['not UTF-8', '/v1/events', () => ({ body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]) }), 400, 'invalid_json', 'body', /encoded as UTF-8/],
    ['not gzip', '/v1/events', () => ({ body: '{}', headers: { 'content-encoding': 'gzip' } }), 400, 'invalid_json', 'body', /compress the whole body with gzip/],
    ['not an object', '/v1/events', () => ({ body: [] }), 400, 'invalid_batch', 'body', /send \{ "sentAt"\?: time, "events": \[ … \] \}/],
    ['no events', '/v1/events', () => ({ body: { event: [] } }), 400, 'invalid_batch', 'events', /send \{ "sentAt"\?/],
    ['events not an array', '/v1/events', () => ({ body: { events: {} } }), 400, 'invalid_batch', 'events', /send \{ "sentAt"\?/],
    ['sentAt no time', '/v1/events', () => ({ body: { sentAt: 'soon', events: [] } }), 400, 'invalid_batch', 'sentAt', /send an ISO 8601 string .* or epoch milliseconds, or leave it out/],
    ['dropped negative', '/v1/events', () => ({ body: { dropped: -1, events: [] } }), 400, 'invalid_batch', 'dropped', /send \{ "sentAt"\?/],
    ['a back end without uuids or Idempotency-Key', '/v1/events', () => ({ key: serverKey, body: { events: [{ event: 'page_view', anonymousId: 'a' }] } }), 400, 'invalid_batch', 'events.0.uuid', /Idempotency-Key header/],
    ['too many events', '/v1/events', () => ({ body: { events: big(limits.maxEventsPerBatch + 1) } }), 413, 'payload_too_large', 'events', /send them in requests of 500 or fewer/],
    ['body too large', '/v1/events', () => ({ body: { events: [], pad: 'x'.repeat(limits.maxBodyBytes) } }), 413, 'payload_too_large', 'body', /send the events in smaller requests/],
    ['gzip bomb', '/v1/events', () => ({ body: gzipSync(Buffer.alloc(4 * limits.maxBodyBytes, 0x20)), headers: { 'content-encoding': 'gzip' } }), 413, 'payload_too_large', 'body', /smaller requests/],
    ['XML', '/v1/events', () => ({ body: '<events/>', headers: { 'content-type': 'application/xml' } }), 415, 'unsupported_media_type', 'Content-Type', /application\/json or text\/plain, optionally with Content-Encoding gzip or deflate/],
    ['no Content-Type', '/v1/events', () => ({ body: '{"events":[]}', headers: { 'content-type': '' } }), 415, 'unsupported_media_type', 'Content-Type', /application\/json or text\/plain/],
    ['brotli', '/v1/events', () => ({ body: '{}', headers: { 'content-encoding': 'br' } }), 415, 'unsupported_media_type', 'Content-Encoding', /gzip or deflate/],
    ['Segment: not JSON', '/v1/batch', () => ({ body: '{"batch": [' }), 400, 'invalid_json', 'body', /send one JSON object/],
    ['Segment: not an object', '/v1/batch', () => ({ body: [] }), 400, 'invalid_batch', 'body', /send \{ "batch": \[ … \]/],
    ['Segment: no batch', '/v1/batch', () => ({ body: { messages: [] } }), 400, 'invalid_batch', 'batch', /send \{ "batch": \[ … \]/],
    ['Segment: batch not an array', '/v1/batch', () => ({ body: { batch: {} } }), 400, 'invalid_batch', 'batch', /send \{ "batch"/],
    ['Segment: sentAt no time', '/v1/batch', () => ({ body: { batch: [], sentAt: 'soon' } }), 400, 'invalid_batch', 'sentAt', /or leave it out/],
    ['Segment: too many messages', '/v1/batch', () => ({ body: { batch: big(limits.maxEventsPerBatch + 1) } }), 413, 'payload_too_large', 'batch', /500 or fewer/],
    ['Segment: track not an object', '/v1/track', () => ({ body: [] }), 400, 'invalid_batch', 'body', /send one Segment message/],
    ['Segment: no Content-Type', '/v1/identify', () => ({ body: '{}', headers: { 'content-type': '' } }), 415, 'unsupported_media_type', 'Content-Type', /application\/json or text\/plain/],
  ];

  it.each(rows)('%s (%s)', async (_name, path, options, status, code, field, fix) => {
    const opts = options() ?? {};
    const headers = { ...opts.headers };
    // An empty content-type stands for none at all: bytes, as a string body would be given text/plain.
    const res =
      headers['content-type'] === ''
        ? await collector.app.request(path, { method: 'POST', headers: { authorization: `Bearer ${collector.writeKey}` }, body: new TextEncoder().encode(opts.body as string) })
        : await collector.request('POST', path, opts);
    expect(res.status).toBe(status);
    const { error } = (await res.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe(code);
    expectMessage(error.message, field, fix);
  });

  it('says "an ingest key", not "a ingest key"', async () => {
    const res = await collector.request('GET', '/v1/quarantine');
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/^an ingest key cannot do this — use a key with scope/);
  });
});
