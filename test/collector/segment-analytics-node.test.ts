import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Analytics } from '@segment/analytics-node';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { orderCompletedDefinition } from '../../collector/src/testing/order-completed-definition';
import { createTestCollector, type TestCollector } from '../../collector/src/testing/test-collector';

// Segment's own Node library, pointed at a collector listening on a real socket.
let collector: TestCollector;
let server: ServerType;
let url: string;

const newKey = async (body: Record<string, unknown>) => {
  const res = await collector.request('POST', '/v1/keys', { key: collector.adminKey, body: { name: 'backend', scope: 'server', ...body } });
  return ((await res.json()) as { key: string }).key;
};

beforeAll(async () => {
  collector = await createTestCollector();
  await collector.request('POST', '/v1/definitions', { key: collector.adminKey, body: orderCompletedDefinition });
  await new Promise<void>((resolve) => {
    server = serve({ fetch: collector.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve());
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await collector.close();
});

it('records what @segment/analytics-node sends: identify, track by name, outbound from a server, resends once', async () => {
  const analytics = new Analytics({ writeKey: await newKey({}), host: url, flushAt: 10, maxRetries: 0 });
  const statuses: number[] = [];
  analytics.on('http_response', (r) => statuses.push(r.status));

  analytics.track({ anonymousId: 'visitor-1', event: 'page_view', properties: { url: 'https://shop.example.com/' } });
  analytics.identify({ anonymousId: 'visitor-1', userId: 'u-42', traits: { email: 'ada@example.com', name: 'Ada' } });
  analytics.track({ userId: 'u-42', event: 'Order Completed', messageId: 'order-1001', properties: { cl_total: 99.5, cl_order_id: '1001' } });
  analytics.track({ userId: 'u-42', event: 'sms_sent', properties: {} });
  analytics.track({ userId: 'u-42', event: 'Order Refunded', properties: { cl_total: 99.5 } });
  await analytics.flush();
  // The same order again, as a retrying job would send it.
  analytics.track({ userId: 'u-42', event: 'Order Completed', messageId: 'order-1001', properties: { cl_total: 99.5, cl_order_id: '1001' } });
  await analytics.closeAndFlush();
  expect(statuses).toEqual([200, 200]);

  const res = await collector.request('GET', '/v1/events', { key: collector.adminKey });
  const events = ((await res.json()) as { items: { event: string; customerId: string; context: { library?: { name: string } } }[] }).items;
  expect(events.map((e) => e.event)).toEqual(['page_view', 'identify', 'cl_order_completed', 'sms_sent']);
  expect(new Set(events.map((e) => e.customerId)).size).toBe(1);
  expect(events[0]!.context.library?.name).toBe('@segment/analytics-node');

  const q = await collector.request('GET', '/v1/quarantine', { key: collector.adminKey });
  expect(((await q.json()) as { items: unknown[] }).items).toEqual([expect.objectContaining({ code: 'unknown_event', event: 'Order Refunded' })]);
});

it('waits out a 429 as Retry-After says and then delivers everything', async () => {
  const analytics = new Analytics({ writeKey: await newKey({ rateLimit: 5 }), host: url, flushAt: 8, maxRetries: 3 });
  const statuses: number[] = [];
  analytics.on('http_response', (r) => statuses.push(r.status));
  const track = (i: number) => analytics.track({ anonymousId: 'visitor-rl', event: 'page_view', properties: { title: `page ${i}` } });
  // The second batch after the first was answered (and charged): two batches in flight at once are both
  // let in while the bucket holds a token, so a 429 would depend on how fast the store commits.
  for (let i = 0; i < 8; i++) track(i);
  await analytics.flush();
  for (let i = 8; i < 16; i++) track(i);
  await analytics.closeAndFlush({ timeout: 15_000 });
  expect(statuses).toContain(429);
  expect(statuses.at(-1)).toBe(200);
  const res = await collector.request('GET', '/v1/events?limit=100', { key: collector.adminKey });
  const titles = ((await res.json()) as { items: { anonymousId: string; properties: { title?: string } }[] }).items
    .filter((e) => e.anonymousId === 'visitor-rl')
    .map((e) => e.properties.title);
  expect(titles.sort()).toEqual(Array.from({ length: 16 }, (_, i) => `page ${i}`).sort());
}, 30_000);
