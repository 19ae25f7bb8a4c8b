import { describe, expect, it } from 'vitest';
import { collectorPerTest } from '../testing/collector-per-test';
import { makeEvent } from '../testing/test-collector';

interface Customer {
  id: string;
  identities: { type: string; value: string; since: number }[];
  activeness: number;
  activenessLevel: string;
  stage: string | null;
  eventCount: number;
  topTags: { tag: string; count: number }[];
}
interface TimelineEvent {
  uuid: string;
  event: string;
  name: string | null;
  type: string;
  time: number;
  score: number;
  properties: Record<string, unknown>;
  tags: string[];
  source: string;
}
interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const collector = collectorPerTest();

const send = async (...events: Record<string, unknown>[]) => {
  const res = await collector.request('POST', '/v1/events', { body: { events } });
  expect(await res.json()).toMatchObject({ accepted: events.length, rejected: [] });
};
const get = (path: string, key = collector.adminKey) => collector.request('GET', path, { key });
const getJson = async <T>(path: string): Promise<T> => {
  const res = await get(path);
  expect(res.status).toBe(200);
  return (await res.json()) as T;
};
const customerOf = async (anonymousId: string) => {
  const page = await getJson<Page<Customer>>(`/v1/customers?identity=anonymous:${anonymousId}`);
  return getJson<Customer>(`/v1/customers/${page.items[0]!.id}`);
};
const define = async (id: string, score: number, extra: Record<string, unknown> = {}) => {
  const res = await collector.request('POST', '/v1/definitions', { key: collector.adminKey, body: { id, name: id, type: 'inbound', score, ...extra } });
  expect(res.status).toBe(201);
};
const createKey = async (scope: string) => {
  const res = await collector.request('POST', '/v1/keys', { key: collector.adminKey, body: { name: scope, scope } });
  return ((await res.json()) as { key: string }).key;
};
const expectError = async (res: Response, status: number, code: string) => {
  expect(res.status).toBe(status);
  expect(((await res.json()) as { error: { code: string } }).error.code).toBe(code);
};

describe('GET /v1/customers/:id', () => {
  it('answers identities, activeness and level, stage, times, count and top tags; 404 for an unknown id', async () => {
    await send(
      makeEvent({ event: 'wechat_follow', anonymousId: 'd', identities: { mobile: '138 0000 0000' }, tags: ['shoes', 'sale'], time: Date.now() - 3000 }),
      makeEvent({ event: 'page_view', anonymousId: 'd', tags: ['shoes'], time: Date.now() - 2000 }),
    );
    const customer = await customerOf('d');
    expect(customer).toMatchObject({
      activeness: 6,
      activenessLevel: 'low',
      stage: 'interested',
      eventCount: 2,
      topTags: [
        { tag: 'shoes', count: 2 },
        { tag: 'sale', count: 1 },
      ],
    });
    expect(customer.identities.map((i) => `${i.type}:${i.value}`).sort()).toEqual(['anonymous:d', 'mobile:13800000000']);
    await expectError(await get('/v1/customers/no-such-id'), 404, 'not_found');
  });

  it('is for admin and read keys only', async () => {
    await send(makeEvent({ anonymousId: 'd' }));
    const { id } = await customerOf('d');
    expect((await get(`/v1/customers/${id}`, await createKey('read'))).status).toBe(200);
    await expectError(await get(`/v1/customers/${id}`, collector.writeKey), 403, 'forbidden');
    await expectError(await collector.request('GET', `/v1/customers/${id}`, { key: null }), 401, 'invalid_key');
  });
});

