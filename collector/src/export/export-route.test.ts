import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredEvent } from '../store/store';
import { errorOf } from '../testing/error-of';
import { createTestCollector, makeEvent, type TestCollector } from '../testing/test-collector';

let collector: TestCollector;
let readKey: string;
let serverKey: string;
const t0 = Date.UTC(2026, 10, 1);
const hour = 3_600_000;

const newKey = async (scope: string) => {
  const res = await collector.request('POST', '/v1/keys', { key: collector.adminKey, body: { name: scope, scope } });
  return ((await res.json()) as { key: string }).key;
};
const get = (query: string, headers: Record<string, string> = {}) => collector.request('GET', `/v1/events${query}`, { key: readKey, headers });
const page = async (query: string) => {
  const res = await get(query);
  expect(res.status).toBe(200);
  return (await res.json()) as { items: StoredEvent[]; nextCursor: string | null };
};

beforeAll(async () => {
  collector = await createTestCollector();
  readKey = await newKey('read');
  serverKey = await newKey('server');
  // 30 page views by anon-a, one every hour; three share a millisecond to test the tie-break on seq.
  const views = Array.from({ length: 30 }, (_, i) =>
    makeEvent({ anonymousId: 'anon-a', time: t0 + (i < 3 ? 0 : i) * hour, tags: i % 2 === 0 ? ['even'] : [] }),
  );
  await collector.request('POST', '/v1/events', { body: { events: views } });
  // A flow step recording an outbound event for a known customer, with a server key.
  const sms = await collector.request('POST', '/v1/events', {
    key: serverKey,
    body: { events: [makeEvent({ event: 'sms_sent', anonymousId: undefined, identities: { external_id: 'u-7' }, time: t0 + 10 * hour, tags: ['welcome-flow'] })] },
  });
  expect(await sms.json()).toMatchObject({ accepted: 1 });
}, 60_000);
afterAll(async () => {
  await collector.close();
});

describe('GET /v1/events', () => {
  it('pages through every event once, in time order, with a cursor', async () => {
    const seen: StoredEvent[] = [];
    let cursor: string | null = null;
    do {
      const p = await page(`?limit=7${cursor ? `&cursor=${cursor}` : ''}`);
      expect(p.items.length).toBeLessThanOrEqual(7);
      seen.push(...p.items);
      cursor = p.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(31);
    expect(new Set(seen.map((e) => e.uuid)).size).toBe(31);
    const times = seen.map((e) => e.time);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('keeps its place when events arrive with earlier times between pages', async () => {
    const first = await page('?limit=5&event=page_view');
    await collector.request('POST', '/v1/events', { body: { events: [makeEvent({ anonymousId: 'anon-late', time: t0 - hour })] } });
    const rest = await page(`?limit=100&event=page_view&cursor=${first.nextCursor}`);
    const uuids = [...first.items, ...rest.items].map((e) => e.uuid);
    expect(new Set(uuids).size).toBe(uuids.length);
    expect(rest.items.every((e) => e.time >= first.items[4]!.time)).toBe(true);
  });

  it('filters by time range, event, customer and tag', async () => {
    expect((await page(`?from=${t0 + 5 * hour}&to=${new Date(t0 + 8 * hour).toISOString()}`)).items.map((e) => e.time)).toEqual([5, 6, 7].map((h) => t0 + h * hour));
    const sms = (await page('?event=sms_sent')).items;
    expect(sms).toEqual([expect.objectContaining({ event: 'sms_sent', type: 'outbound', tags: ['welcome-flow'], source: 'api' })]);
    expect((await page(`?customer=${sms[0]!.customerId}`)).items.map((e) => e.event)).toEqual(['sms_sent']);
    const even = (await page('?tag=even&limit=1000')).items;
    expect(even).toHaveLength(15);
    expect(even.every((e) => e.tags.includes('even'))).toBe(true);
  });

  it('streams every matching event as NDJSON', async () => {
    const res = await get('?event=page_view', { accept: 'application/x-ndjson' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const lines = (await res.text()).trimEnd().split('\n').map((l) => JSON.parse(l) as StoredEvent);
    expect(lines.length).toBe((await page('?event=page_view&limit=1000')).items.length);
    expect(lines.every((e) => e.event === 'page_view')).toBe(true);
  });

  it.each([
    ['?from=yesterday', 'from'],
    ['?limit=0', 'limit'],
    ['?limit=1001', 'limit'],
  ])('answers 400 for %s', async (query, field) => {
    const res = await get(query);
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toMatchObject({ code: 'invalid_request', message: expect.stringContaining(field) });
  });

  it.each([
    ['not base64 of a position', 'bm9wZQ'],
    // On PostgreSQL this reached the query as a bigint out of range: a 500.
    ['a time past any integer', Buffer.from('99999999999999999999.1').toString('base64url')],
    ['a seq past 2^53', Buffer.from(`1.${2 ** 53 + 2}`).toString('base64url')],
    ['a negative time', Buffer.from('-1.1').toString('base64url')],
  ])('answers 400 invalid_cursor for a cursor that is %s', async (_, cursor) => {
    for (const headers of [{}, { accept: 'application/x-ndjson' }]) {
      const res = await get(`?cursor=${cursor}`, headers);
      expect(res.status).toBe(400);
      expect(await errorOf(res)).toMatchObject({ code: 'invalid_cursor', message: expect.stringContaining('cursor') });
    }
  });

  it('names every bad parameter, as the other routes do', async () => {
    const res = await get('?from=yesterday&limit=0');
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { issues: Array<{ path: string }> } };
    expect(error.issues.map((i) => i.path)).toEqual(['from', 'limit']);
  });

  it('is for read and admin keys only', async () => {
    expect((await collector.request('GET', '/v1/events', { key: serverKey })).status).toBe(403);
    expect((await collector.request('GET', '/v1/events')).status).toBe(403);
    expect((await collector.request('GET', '/v1/events', { key: collector.adminKey })).status).toBe(200);
  });
});
