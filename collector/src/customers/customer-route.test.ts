import { expect, it } from 'vitest';
import { collectorPerTest } from '../testing/collector-per-test';
import { makeEvent } from '../testing/test-collector';

/** Every route declared through customerRoute: what the customer lookup answers must hold, and be documented, on each. */
const routes = [
  { method: 'GET', path: '' },
  { method: 'GET', path: '/tags' },
  { method: 'GET', path: '/events' },
  { method: 'POST', path: '/events', body: { event: 'page_view' } },
  { method: 'GET', path: '/export' },
] as const;

const collector = collectorPerTest();
const call = (method: string, id: string, path: string, body?: unknown, query = '') =>
  collector.request(method, `/v1/customers/${id}${path}${query}`, { key: collector.adminKey, ...(body !== undefined && { body }) });
const ingest = async (...events: Record<string, unknown>[]) => expect((await collector.request('POST', '/v1/events', { body: { events } })).status).toBe(200);
const idOf = async (anonymousId: string) =>
  ((await (await collector.request('GET', `/v1/customers?identity=anonymous:${anonymousId}`, { key: collector.adminKey })).json()) as { items: { id: string }[] }).items[0]!.id;

it.each(routes)('$method /v1/customers/{id}$path: a merged id goes to the survivor (308), an unknown one is a 404, `-` finds by identity', async ({ method, path, ...rest }) => {
  const body = 'body' in rest ? rest.body : undefined;
  await ingest(makeEvent({ anonymousId: 'a' }), makeEvent({ anonymousId: 'b', identities: { mobile: '13800000000' } }));
  const merged = await idOf('a');
  await ingest(makeEvent({ anonymousId: 'a', identities: { mobile: '13800000000' } }));
  const survivor = await idOf('b');
  expect(survivor).not.toBe(merged);

  const moved = await call(method, merged, path, body, '?limit=5');
  expect(moved.status).toBe(308);
  expect(moved.headers.get('location')).toBe(`/v1/customers/${survivor}${path}?limit=5`);
  expect(await moved.json()).toEqual({ id: merged, mergedInto: survivor });

  const unknown = await call(method, 'no-such-id', path, body);
  expect(unknown.status).toBe(404);
  expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('not_found');

  expect((await call(method, '-', path, body, '?identity=mobile:13800000000')).status).toBeLessThan(300);

  const document = (await (await collector.request('GET', '/openapi.json')).json()) as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
  expect(Object.keys(document.paths[`/v1/customers/{id}${path}`]![method.toLowerCase()]!.responses)).toEqual(expect.arrayContaining(['308', '404']));
});