describe('GET /v1/customers?identity=', () => {
  it('normalises the value like ingest does, and answers no item for nobody', async () => {
    await send(makeEvent({ anonymousId: 'd', identities: { mobile: '13800000000', email: 'Ann@Example.com' } }));
    const { id } = await customerOf('d');
    const byMobile = await getJson<Page<Customer>>(`/v1/customers?identity=${encodeURIComponent('mobile: 138-0000-0000')}`);
    expect(byMobile.items.map((c) => c.id)).toEqual([id]);
    const byEmail = await getJson<Page<Customer>>(`/v1/customers?identity=${encodeURIComponent('email:ANN@example.COM')}`);
    expect(byEmail.items.map((c) => c.id)).toEqual([id]);
    expect(await getJson<Page<Customer>>('/v1/customers?identity=mobile:13900000000')).toEqual({ items: [], nextCursor: null });
  });

  it('rejects a malformed query with 400', async () => {
    for (const query of ['', '?identity=13800000000', '?identity=passport:X1', '?activeness=huge', '?identity=mobile:1&activeness=high', '?activeness=high&cursor=nope']) {
      await expectError(await get(`/v1/customers${query}`), 400, 'invalid_request');
    }
  });
});

describe('activeness', () => {
  it('sums scores as they were when each event happened, negative ones too', async () => {
    await define('cl_buy', 10);
    await send(makeEvent({ event: 'cl_buy', anonymousId: 'd' }), makeEvent({ event: 'wechat_unfollow', anonymousId: 'd' }));
    expect((await customerOf('d')).activeness).toBe(5);

    const patch = await collector.request('PATCH', '/v1/definitions/cl_buy', { key: collector.adminKey, body: { score: 20 } });
    expect(patch.status).toBe(200);
    await send(makeEvent({ event: 'cl_buy', anonymousId: 'd' }), makeEvent({ event: 'wechat_unfollow', anonymousId: 'd' }), makeEvent({ event: 'wechat_unfollow', anonymousId: 'd' }));

    const customer = await customerOf('d');
    expect(customer.activeness).toBe(10 - 5 + 20 - 5 - 5);
    const timeline = await getJson<Page<TimelineEvent>>(`/v1/customers/${customer.id}/events`);
    expect(timeline.items.filter((e) => e.event === 'cl_buy').map((e) => e.score).sort()).toEqual([10, 20]);
  });

  it('groups customers by level, most active first, paged', async () => {
    await define('cl_big', 10);
    const many = (anonymousId: string, n: number) => Array.from({ length: n }, () => makeEvent({ event: 'cl_big', anonymousId }));
    await send(...many('m1', 1), ...many('m2', 2), ...many('m3', 4), ...many('h1', 5), makeEvent({ anonymousId: 'l1' }));
    const ids = Object.fromEntries(await Promise.all(['m1', 'm2', 'm3', 'h1', 'l1'].map(async (a) => [a, (await customerOf(a)).id] as const)));

    const high = await getJson<Page<Customer>>('/v1/customers?activeness=high');
    expect(high.items.map((c) => [c.id, c.activeness, c.activenessLevel])).toEqual([[ids.h1, 50, 'high']]);
    const low = await getJson<Page<Customer>>('/v1/customers?activeness=low');
    expect(low.items.map((c) => c.id)).toEqual([ids.l1]);

    const first = await getJson<Page<Customer>>('/v1/customers?activeness=medium&limit=2');
    expect(first.items.map((c) => c.id)).toEqual([ids.m3, ids.m2]);
    const second = await getJson<Page<Customer>>(`/v1/customers?activeness=medium&limit=2&cursor=${encodeURIComponent(first.nextCursor!)}`);
    expect(second).toEqual({ items: [expect.objectContaining({ id: ids.m1, activeness: 10 })], nextCursor: null });
  });

  it('takes its thresholds from the configuration', async () => {
    await collector.restart({ EVENTLINE_ACTIVENESS_LEVELS: 'cold,warm:2,hot:3' });
    await send(makeEvent({ anonymousId: 'a' }), makeEvent({ anonymousId: 'b' }), makeEvent({ anonymousId: 'b' }));
    expect((await customerOf('a')).activenessLevel).toBe('cold');
    expect((await customerOf('b')).activenessLevel).toBe('warm');
    expect((await getJson<Page<Customer>>('/v1/customers?activeness=warm')).items).toHaveLength(1);
  });
});

