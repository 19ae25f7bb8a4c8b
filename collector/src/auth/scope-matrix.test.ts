import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scopes, type Scope } from '../store/store';
import { createTestCollector, type TestCollector } from '../testing/test-collector';

const ingest: Scope[] = ['ingest', 'server', 'admin'];
const read: Scope[] = ['read', 'admin'];
const admin: Scope[] = ['admin'];

/**
 * Every route of the collector and who may call it. A route added to the app must be added here (the
 * last test fails otherwise): "public" routes take no key (health, the demo page, docs, WeChat's own
 * signed callback).
 */
const routes: [method: string, path: string, allowed: Scope[] | 'public'][] = [
  ['GET', '/healthz', 'public'],
  ['GET', '/readyz', 'public'],
  ['GET', '/metrics', admin],
  ['GET', '/', 'public'],
  ['GET', '/demo', 'public'],
  ['GET', '/sdk/eventline.min.js', 'public'],
  ['GET', '/sdk/:version/eventline.min.js', 'public'],
  ['GET', '/debug', 'public'],
  ['GET', '/openapi.json', 'public'],
  ['GET', '/docs', 'public'],
  ['POST', '/v1/events', ingest],
  ['POST', '/v1/batch', ingest],
  ['POST', '/v1/track', ingest],
  ['POST', '/v1/identify', ingest],
  // analytics.js: its settings (the write key is in the path, and must be an ingest key) and its paths.
  ['GET', '/v1/projects/:writeKey/settings', 'public'],
  ['POST', '/v1/t', ingest],
  ['POST', '/v1/p', ingest],
  ['POST', '/v1/i', ingest],
  ['POST', '/v1/s', ingest],
  ['POST', '/v1/g', ingest],
  ['POST', '/v1/a', ingest],
  ['POST', '/v1/b', ingest],
  ['GET', '/v1/events', read],
  ['POST', '/v1/keys', admin],
  ['GET', '/v1/keys', admin],
  ['DELETE', '/v1/keys/:id', admin],
  ['GET', '/v1/quarantine', admin],
  ['POST', '/v1/quarantine/replay', admin],
  ['GET', '/v1/definitions', read],
  ['POST', '/v1/definitions', admin],
  ['GET', '/v1/definitions/:id', read],
  ['PATCH', '/v1/definitions/:id', admin],
  ['DELETE', '/v1/definitions/:id', admin],
  ['POST', '/v1/definitions/restore-defaults', admin],
  ['GET', '/v1/definitions/template.csv', read],
  ['GET', '/v1/definitions/export.csv', read],
  ['GET', '/v1/definitions/export.json', read],
  ['GET', '/v1/definitions/types.d.ts', read],
  ['GET', '/v1/debug/stream', read],
  ['POST', '/v1/definitions/import', admin],
  ['GET', '/v1/definition-groups', read],
  ['POST', '/v1/definition-groups', admin],
  ['PATCH', '/v1/definition-groups/:id', admin],
  ['DELETE', '/v1/definition-groups/:id', admin],
  ['POST', '/v1/definition-groups/:id/events', admin],
  ['GET', '/v1/customers', read],
  ['GET', '/v1/customers/:id', read],
  ['GET', '/v1/customers/:id/tags', read],
  ['GET', '/v1/customers/:id/events', read],
  ['POST', '/v1/customers/:id/events', admin],
  ['POST', '/v1/customers/query', read],
  ['GET', '/v1/customers/:id/has-event', read],
  ['GET', '/v1/customers/has-event', read],
  ['GET', '/v1/customers/export', read],
  ['GET', '/v1/customers/:id/export', read],
  ['DELETE', '/v1/customers/:id', admin],
  ['GET', '/v1/suppressions', admin],
  ['POST', '/v1/suppressions', admin],
  ['DELETE', '/v1/suppressions', admin],
  ['GET', '/v1/audit', admin],
  ['POST', '/v1/analysis/distribution', read],
  ['POST', '/v1/analysis/funnel', read],
  ['POST', '/v1/triggers', admin],
  ['GET', '/v1/triggers', admin],
  ['GET', '/v1/triggers/:id', admin],
  ['DELETE', '/v1/triggers/:id', admin],
  ['GET', '/v1/triggers/:id/deliveries', admin],
  ['POST', '/v1/segments', admin],
  ['GET', '/v1/segments', read],
  ['GET', '/v1/segments/:id', read],
  ['PATCH', '/v1/segments/:id', admin],
  ['DELETE', '/v1/segments/:id', admin],
  ['GET', '/v1/segments/:id/count', read],
  ['GET', '/v1/segments/:id/members', read],
  ['GET', '/v1/materials', admin],
  ['POST', '/v1/materials', admin],
  ['GET', '/v1/materials/:id', admin],
  ['PATCH', '/v1/materials/:id', admin],
  ['DELETE', '/v1/materials/:id', admin],
  ['GET', '/v1/wechat/accounts', admin],
  ['POST', '/v1/wechat/accounts', admin],
  ['GET', '/v1/wechat/accounts/:id', admin],
  ['PATCH', '/v1/wechat/accounts/:id', admin],
  ['DELETE', '/v1/wechat/accounts/:id', admin],
  ['GET', '/v1/wechat/:account/callback', 'public'],
  ['POST', '/v1/wechat/:account/callback', 'public'],
  // The console takes no key: its own login session guards it (console-route.test.ts sends every one
  // of these to the login without a session).
  ['GET', '/console/style.css', 'public'],
  ['GET', '/console/login', 'public'],
  ['POST', '/console/login', 'public'],
  ['GET', '/console', 'public'],
  ['POST', '/console/logout', 'public'],
  ['GET', '/console/events', 'public'],
  ['GET', '/console/events/template.csv', 'public'],
  ['GET', '/console/events/export.csv', 'public'],
  ['GET', '/console/events/new', 'public'],
  ['POST', '/console/events', 'public'],
  ['GET', '/console/events/batch', 'public'],
  ['POST', '/console/events/batch', 'public'],
  ['GET', '/console/events/restore', 'public'],
  ['POST', '/console/events/restore', 'public'],
  ['POST', '/console/events/move', 'public'],
  ['GET', '/console/events/:id', 'public'],
  ['POST', '/console/events/:id', 'public'],
  ['POST', '/console/events/:id/delete', 'public'],
  ['POST', '/console/groups', 'public'],
  ['POST', '/console/timezone', 'public'],
  ['GET', '/console/events/:id/delete', 'public'],
  ['GET', '/console/customers/:id', 'public'],
  ['GET', '/console/customers/:id/erase', 'public'],
  ['POST', '/console/customers/:id/erase', 'public'],
  ['POST', '/console/customers/:id/events', 'public'],
  ['GET', '/console/materials', 'public'],
  ['POST', '/console/materials', 'public'],
  ['GET', '/console/materials/:id', 'public'],
  ['POST', '/console/materials/:id', 'public'],
  ['GET', '/console/materials/:id/delete', 'public'],
  ['POST', '/console/materials/:id/delete', 'public'],
  ['GET', '/console/wechat', 'public'],
  ['POST', '/console/wechat', 'public'],
  ['GET', '/console/keys', 'public'],
  ['POST', '/console/keys', 'public'],
  ['GET', '/console/keys/:id/revoke', 'public'],
  ['POST', '/console/keys/:id/revoke', 'public'],
  ['POST', '/console/groups/:id/rename', 'public'],
  ['POST', '/console/groups/:id/delete', 'public'],
  ['GET', '/console/customers', 'public'],
  ['GET', '/console/analysis', 'public'],
  ['GET', '/console/quarantine', 'public'],
  ['POST', '/console/quarantine/replay', 'public'],
  ['GET', '/console/segments', 'public'],
  ['GET', '/console/segments/new', 'public'],
  ['GET', '/console/segments/count', 'public'],
  ['POST', '/console/segments', 'public'],
  ['GET', '/console/segments/:id', 'public'],
  ['GET', '/console/segments/:id/edit', 'public'],
  ['POST', '/console/segments/:id', 'public'],
  ['GET', '/console/segments/:id/delete', 'public'],
  ['POST', '/console/segments/:id/delete', 'public'],
  ['GET', '/console/segments/:id/members.csv', 'public'],
  ['GET', '/console/segments/:id/members.ndjson', 'public'],
  ['GET', '/console/triggers', 'public'],
  ['GET', '/console/triggers/new', 'public'],
  ['POST', '/console/triggers', 'public'],
  ['GET', '/console/triggers/:id', 'public'],
  ['GET', '/console/triggers/:id/delete', 'public'],
  ['POST', '/console/triggers/:id/delete', 'public'],
];

