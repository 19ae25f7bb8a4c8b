// First: the app extends zod with .openapi() before the protocol's schemas are built.
import { createTestCollector, makeEvent, type TestCollector } from '../../collector/src/testing/test-collector';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { hashKey } from '../../collector/src/auth/hash-key';

/**
 * Keys and secrets: never written to a log line nor kept readable in the database, and CORS answered
 * only to the origins a public key allows. The collector runs with EVENTLINE_LOG=debug while every
 * kind of key and secret is used, well and badly.
 */
const secret = 'reliability-secret-0123456789abcdef-xyz';
const shop = 'https://shop.example';
let collector: TestCollector;
let logged = '';
const secrets: string[] = [secret];

beforeAll(async () => {
  const capture = (chunk: unknown) => {
    logged += String(chunk);
    return true;
  };
  vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) vi.spyOn(console, method).mockImplementation((...args) => capture(args.join(' ')));
  collector = await createTestCollector({
    EVENTLINE_LOG: 'debug',
    EVENTLINE_SECRET: secret,
    EVENTLINE_WRITE_KEY_ORIGINS: shop,
    EVENTLINE_DELIVERY_INTERVAL_MS: '20',
    EVENTLINE_DELIVERY_RETRY_MS: '20',
    EVENTLINE_DELIVERY_TIMEOUT_MS: '100',
  });
  secrets.push(collector.adminKey, collector.writeKey);
});
afterAll(async () => {
  await collector?.services.deliveries.stop();
  await collector?.close();
  vi.restoreAllMocks();
});

const json = async (res: Response | Promise<Response>) => (await res).json() as Promise<Record<string, unknown>>;

