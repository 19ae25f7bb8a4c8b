import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestCollector, makeEvent, type TestCollector } from '../testing/test-collector';
import type { DebugArrival } from './debug-bus';

let collector: TestCollector;
let readKey: string;

beforeEach(async () => {
  collector = await createTestCollector();
  const created = await collector.request('POST', '/v1/keys', { key: collector.adminKey, body: { name: 'debugger', scope: 'read' } });
  readKey = ((await created.json()) as { key: string }).key;
  const defined = await collector.request('POST', '/v1/definitions', {
    key: collector.adminKey,
    body: { id: 'cl_add_to_cart', name: 'Add to cart', type: 'inbound', score: 1, properties: [{ id: 'cl_count', name: 'Count', type: 'number', required: true }] },
  });
  expect(defined.status).toBe(201);
});
afterEach(() => collector.close());

/** Reads a Server-Sent Events body message by message. */
function sse(res: Response) {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const stop = () => reader.cancel();
  const next = async (): Promise<{ event: string; data: unknown } | undefined> => {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const lines = block.split('\n').filter((l) => !l.startsWith(':'));
        if (lines.length === 0) continue;
        const field = (name: string) => lines.find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2);
        return { event: field('event') ?? 'message', data: JSON.parse(field('data')!) };
      }
      const { done, value } = await reader.read();
      if (done) return undefined;
      buffer += value;
    }
  };
  return { next, stop };
}

const watch = async (query = '', key = readKey) => {
  const res = await collector.request('GET', `/v1/debug/stream${query.replace(/^&/, '?')}`, { key });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
  return { res, ...sse(res) };
};

const send = (events: Record<string, unknown>[], headers: Record<string, string> = {}) => collector.request('POST', '/v1/events', { body: { sentAt: Date.now(), events }, headers });