let collector: TestCollector;
const keys = {} as Record<Scope, string>;

beforeAll(async () => {
  collector = await createTestCollector();
  for (const scope of scopes) {
    const res = await collector.request('POST', '/v1/keys', { key: collector.adminKey, body: { name: `matrix ${scope}`, scope } });
    keys[scope] = ((await res.json()) as { key: string }).key;
  }
});
afterAll(async () => {
  await collector.close();
});

const call = (method: string, path: string, key: string | null) =>
  collector.request(method, path.replace(/:\w+/g, 'no-such-id'), { key, ...(method === 'GET' || method === 'DELETE' ? {} : { body: {} }) });

describe.each(routes.filter(([, , allowed]) => allowed !== 'public'))('%s %s', (method, path, allowed) => {
  it('answers 401 invalid_key without a key', async () => {
    const res = await call(method, path, null);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 'invalid_key' } });
  });

  it.each(scopes.map((s) => [s, (allowed as Scope[]).includes(s)] as const))('with a %s key: allowed %s', async (scope, ok) => {
    const res = await call(method, path, keys[scope]);
    if (ok) {
      expect([401, 403]).not.toContain(res.status);
    } else {
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ error: { code: 'forbidden' } });
    }
  });
});

it.each(routes.filter(([, , allowed]) => allowed === 'public'))('%s %s needs no key', async (method, path) => {
  expect((await call(method, path, null)).status).not.toBe(401);
});

