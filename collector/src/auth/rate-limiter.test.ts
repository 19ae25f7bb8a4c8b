import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestCollector, makeEvent, type TestCollector } from '../testing/test-collector';

let collector: TestCollector;
beforeEach(async () => {
  collector = await createTestCollector({ EVENTLINE_RATE_LIMIT: '20' });
});
afterEach(async () => {
  await collector.close();
});

const batch = (n: number) => ({ events: Array.from({ length: n }, () => makeEvent()) });

it('answers 429 rate_limited with Retry-After once a key has sent its events per second, and keeps nothing of that request', async () => {
  expect((await collector.request('POST', '/v1/events', { body: batch(200) })).status).toBe(200);
  const limited = await collector.request('POST', '/v1/events', { body: batch(5) });
  expect(limited.status).toBe(429);
  // 180 events in debt at 20 per second: a token is back in about 9 s (less the time the requests took).
  const retryAfter = Number(limited.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThanOrEqual(8);
  expect(retryAfter).toBeLessThanOrEqual(10);
  expect(await limited.json()).toMatchObject({ error: { code: 'rate_limited' } });
  const stored = await collector.services.store.events.page({ limit: 1000 });
  expect(stored.items).toHaveLength(200);
});

it('counts per key, and a key created with its own rate uses it', async () => {
  const created = await collector.request('POST', '/v1/keys', { key: collector.adminKey, body: { name: 'bulk', scope: 'server', rateLimit: 1000 } });
  const bulk = ((await created.json()) as { key: string }).key;
  expect((await collector.request('POST', '/v1/events', { body: batch(200) })).status).toBe(200);
  for (let i = 0; i < 3; i++) expect((await collector.request('POST', '/v1/events', { key: bulk, body: batch(200) })).status).toBe(200);
  expect((await collector.request('POST', '/v1/events', { body: batch(1) })).status).toBe(429);
});

it('lets a browser read the 429 cross-origin, and never limits reading', async () => {
  await collector.request('POST', '/v1/events', { body: batch(200) });
  const limited = await collector.request('POST', '/v1/events', { body: batch(1), headers: { origin: 'https://shop.example.com' } });
  expect(limited.status).toBe(429);
  expect(limited.headers.get('access-control-allow-origin')).toBe('https://shop.example.com');
  expect(limited.headers.get('access-control-expose-headers')).toBe('Retry-After');
  for (let i = 0; i < 30; i++) expect((await collector.request('GET', '/v1/events', { key: collector.adminKey })).status).toBe(200);
});

it('counts batches sent together before writing any: one gets in, the other is refused', async () => {
  const answers = await Promise.all([1, 2].map(() => collector.request('POST', '/v1/events', { body: batch(100) })));
  expect(answers.map((r) => r.status).sort()).toEqual([200, 429]);
  expect((await collector.services.store.events.page({ limit: 1000 })).items).toHaveLength(100);
});

it('limits the Segment routes from the same bucket', async () => {
  const segment = (n: number) => ({ batch: Array.from({ length: n }, (_, i) => ({ type: 'track', event: 'page_view', anonymousId: 'rl', messageId: `m-${n}-${i}` })) });
  const basic = `Basic ${Buffer.from(`${collector.writeKey}:`).toString('base64')}`;
  expect((await collector.request('POST', '/v1/batch', { key: null, headers: { authorization: basic }, body: segment(100) })).status).toBe(200);
  expect((await collector.request('POST', '/v1/events', { body: batch(1) })).status).toBe(429);
});
