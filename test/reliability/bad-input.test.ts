// First: the app extends zod with .openapi() before the protocol's schemas are built.
import { createTestCollector, type TestCollector } from '../../collector/src/testing/test-collector';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { gzipSync } from 'node:zlib';
import { errorCodes, limits, rejectionCodes } from '@eventline/protocol';
import fc from 'fast-check';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Runs per property: the default keeps `npm test` fast; RELIABILITY_FUZZ_RUNS=5000 for a long hunt. */
const numRuns = Number(process.env.RELIABILITY_FUZZ_RUNS ?? 60);

let collector: TestCollector;
beforeAll(async () => {
  collector = await createTestCollector();
});
afterAll(() => collector?.close());

const send = (path: string, body: Uint8Array | string, headers: Record<string, string>, key = collector.writeKey) =>
  collector.app.request(path, { method: 'POST', headers: { authorization: `Bearer ${key}`, ...headers }, body: typeof body === 'string' ? body : new Uint8Array(body) });

/**
 * What every answer to bad input must be: a documented JSON error (never a 500), or a 200 whose every
 * event is counted as accepted, duplicate or rejected with a documented reason.
 */
async function expectDocumentedAnswer(res: Response, okStatus = 200) {
  const text = await res.text();
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new Error(`status ${res.status}: not JSON: ${text.slice(0, 200)}`);
  }
  if (res.status === okStatus) return body;
  expect(res.status, text.slice(0, 300)).toBeGreaterThanOrEqual(400);
  expect(res.status, text.slice(0, 300)).toBeLessThan(500);
  const error = body.error as { code: string; message: string };
  expect(errorCodes).toContain(error.code);
  expect(typeof error.message).toBe('string');
  return undefined;
}

function expectIngestAnswer(body: Record<string, unknown> | undefined, events?: number) {
  if (!body) return;
  const { accepted, duplicates, rejected } = body as { accepted: number; duplicates: number; rejected: { index: number; code: string }[] };
  for (const r of rejected) expect(rejectionCodes).toContain(r.code);
  if (events !== undefined) expect(accepted + duplicates + rejected.length).toBe(events);
}

const protoKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString');
/** Object keys as JSON text can carry them: JSON.parse gives `__proto__` as an own key, not the prototype. */
const hostileObject = fc.dictionary(fc.oneof(protoKey, fc.string({ maxLength: 20 })), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 });
const deep = (depth: number, open: string, close: string) => open.repeat(depth) + close.repeat(depth);
/** Nesting is fuzzed up to 2,000 levels; past limits.maxJsonDepth (32) the request is invalid_json. */
const maxDepth = 2_000;

/** One event as an SDK might botch it: any field missing, of the wrong type, huge or hostile. */
const event = fc.record(
  {
    uuid: fc.oneof(fc.uuid({ version: 7 }), fc.constant(uuidv7()), fc.string(), fc.integer(), fc.constant(null)),
    event: fc.oneof(fc.constantFrom('page_view', 'cl_nope', '', 'x'.repeat(10_000)), fc.string(), fc.integer(), protoKey),
    time: fc.oneof(fc.integer(), fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.string(), fc.double(), fc.constant(Date.now())),
    anonymousId: fc.oneof(fc.string({ maxLength: 300 }), fc.integer(), fc.constant('fuzz'), fc.constant({})),
    properties: fc.oneof(hostileObject, fc.jsonValue({ maxDepth: 4 }), fc.record({ title: fc.string({ minLength: 0, maxLength: 40_000 }) })),
    tags: fc.oneof(fc.array(fc.string({ maxLength: 100 }), { maxLength: 30 }), fc.jsonValue({ maxDepth: 2 })),
    identities: fc.jsonValue({ maxDepth: 3 }),
  },
  { requiredKeys: [] },
);