describe('stage', () => {
  it('only moves forward along the configured stages', async () => {
    await send(makeEvent({ event: 'wechat_follow', anonymousId: 'd' }));
    expect((await customerOf('d')).stage).toBe('interested');
    await send(makeEvent({ event: 'page_view', anonymousId: 'd' }), makeEvent({ event: 'wechat_unfollow', anonymousId: 'd' }));
    expect((await customerOf('d')).stage).toBe('interested');
    await send(makeEvent({ event: 'form_submit', anonymousId: 'd' }));
    expect((await customerOf('d')).stage).toBe('engaged');
  });
});

describe('GET /v1/customers/:id/tags', () => {
  it("counts tags over the customer's events, most frequent first, and no one else's", async () => {
    await send(
      makeEvent({ anonymousId: 'd', tags: ['shoes', 'sale'] }),
      makeEvent({ anonymousId: 'd', tags: ['shoes', 'shoes'] }),
      makeEvent({ anonymousId: 'd', tags: ['winter', 'shoes'] }),
      makeEvent({ anonymousId: 'other', tags: ['winter', 'winter-coats'] }),
    );
    const { id } = await customerOf('d');
    expect(await getJson(`/v1/customers/${id}/tags`)).toEqual({
      items: [
        { tag: 'shoes', count: 3 },
        { tag: 'sale', count: 1 },
        { tag: 'winter', count: 1 },
      ],
    });
    expect(await getJson(`/v1/customers/${id}/tags?limit=1`)).toEqual({ items: [{ tag: 'shoes', count: 3 }] });
  });

  it('answers a bad limit with 400, as the document says', async () => {
    await send(makeEvent({ anonymousId: 'd', tags: ['shoes'] }));
    const { id } = await customerOf('d');
    await expectError(await get(`/v1/customers/${id}/tags?limit=0`), 400, 'invalid_request');
    const document = await getJson<{ paths: Record<string, { get: { responses: Record<string, unknown> } }> }>('/openapi.json');
    expect(Object.keys(document.paths['/v1/customers/{id}/tags']!.get.responses)).toContain('400');
  });
});

