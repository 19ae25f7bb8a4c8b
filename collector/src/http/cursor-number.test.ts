import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCollector, makeEvent, type TestCollector } from '../testing/test-collector';
import { isCursorNumber } from './cursor-number';

it('takes the integers a cursor can hold and nothing past 2^53', () => {
  expect(['0', '1', '-5', '1764720000000', String(Number.MAX_SAFE_INTEGER)].every(isCursorNumber)).toBe(true);
  expect(['', '-', '1.5', '1e3', ' 1', '99999999999999999999', String(2 ** 53), '00000000000000001'].some(isCursorNumber)).toBe(false);
});

/** Edited cursors with numbers past any bigint: on PostgreSQL each reached its query and answered 500. */
describe('a cursor holding a number too large for the store', () => {
  let collector: TestCollector;
  let customerId: string;
  const huge = '99999999999999999999';
  const get = (path: string) => collector.request('GET', path, { key: collector.adminKey });

  beforeAll(async () => {
    collector = await createTestCollector();
    expect((await collector.request('POST', '/v1/events', { body: { events: [makeEvent({ anonymousId: 'cursor-1' })] } })).status).toBe(200);
    const found = (await (await get('/v1/customers?identity=anonymous:cursor-1')).json()) as { items: { id: string }[] };
    customerId = found.items[0]!.id;
  });
  afterAll(() => collector.close());

  it.each([
    ['the timeline (time)', () => `/v1/customers/${customerId}/events?cursor=${huge}_1`],
    ['the timeline (seq)', () => `/v1/customers/${customerId}/events?cursor=1_${huge}`],
    ['the activeness list', () => `/v1/customers?activeness=low&cursor=${huge}_c1`],
    ['the quarantine list', () => `/v1/quarantine?cursor=${huge}`],
  ])('%s answers 400 naming the cursor', async (_, path) => {
    const res = await get(path());
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('cursor');
  });

  it('the customer query compares its cursor as an id: a number-like one is just a position', async () => {
    const res = await collector.request('POST', '/v1/customers/query', { key: collector.adminKey, body: { condition: { did: { event: 'page_view' } }, cursor: huge } });
    expect(res.status).toBe(200);
  });

  it('a cursor the collector gave still pages', async () => {
    const res = await get(`/v1/customers/${customerId}/events?limit=1`);
    expect(res.status).toBe(200);
  });
});