/** A body as text or bytes: well-formed batches of bad events, and bodies that are not batches at all. */
const eventsBody = fc.oneof(
  fc.record({ sentAt: fc.oneof(fc.constant(new Date().toISOString()), fc.jsonValue()), events: fc.array(event, { maxLength: 40 }) }, { requiredKeys: ['events'] }).map((b) => ({ text: JSON.stringify(b), events: b.events.length })),
  fc.array(event, { maxLength: 5 }).map((events) => ({ text: `{"events":${JSON.stringify(events).replace(/\{/g, '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},')}}` })),
  fc.jsonValue().map((v) => ({ text: JSON.stringify(v) })),
  fc.string({ maxLength: 500 }).map((text) => ({ text })),
  fc.integer({ min: 1, max: maxDepth }).map((d) => ({ text: `{"events":[{"event":"page_view","properties":${deep(d, '{"a":', '}').replace(/\}$/, '0}')}}]}` })),
  fc.integer({ min: 1, max: maxDepth }).map((d) => ({ text: deep(d, '[', ']') })),
  fc.integer({ min: 1, max: 200_000 }).map((d) => ({ text: deep(d, '[', ']') })),
  fc.uint8Array({ maxLength: 2_000 }).map((bytes) => ({ bytes })),
  fc.string({ maxLength: 200 }).map((s) => ({ bytes: Buffer.concat([Buffer.from(`{"events":[{"event":"page_view","anonymousId":"${s}`), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from('"}]}')]) })),
  fc.integer({ min: limits.maxBodyBytes - 10, max: limits.maxBodyBytes * 2 }).map((n) => ({ text: `{"events":[{"event":"page_view","anonymousId":"a","properties":{"title":"${'x'.repeat(n)}"}}]}` })),
);

