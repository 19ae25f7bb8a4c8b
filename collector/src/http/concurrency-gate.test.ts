import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KeyEnv } from '../auth/require-key';
import { HttpError } from '../errors/http-error';
import type { KeyRecord } from '../store/store';
import { createTestCollector, makeEvent, type TestCollector } from '../testing/test-collector';
import { concurrencyGate } from './concurrency-gate';

/** An app whose routes stand behind one gate; the key id comes in a header. */
function gated(perKey: number, total: number) {
  const app = new Hono<KeyEnv>();
  app.use('*', async (c, next) => {
    c.set('key', { id: c.req.header('x-key') ?? 'a' } as KeyRecord);
    await next();
  });
  app.use('*', concurrencyGate('exports', { perKey, total }, 7));
  app.get('/stream', (c) => c.body(new ReadableStream({ pull: (ctl) => ctl.enqueue(new TextEncoder().encode('x\n')) }), 200, { 'content-type': 'application/x-ndjson' }));
  app.get('/page', (c) => c.json({ items: [] }));
  app.get('/fail', () => {
    throw new HttpError(400, 'invalid_request', 'no');
  });
  app.onError((error, c) => {
    if (!(error instanceof HttpError)) throw error;
    for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
    return c.json(error.toBody(), error.status);
  });
  return (path: string, key = 'a') => Promise.resolve(app.request(path, { headers: { 'x-key': key } }));
}

describe('concurrencyGate', () => {
  it('holds a place per streamed answer until the client leaves, per key and in all', async () => {
    const get = gated(2, 3);
    const [a1, a2] = [await get('/stream'), await get('/stream')];
    const refused = await get('/stream');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('7');
    expect(((await refused.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'too_many_requests', message: expect.stringContaining('this key') });
    const b1 = await get('/stream', 'b');
    expect(b1.status).toBe(200);
    const full = await get('/stream', 'c');
    expect(full.status).toBe(429);
    expect(((await full.json()) as { error: { message: string } }).error.message).toContain('the collector already has 3 exports');

    await a1.body!.cancel();
    expect((await get('/stream', 'c')).status).toBe(200);
    await a2.body!.cancel();
    await b1.body!.cancel();
  });

  it('gives the place back once the handler is done, or a streamed answer has ended', async () => {
    const get = gated(1, 1);
    expect((await get('/fail')).status).toBe(400);
    // A JSON answer, even one the client has not read yet: the work is done.
    expect((await get('/page')).status).toBe(200);
    expect((await get('/page')).status).toBe(200);
    const open = await get('/stream');
    expect(open.status).toBe(200);
    expect((await get('/fail')).status).toBe(429);
    await open.body!.cancel();
    expect((await get('/fail')).status).toBe(400);
  });
});

describe('the gated routes', () => {
  let collector: TestCollector;
  let readKey: string;
  beforeAll(async () => {
    collector = await createTestCollector({ EVENTLINE_MAX_EXPORTS_PER_KEY: '2', EVENTLINE_MAX_EXPORTS: '3', EVENTLINE_MAX_QUERIES_PER_KEY: '1', EVENTLINE_MAX_DEBUG_STREAMS_PER_KEY: '2' });
    expect((await collector.request('POST', '/v1/events', { body: { events: [makeEvent()] } })).status).toBe(200);
    const created = await collector.request('POST', '/v1/keys', { key: collector.adminKey, body: { name: 'reader', scope: 'read' } });
    readKey = ((await created.json()) as { key: string }).key;
  });
  afterAll(() => collector.close());

  const expect429 = async (res: Response) => {
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('too_many_requests');
  };

  it('GET /v1/events: NDJSON exports and pages, per key and in all', async () => {
    const ndjson = (key: string) => collector.request('GET', '/v1/events', { key, headers: { accept: 'application/x-ndjson' } });
    const open = [await ndjson(readKey), await ndjson(readKey)];
    expect(open.map((r) => r.status)).toEqual([200, 200]);
    await expect429(await ndjson(readKey));
    const third = await ndjson(collector.adminKey);
    expect(third.status).toBe(200);
    await expect429(await ndjson(collector.adminKey));
    // A client that reads its export to the end gives its place back.
    expect((await third.text()).trim().split('\n')).toHaveLength(1);
    const fourth = await ndjson(collector.adminKey);
    expect(fourth.status).toBe(200);
    for (const res of [...open, fourth]) await res.body!.cancel();
  });

  it('GET /v1/events: pages, each holding its place while it is read from the store', async () => {
    const page = () => collector.request('GET', '/v1/events', { key: collector.adminKey });
    const answers = await Promise.all([page(), page(), page()]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 200, 429]);
    // Answered pages hold nothing: the store has been read.
    expect((await page()).status).toBe(200);
  });

  it('POST /v1/customers/query, per key', async () => {
    const query = () => collector.request('POST', '/v1/customers/query', { key: readKey, body: { condition: { did: { event: 'page_view' } } } });
    const answers = await Promise.all([query(), query()]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 429]);
    await expect429(answers.find((r) => r.status === 429)!);
    expect((await query()).status).toBe(200);
  });

  it('GET /v1/debug/stream', async () => {
    const watch = () => collector.request('GET', '/v1/debug/stream', { key: readKey });
    const streams = [await watch(), await watch()];
    expect(streams.map((r) => r.status)).toEqual([200, 200]);
    await expect429(await watch());
    await streams[0]!.body!.cancel();
    const again = await watch();
    expect(again.status).toBe(200);
    await again.body!.cancel();
    await streams[1]!.body!.cancel();
    expect(collector.services.debug!.readerCount).toBe(0);
  });
});