describe('GET /v1/debug/stream', () => {
  it('streams each arriving event with its result, the key id and the origin', async () => {
    const { next, stop } = await watch('', collector.adminKey);
    const first = makeEvent({ event: 'cl_add_to_cart', properties: { cl_count: 2 } });
    await send([first, makeEvent({ event: 'cl_add_to_cart', properties: { cl_count: 'two' } })], { origin: 'https://shop.example' });
    await send([first]);

    const arrivals = [await next(), await next(), await next()].map((m) => m!.data as DebugArrival);
    const writeKeyId = (await collector.services.keys.resolve(collector.writeKey))!.id;
    expect(arrivals.map((a) => a.result)).toEqual(['accepted', 'rejected', 'duplicate']);
    expect(arrivals[0]).toMatchObject({ event: 'cl_add_to_cart', uuid: first.uuid, anonymousId: 'anon-1', keyId: writeKeyId, origin: 'https://shop.example', raw: first });
    expect(arrivals[1]!.rejection).toMatchObject({ code: 'invalid_property', path: 'properties.cl_count' });
    expect(arrivals[2]!.origin).toBeNull();
    expect(JSON.stringify(arrivals)).not.toContain(collector.writeKey);
    await stop();
  });

  it('shows a read key what became of an event but not the event as sent: that is for admin keys, as in the quarantine', async () => {
    const forReader = await watch();
    const forAdmin = await watch('', collector.adminKey);
    const secret = 'mobile 13800000000';
    const rejected = makeEvent({ event: 'cl_add_to_cart', properties: { cl_count: 'two', title: secret } });
    await send([rejected]);

    const seen = (await forReader.next())!.data as DebugArrival;
    expect(seen).toMatchObject({ result: 'rejected', event: 'cl_add_to_cart', uuid: rejected.uuid, anonymousId: 'anon-1', rejection: { code: 'invalid_property', path: 'properties.cl_count' } });
    expect(seen.rejection!.message).toBeTruthy();
    expect(seen).not.toHaveProperty('raw');
    expect(JSON.stringify(seen)).not.toContain(secret);
    expect(((await forAdmin.next())!.data as DebugArrival).raw).toEqual(rejected);
    await forReader.stop();
    await forAdmin.stop();
  });

  it('streams what arrives at the Segment-compatible routes, as Eventline records it', async () => {
    const { next, stop } = await watch();
    const basic = `Basic ${Buffer.from(`${collector.writeKey}:`).toString('base64')}`;
    const answer = await collector.request('POST', '/v1/track', {
      key: null,
      headers: { authorization: basic },
      body: { type: 'track', event: 'Add to cart', anonymousId: 'seg-1', messageId: 'm-1', properties: { cl_count: 'two' } },
    });
    expect(answer.status).toBe(200);
    const arrival = (await next())!.data as DebugArrival;
    expect(arrival).toMatchObject({ result: 'rejected', event: 'cl_add_to_cart', anonymousId: 'seg-1', rejection: { code: 'invalid_property', path: 'properties.cl_count' } });
    await stop();
  });

  it('sends only what matches the event and anonymousId filters', async () => {
    const { next, stop } = await watch('&event=cl_add_to_cart&anonymousId=anon-2', collector.adminKey);
    await send([
      makeEvent({ event: 'page_view', anonymousId: 'anon-2' }),
      makeEvent({ event: 'cl_add_to_cart', properties: { cl_count: 1 }, anonymousId: 'anon-1' }),
      makeEvent({ event: 'cl_add_to_cart', properties: { cl_count: 3 }, anonymousId: 'anon-2' }),
    ]);
    await send([makeEvent({ event: 'cl_add_to_cart', properties: { cl_count: 4 }, anonymousId: 'anon-2' })]);
    const counts = [await next(), await next()].map((m) => (m!.data as { raw: { properties: { cl_count: number } } }).raw.properties.cl_count);
    expect(counts).toEqual([3, 4]);
    await stop();
  });

  it('cuts off a reader that does not keep up, and ingest goes on answering', async () => {
    const { next, stop } = await watch('', collector.adminKey);
    // Nobody reads the stream while more arrives than its buffer holds (1 MiB).
    const title = 'x'.repeat(1000);
    for (let batch = 0; batch < 15; batch++) {
      const answer = await send(Array.from({ length: 100 }, () => makeEvent({ properties: { title } })));
      expect(((await answer.json()) as { accepted: number }).accepted).toBe(100);
    }
    expect(collector.services.debug!.readerCount).toBe(0);
    let last: { event: string } | undefined;
    let received = 0;
    for (let m = await next(); m; m = await next()) {
      last = m;
      if (m.event === 'message') received++;
    }
    expect(last?.event).toBe('overflow');
    expect(received).toBeGreaterThan(0);
    expect(received).toBeLessThan(1500);
  });

  it('detaches a reader that goes away', async () => {
    const { stop } = await watch();
    expect(collector.services.debug!.readerCount).toBe(1);
    await stop();
    // The cancel travels back through the decoder and the response stream on later ticks.
    await vi.waitFor(() => expect(collector.services.debug!.readerCount).toBe(0));
  });

  it('wants a read or admin key in the Authorization header, never in the URL', async () => {
    expect((await collector.request('GET', '/v1/debug/stream', { key: null })).status).toBe(401);
    expect((await collector.request('GET', `/v1/debug/stream?key=${readKey}`, { key: null })).status).toBe(401);
    const refused = await collector.request('GET', '/v1/debug/stream', { key: collector.writeKey });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('forbidden');
    const admin = await collector.request('GET', '/v1/debug/stream', { key: collector.adminKey });
    expect(admin.status).toBe(200);
    await admin.body!.cancel();
  });
});

describe('GET /v1/definitions/types.d.ts', () => {
  it('answers the declarations to a read key, and nothing to a write key', async () => {
    const res = await collector.request('GET', '/v1/definitions/types.d.ts', { key: readKey });
    expect(res.status).toBe(200);
    const types = await res.text();
    expect(types).toContain('  cl_add_to_cart: EventlinePresetProperties & {\n');
    expect(types).toContain('    cl_count: number;\n');
    // The system events are there too: page_view is a defined event.
    expect(types).toMatch(/^ {2}page_view: /m);
    expect((await collector.request('GET', '/v1/definitions/types.d.ts')).status).toBe(403);
  });
});

describe('GET /debug', () => {
  it('serves the page without any key in it', async () => {
    const res = await collector.request('GET', '/debug', { key: null });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("fetch('/v1/debug/stream?'");
    expect(html).toContain("'Bearer ' + key");
    expect(html).not.toContain(collector.adminKey);
  });
});