describe('fuzzing the ingest and import bodies', () => {
  it('POST /v1/events answers every body with a documented error or per-event rejections', async () => {
    await fc.assert(
      fc.asyncProperty(eventsBody, fc.constantFrom('application/json', 'text/plain'), async (b, type) => {
        const body = 'bytes' in b ? b.bytes : b.text;
        const res = await send('/v1/events', body, { 'content-type': type });
        expectIngestAnswer(await expectDocumentedAnswer(res), 'events' in b ? b.events : undefined);
      }),
      { numRuns },
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('POST /v1/batch (Segment) answers every body with a documented error or per-event rejections', async () => {
    const message = fc.record(
      {
        type: fc.oneof(fc.constantFrom('track', 'identify', 'page', 'screen', 'group', 'alias'), fc.string(), fc.integer()),
        event: fc.oneof(fc.string({ maxLength: 50 }), protoKey, fc.integer()),
        userId: fc.oneof(fc.string({ maxLength: 300 }), fc.integer(), fc.constant(null)),
        anonymousId: fc.oneof(fc.string({ maxLength: 50 }), fc.jsonValue({ maxDepth: 1 })),
        messageId: fc.oneof(fc.string(), fc.uuid()),
        timestamp: fc.oneof(fc.string(), fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.integer()),
        properties: fc.oneof(hostileObject, fc.jsonValue({ maxDepth: 3 })),
        traits: fc.oneof(hostileObject, fc.jsonValue({ maxDepth: 3 })),
        context: fc.jsonValue({ maxDepth: 3 }),
      },
      { requiredKeys: [] },
    );
    const body = fc.oneof(
      fc.record({ batch: fc.array(message, { maxLength: 30 }), sentAt: fc.jsonValue({ maxDepth: 1 }), context: fc.jsonValue({ maxDepth: 2 }) }, { requiredKeys: ['batch'] }).map((b) => JSON.stringify(b)),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.string({ maxLength: 300 }),
      fc.integer({ min: 1, max: maxDepth }).map((d) => `{"batch":${deep(d, '[', ']')}}`),
      fc.array(message, { maxLength: 3 }).map((ms) => `{"batch":${JSON.stringify(ms).replace(/\{/g, '{"__proto__":{"polluted":1},')}}`),
    );
    await fc.assert(
      fc.asyncProperty(body, async (text) => {
        const res = await send('/v1/batch', text, { 'content-type': 'application/json' });
        expectIngestAnswer(await expectDocumentedAnswer(res));
      }),
      { numRuns },
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('POST /v1/definitions/import answers every file with 201 or a documented error, all or nothing', async () => {
    const header = 'event_name,event_id,event_type,score,stage,property_name,property_id,property_type';
    const cell = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom('cl_fuzz', 'cl_', '__proto__', 'constructor', 'inbound', 'outbound', 'text', 'number', '"', '""', '\r\n', ',', '=cmd()', '1e999', '-0'),
      fc.string({ minLength: 1_000, maxLength: 20_000 }),
    );
    const quote = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
    const csv = fc.oneof(
      fc.array(fc.array(cell, { maxLength: 10 }), { maxLength: 30 }).map((rows) => [header, ...rows.map((r) => r.map(quote).join(','))].join('\r\n')),
      fc.array(fc.array(cell, { maxLength: 10 }), { maxLength: 30 }).map((rows) => `\uFEFF${[header, ...rows.map((r) => r.join(','))].join('\n')}`),
      fc.string({ maxLength: 2_000 }),
      fc.uint8Array({ maxLength: 2_000 }),
      fc.constant('"'.repeat(100_000)),
    );
    await fc.assert(
      fc.asyncProperty(csv, async (file) => {
        const before = (await (await collector.request('GET', '/v1/definitions?system=false', { key: collector.adminKey })).json()) as { items: unknown[] };
        const res = await send('/v1/definitions/import', file, { 'content-type': 'text/csv' }, collector.adminKey);
        const body = await expectDocumentedAnswer(res, 201);
        const after = (await (await collector.request('GET', '/v1/definitions?system=false', { key: collector.adminKey })).json()) as { items: unknown[] };
        // All or nothing: a refused file created no definition.
        if (!body) expect(after.items.length).toBe(before.items.length);
      }),
      { numRuns: Math.ceil(numRuns / 2) },
    );
  });
});

describe('hostile transport', () => {
  it('cuts a gzip bomb off at the body limit: 413, and memory does not grow by the bomb', async () => {
    const bomb = gzipSync(Buffer.alloc(200 * 1024 * 1024, 0x20)); // 200 MB of spaces in ~200 KB
    expect(bomb.length).toBeLessThan(limits.maxBodyBytes);
    gc();
    const before = process.memoryUsage().rss;
    for (const path of ['/v1/events', '/v1/batch']) {
      const res = await send(path, bomb, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      expect(res.status).toBe(413);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('payload_too_large');
    }
    gc();
    // Inflating the bomb would take 200 MB; the cut-off keeps at most the 1 MB limit (and its copies).
    expect(process.memoryUsage().rss - before).toBeLessThan(50 * 1024 * 1024);
  });

  it('a bad body loses nothing: the good events of a mixed batch are stored, the rest quarantined', async () => {
    const good = uuidv7();
    const bad = uuidv7();
    const res = await send(
      '/v1/events',
      JSON.stringify({ events: [{ uuid: good, event: 'page_view', time: Date.now(), anonymousId: 'mixed', properties: { title: 't' } }, { uuid: bad, event: 'cl_undefined', time: Date.now(), anonymousId: 'mixed' }] }),
      { 'content-type': 'application/json' },
    );
    expect(await res.json()).toMatchObject({ accepted: 1, rejected: [{ index: 1, code: 'unknown_event' }] });
    const quarantine = (await (await collector.request('GET', '/v1/quarantine', { key: collector.adminKey })).json()) as { items: { uuid: string }[] };
    expect(quarantine.items.map((q) => q.uuid)).toContain(bad);
    const stored = (await (await collector.request('GET', `/v1/events?limit=1000`, { key: collector.adminKey })).json()) as { items: { uuid: string }[] };
    expect(stored.items.map((e) => e.uuid)).toContain(good);
  });

  /** JSON.parse takes any depth, but walking such a value overflowed the stack into a 500 (fixed by a depth limit). */
  it.each(['/v1/events', '/v1/batch'])('%s: one event nested 10,000 levels deep gets a documented answer, not a 500', async (path) => {
    const key = path === '/v1/events' ? 'events' : 'batch';
    const res = await send(path, `{"${key}":[${deep(10_000, '[', ']')}]}`, { 'content-type': 'application/json' });
    await expectDocumentedAnswer(res);
  });
});