it('lists every route the app has', () => {
  const listed = new Set(routes.map(([m, p]) => `${m} ${p}`));
  const actual = new Set(collector.app.routes.filter((r) => r.method !== 'OPTIONS' && r.method !== 'ALL').map((r) => `${r.method} ${r.path}`));
  // Middleware mounted with app.on (the rate limit) shows up as routes too: they are the routes listed.
  expect([...actual].filter((r) => !listed.has(r))).toEqual([]);
  expect([...listed].filter((r) => !actual.has(r))).toEqual([]);
});

describe('a key in the URL (?key=)', () => {
  const inUrl = (method: string, path: string, key: string) => collector.request(method, `${path}?key=${encodeURIComponent(key)}`, { key: null, ...(method === 'POST' ? { body: { events: [] } } : {}) });

  it.each(routes.filter(([, , allowed]) => allowed !== 'public' && !(allowed as Scope[]).includes('ingest')))(
    '%s %s refuses it, whatever the key',
    async (method, path) => {
      for (const scope of scopes) {
        const res = await inUrl(method, path.replace(/:\w+/g, 'no-such-id'), keys[scope]);
        expect(res.status, `${scope} key`).toBe(401);
        expect(await res.json()).toMatchObject({ error: { code: 'invalid_key' } });
      }
    },
  );

  it('takes an ingest key on the ingest routes (sendBeacon cannot send headers), and no other scope', async () => {
    for (const path of ['/v1/events', '/v1/batch']) {
      expect((await inUrl('POST', path, keys.ingest)).status, path).not.toBe(401);
      for (const scope of ['server', 'admin', 'read'] as const) expect((await inUrl('POST', path, keys[scope])).status, `${path} ${scope}`).toBe(401);
    }
  });

  it('GET /v1/keys?key=<admin key> is refused', async () => {
    expect((await inUrl('GET', '/v1/keys', collector.adminKey)).status).toBe(401);
  });
});
