import { describe, expect, it } from 'vitest';
import { collectorPerTest } from '../testing/collector-per-test';
import { makeEvent } from '../testing/test-collector';

const collector = collectorPerTest();

type Page = { items: Array<{ uuid: string; code: string }>; nextCursor: number | null };
const list = async (query: string) => {
  const res = await collector.request('GET', `/v1/quarantine${query}`, { key: collector.adminKey });
  return { status: res.status, body: (await res.json()) as Page & { error: { code: string; issues: Array<{ path: string }> } } };
};

describe('GET /v1/quarantine', () => {
  it('pages through every rejected event once, newest first', async () => {
    const rejected = Array.from({ length: 5 }, () => makeEvent({ event: 'cl_not_defined' }));
    expect((await collector.request('POST', '/v1/events', { body: { events: rejected } })).status).toBe(200);

    const seen: string[] = [];
    let cursor: number | null = null;
    do {
      const { status, body } = await list(`?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(status).toBe(200);
      expect(body.items.length).toBeLessThanOrEqual(2);
      seen.push(...body.items.map((i) => i.uuid));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(rejected.map((e) => e.uuid).reverse());
    expect((await list('?status=replayed')).body.items).toEqual([]);
  });

  it('names every bad parameter in a 400', async () => {
    const { status, body } = await list('?status=gone&limit=0&cursor=-1');
    expect(status).toBe(400);
    expect(body.error.code).toBe('invalid_request');
    expect(body.error.issues.map((i) => i.path)).toEqual(['status', 'limit', 'cursor']);
  });
});