describe('no key or secret in a log line or readable in the database', () => {
  it('uses every kind of key and secret, then finds none of them in the output or the file', async () => {
    const admin = { key: collector.adminKey };
    const made: Record<string, string> = {};
    for (const scope of ['ingest', 'server', 'read', 'admin'] as const) {
      const body = await json(collector.request('POST', '/v1/keys', { ...admin, body: { name: `k-${scope}`, scope, allowedOrigins: scope === 'ingest' ? [shop] : [] } }));
      made[scope] = body.key as string;
    }
    secrets.push(...Object.values(made));

    // Keys presented every way a client can: Bearer, HTTP Basic (Segment), ?key= (sendBeacon, ingest keys only).
    const events = { events: [makeEvent(), makeEvent({ event: 'cl_undefined' }), makeEvent({ time: 'soon' })] };
    for (const key of [made.ingest!, made.server!, collector.writeKey]) {
      expect((await collector.request('POST', '/v1/events', { key, body: events })).status).toBe(200);
      const basic = Buffer.from(`${key}:`).toString('base64');
      secrets.push(basic);
      expect((await collector.request('POST', '/v1/batch', { key: null, headers: { authorization: `Basic ${basic}` }, body: { batch: [{ type: 'track', event: 'Nope', anonymousId: 'a' }] } })).status).toBe(200);
      expect((await collector.request('POST', `/v1/events?key=${key}`, { key: null, body: events })).status).toBe(key === made.server ? 401 : 200);
    }
    // Wrong ways: a near-miss of a real key, a key from a refused origin, a revoked key, the wrong scope.
    const nearMiss = `${made.admin!.slice(0, -1)}x`;
    secrets.push(nearMiss);
    expect((await collector.request('GET', '/v1/keys', { key: nearMiss })).status).toBe(401);
    expect((await collector.request('POST', '/v1/events', { key: made.ingest, headers: { origin: 'https://evil.example' }, body: events })).status).toBe(403);
    expect((await collector.request('GET', '/v1/keys', { key: made.read })).status).toBe(403);
    const keys = await json(collector.request('GET', '/v1/keys', admin));
    const readId = (keys.items as { id: string; name: string }[]).find((k) => k.name === 'k-read')!.id;
    expect((await collector.request('DELETE', `/v1/keys/${readId}`, admin)).status).toBe(204);
    collector.services.keys.forget();
    expect((await collector.request('GET', '/v1/events', { key: made.read })).status).toBe(401);

    // Secrets the collector keeps for others: a WeChat token and EncodingAESKey, a trigger's signing secret.
    const wechat = { token: 'WxTokenReliability42', encodingAesKey: 'A'.repeat(20) + 'b'.repeat(23) };
    secrets.push(wechat.token, wechat.encodingAesKey);
    expect((await collector.request('POST', '/v1/wechat/accounts', { ...admin, body: { name: 'wx', appId: 'wxreliability', ...wechat } })).status).toBe(201);
    const triggerSecret = 'trigger-signing-secret-reliability';
    secrets.push(triggerSecret);
    // A receiver that refuses connections: the delivery fails and is retried (and logged) in the background.
    expect((await collector.request('POST', '/v1/triggers', { ...admin, body: { event: 'page_view', url: 'http://127.0.0.1:9/hook', secret: triggerSecret } })).status).toBe(201);
    collector.services.deliveries.start();
    expect((await collector.request('POST', '/v1/events', { key: made.server, body: { events: [makeEvent()] } })).status).toBe(200);
    // An unhandled error logs its stack: a request carrying a key must not put the key there.
    const deep = `{"events":[${'['.repeat(10_000)}${']'.repeat(10_000)}]}`;
    const failed = await collector.request('POST', `/v1/events?key=${collector.writeKey}`, { key: null, body: deep });
    expect([400, 500]).toContain(failed.status);
    await new Promise((r) => setTimeout(r, 500));
    await collector.services.deliveries.stop();

    // The run did log (rejections at debug level, the failed deliveries): the search below has material.
    expect(logged).toContain('events rejected');
    for (const s of secrets) expect(logged.includes(s), `a secret of ${s.length} characters is in the log`).toBe(false);

    // At rest: keys are kept as hashes (the lookup is by hash), the WeChat and trigger secrets sealed.
    // The default project's SQLite file (this suite is not in the postgres project).
    const dir = dirname(collector.dbPath!);
    const files = readdirSync(dir).map((f) => readFileSync(join(dir, f)).toString('latin1'));
    expect(files.join('').includes(hashKey(made.admin!))).toBe(true);
    for (const s of [...Object.values(made), collector.adminKey, collector.writeKey, wechat.token, wechat.encodingAesKey, triggerSecret]) {
      expect(files.some((f) => f.includes(s)), `a secret of ${s.length} characters is readable in the database`).toBe(false);
    }
  });
});

describe('CORS', () => {
  const post = (origin: string | undefined, key = collector.writeKey) =>
    collector.request('POST', '/v1/events', { key, headers: origin ? { origin } : {}, body: { events: [makeEvent()] } });

  it('answers a public key’s allowed origin, and only it', async () => {
    const allowed = await post(shop);
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(shop);

    const refused = await post('https://evil.example');
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('origin_not_allowed');
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();

    // A server (no Origin) is not a browser: no CORS headers, and the origin list does not apply.
    const server = await post(undefined);
    expect(server.status).toBe(200);
    expect(server.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('gives no CORS headers on the routes a browser page has no business calling', async () => {
    const admin = collector.adminKey;
    for (const [method, path] of [['GET', '/v1/events'], ['GET', '/v1/keys'], ['GET', '/v1/definitions'], ['GET', '/v1/customers'], ['POST', '/v1/definitions']] as const) {
      const res = await collector.request(method, path, { key: admin, headers: { origin: shop }, ...(method === 'POST' ? { body: {} } : {}) });
      expect(res.headers.get('access-control-allow-origin'), `${method} ${path}`).toBeNull();
      // OPTIONS /v1/events is the ingest preflight (answered for any origin: it carries no key to judge
      // by); the export on the same path still gives the page nothing to read, as checked above.
      if (path === '/v1/events') continue;
      const preflight = await collector.request('OPTIONS', path, { key: null, headers: { origin: shop, 'access-control-request-method': method } });
      expect(preflight.headers.get('access-control-allow-origin'), `OPTIONS ${path}`).toBeNull();
    }
  });
});
