import type { IngestResponse } from '@eventline/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCollector, type TestCollector } from '../testing/test-collector';

let collector: TestCollector;
beforeEach(async () => {
  collector = await createTestCollector();
});
afterEach(async () => {
  await collector.close();
});

/** As analytics.js sends a call: text/plain, the write key as the Basic username and again in the body. */
const post = (c: TestCollector, path: string, message: Record<string, unknown>, options: { key?: string; origin?: string } = {}) => {
  const key = options.key ?? c.writeKey;
  return c.app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'text/plain', authorization: `Basic ${btoa(`${key}:`)}`, ...(options.origin ? { origin: options.origin } : {}) },
    body: JSON.stringify({ writeKey: key, sentAt: new Date().toISOString(), ...message }),
  });
};

const pageCall = {
  type: 'page',
  messageId: 'ajs-next-1764000000000-6f1c',
  anonymousId: 'anon-1',
  timestamp: new Date().toISOString(),
  properties: { path: '/pricing', referrer: '', search: '?utm_medium=email', title: 'Pricing', url: 'https://shop.example/pricing?utm_medium=email' },
  context: { page: { path: '/pricing', referrer: '', search: '?utm_medium=email', title: 'Pricing', url: 'https://shop.example/pricing?utm_medium=email' }, campaign: { medium: 'email', name: 'spring' } },
};

const newKey = async (body: Record<string, unknown>) => {
  const res = await collector.request('POST', '/v1/keys', { key: collector.adminKey, body: { name: 'site', scope: 'ingest', ...body } });
  return ((await res.json()) as { key: string }).key;
};

describe('analytics.js paths', () => {
  it('answers the preflight for any origin, allowing the Authorization header', async () => {
    for (const path of ['/v1/t', '/v1/p', '/v1/i', '/v1/b', '/v1/g']) {
      const res = await collector.app.request(path, { method: 'OPTIONS', headers: { origin: 'https://any.example', 'access-control-request-method': 'POST' } });
      expect(res.status, path).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe('https://any.example');
      expect(res.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
      expect(res.headers.get('access-control-allow-headers')).toMatch(/Content-Type/);
      expect(res.headers.get('access-control-allow-headers')).toMatch(/X-Retry-Count/);
    }
  });

  it('records a page call as page_view with its url, title and campaign, the rest of the page in context.page', async () => {
    const res = await post(collector, '/v1/p', pageCall, { origin: 'https://shop.example' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
    expect(res.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(res.headers.get('access-control-expose-headers')).toBe('Retry-After');
    const [event] = (await collector.services.store.events.page({ limit: 10 })).items;
    expect(event!.event).toBe('page_view');
    expect(event!.properties).toEqual({ url: pageCall.properties.url, title: 'Pricing', utm_medium: 'email', utm_campaign: 'spring' });
    expect(event!.context).toMatchObject({ page: { path: '/pricing', search: '?utm_medium=email' } });
  });

  it('lets only an origin the key allows read the answer, and refuses others', async () => {
    const key = await newKey({ allowedOrigins: ['https://shop.example'] });
    const denied = await post(collector, '/v1/t', { type: 'track', anonymousId: 'a', event: 'page_view' }, { key, origin: 'https://evil.example' });
    expect(denied.status).toBe(403);
    expect(await denied.json()).toMatchObject({ error: { code: 'origin_not_allowed' } });
    expect(denied.headers.get('access-control-allow-origin')).toBeNull();

    // A server key does not belong in a page: it is recorded (a back end may call these paths) but no page reads the answer.
    const serverKey = ((await (await collector.request('POST', '/v1/keys', { key: collector.adminKey, body: { name: 'srv', scope: 'server' } })).json()) as { key: string }).key;
    const server = await post(collector, '/v1/t', { type: 'track', anonymousId: 'a', event: 'page_view' }, { key: serverKey, origin: 'https://shop.example' });
    expect(server.status).toBe(200);
    expect(server.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('rejects screen, group and alias per message as unknown_event, quarantined, and records the rest of a /v1/b batch', async () => {
    const group = await post(collector, '/v1/g', { type: 'group', anonymousId: 'a', groupId: 'acme', traits: { name: 'Acme' } });
    expect(group.status).toBe(200);
    expect(((await group.json()) as IngestResponse).rejected.map((r) => [r.code, r.message])).toEqual([['unknown_event', expect.stringContaining('no event is defined with the id "group"')]]);

    const batch = await post(collector, '/v1/b', {
      batch: [
        { ...pageCall, messageId: 'm-1' },
        { type: 'alias', messageId: 'm-2', anonymousId: 'anon-1', userId: 'u-1', previousId: 'anon-1' },
        { type: 'identify', messageId: 'm-3', anonymousId: 'anon-1', userId: 'u-1', traits: { email: 'ada@example.com' } },
      ],
    });
    const body = (await batch.json()) as IngestResponse;
    expect(body.accepted).toBe(2);
    expect(body.rejected.map((r) => [r.index, r.code])).toEqual([[1, 'unknown_event']]);
    const q = await collector.request('GET', '/v1/quarantine', { key: collector.adminKey });
    expect(((await q.json()) as { items: { event: string }[] }).items.map((i) => i.event).sort()).toEqual(['alias', 'group']);
  });
});

it('reads its own body: a lower JSON API body limit does not cut an analytics.js batch', async () => {
  const small = await createTestCollector({ EVENTLINE_MAX_JSON_BODY_BYTES: '2000' });
  try {
    const batch = Array.from({ length: 20 }, (_, i) => ({ ...pageCall, messageId: `m-${i}` }));
    const res = await post(small, '/v1/b', { batch });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ accepted: 20 });
    // The limit still holds where it applies.
    expect((await small.request('POST', '/v1/definitions', { key: small.adminKey, body: { id: 'cl_x', name: 'x'.repeat(3000), type: 'inbound' } })).status).toBe(413);
  } finally {
    await small.close();
  }
});

describe('GET /v1/projects/:writeKey/settings', () => {
  const settings = (key: string, headers: Record<string, string> = {}) => collector.app.request(`http://collector.example:8080/v1/projects/${encodeURIComponent(key)}/settings`, { headers });

  it('points the Segment.io destination at this collector, with nothing else to load', async () => {
    const res = await settings(collector.writeKey, { origin: 'https://shop.example' });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({
      integrations: { 'Segment.io': { apiKey: collector.writeKey, apiHost: 'collector.example:8080/v1', protocol: 'http' } },
      plan: {},
      metrics: { sampleRate: 0 },
      remotePlugins: [],
    });
  });

  it('says https behind a TLS-terminating proxy, and never downgrades to http', async () => {
    const proxied = await settings(collector.writeKey, { 'x-forwarded-proto': 'https' });
    expect(((await proxied.json()) as { integrations: { 'Segment.io': { protocol: string } } }).integrations['Segment.io'].protocol).toBe('https');
    const direct = await collector.app.request(`https://collector.example/v1/projects/${collector.writeKey}/settings`, { headers: { 'x-forwarded-proto': 'http' } });
    expect(((await direct.json()) as { integrations: { 'Segment.io': { protocol: string } } }).integrations['Segment.io'].protocol).toBe('https');
  });

  it('404 unless the write key is a live ingest key; 403 for an origin the key does not allow', async () => {
    for (const key of ['el_pub_nope', collector.adminKey]) {
      const res = await settings(key);
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
    }
    const limited = await newKey({ allowedOrigins: ['https://shop.example'] });
    const res = await settings(limited, { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});