describe('GET /v1/customers/:id/events', () => {
  it('answers each event with name, type, score, properties and tags, newest first', async () => {
    await send(
      makeEvent({ event: 'form_submit', anonymousId: 'd', properties: { form_id: 'f1', channel: 'web' }, tags: ['b', 'a'], time: Date.now() - 1000 }),
      makeEvent({ event: 'page_view', anonymousId: 'd', time: Date.now() - 500 }),
    );
    const { id } = await customerOf('d');
    const page = await getJson<Page<TimelineEvent>>(`/v1/customers/${id}/events`);
    expect(page.nextCursor).toBeNull();
    expect(page.items).toEqual([
      expect.objectContaining({ event: 'page_view', name: 'View page', type: 'inbound', score: 1, properties: {}, tags: [], source: 'sdk' }),
      expect.objectContaining({ event: 'form_submit', name: 'Submit form', type: 'inbound', score: 5, properties: { form_id: 'f1', channel: 'web' }, tags: ['a', 'b'] }),
    ]);
  });

  it('pages without gaps or repeats while new events arrive, ties on time included', async () => {
    const base = Date.now() - 60_000;
    const times = [base + 5000, base + 4000, base + 3000, base + 3000, base + 3000, base + 2000, base + 1000];
    const original = times.map((time) => makeEvent({ anonymousId: 'd', time }));
    await send(...original);
    const { id } = await customerOf('d');

    const seen: TimelineEvent[] = [];
    let cursor: string | null = null;
    let round = 0;
    do {
      const page: Page<TimelineEvent> = await getJson(`/v1/customers/${id}/events?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      seen.push(...page.items);
      cursor = page.nextCursor;
      // Newer events arrive between pages; they belong above the pages already read.
      await send(makeEvent({ anonymousId: 'd', time: Date.now() - 100 + round++ }));
    } while (cursor);

    expect(seen.map((e) => e.time)).toEqual(times);
    expect(new Set(seen.map((e) => e.uuid)).size).toBe(original.length);
    expect(seen.map((e) => e.uuid).sort()).toEqual(original.map((e) => e.uuid as string).sort());

    const fresh = await getJson<Page<TimelineEvent>>(`/v1/customers/${id}/events?limit=2`);
    expect(fresh.items.every((e) => e.time > base + 5000)).toBe(true);
  });

  it('rejects a cursor it did not make', async () => {
    await send(makeEvent({ anonymousId: 'd' }));
    const { id } = await customerOf('d');
    await expectError(await get(`/v1/customers/${id}/events?cursor=abc`), 400, 'invalid_request');
  });
});

describe('POST /v1/customers/:id/events', () => {
  const post = (id: string, body: unknown, key = collector.adminKey) => collector.request('POST', `/v1/customers/${id}/events`, { key, body });

  it("records a manual event on the customer, counted in activeness and stage, without touching anyone else's", async () => {
    await send(makeEvent({ anonymousId: 'd', identities: { mobile: '13800000000' } }), makeEvent({ anonymousId: 'other' }));
    const { id } = await customerOf('d');

    const res = await post(id, { event: 'form_submit', properties: { form_id: 'paper-1' }, tags: ['offline'] });
    expect(res.status).toBe(201);
    const recorded = (await res.json()) as { uuid: string; customerId: string; source: string };
    expect(recorded).toMatchObject({ customerId: id, source: 'manual', event: 'form_submit', score: 5 });

    expect(await customerOf('d')).toMatchObject({ id, activeness: 6, eventCount: 2, stage: 'engaged', topTags: [{ tag: 'offline', count: 1 }] });
    expect((await customerOf('other')).eventCount).toBe(1);
    const timeline = await getJson<Page<TimelineEvent>>(`/v1/customers/${id}/events?limit=1`);
    expect(timeline.items[0]).toMatchObject({ uuid: recorded.uuid, source: 'manual' });

    // A retry with the same uuid records nothing more.
    const again = await post(id, { uuid: recorded.uuid, event: 'form_submit', properties: { form_id: 'paper-1' } });
    expect(again.status).toBe(200);
    expect((await customerOf('d')).eventCount).toBe(2);
  });

  it('validates like ingest: 422 with the rejection, kept in quarantine', async () => {
    await send(makeEvent({ anonymousId: 'd' }));
    const { id } = await customerOf('d');
    const res = await post(id, { event: 'form_submit', properties: { form_id: 7 } });
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual({ error: { code: 'unprocessable', message: expect.stringContaining('form_id'), rejection: { code: 'invalid_property', path: 'properties.form_id' } } });
    const quarantine = (await (await get('/v1/quarantine')).json()) as { items: { code: string; raw: { event: string } }[] };
    expect(quarantine.items).toEqual([expect.objectContaining({ code: 'invalid_property', raw: expect.objectContaining({ event: 'form_submit' }) })]);
    expect((await customerOf('d')).eventCount).toBe(1);
  });

  it('lets an admin add outbound events; refuses identities in the body, read keys and unknown customers', async () => {
    await send(makeEvent({ anonymousId: 'd' }));
    const { id } = await customerOf('d');
    expect((await post(id, { event: 'sms_sent', properties: { sms_template: 'welcome' } })).status).toBe(201);
    await expectError(await post(id, { event: 'page_view', identities: { mobile: '13800000000' } }), 400, 'invalid_request');
    await expectError(await post(id, ['page_view']), 400, 'invalid_request');
    await expectError(await post(id, { event: 'page_view' }, await createKey('read')), 403, 'forbidden');
    await expectError(await post('no-such-id', { event: 'page_view' }), 404, 'not_found');
  });

  it('follows a merged id to the survivor', async () => {
    await send(makeEvent({ anonymousId: 'a' }), makeEvent({ anonymousId: 'b', identities: { mobile: '13800000000' } }));
    const old = (await customerOf('a')).id;
    await send(makeEvent({ anonymousId: 'a', identities: { mobile: '13800000000' } }));
    const res = await post(old, { event: 'page_view' });
    expect(res.status).toBe(308);
    const survivor = (await customerOf('b')).id;
    expect(res.headers.get('location')).toBe(`/v1/customers/${survivor}/events`);
    expect((await post(survivor, { event: 'page_view' })).status).toBe(201);
  });
});
