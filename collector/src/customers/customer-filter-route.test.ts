import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestSampleEvents, sampleDefinitions, type SampleEvent } from '../testing/sample-events';
import { createTestCollector, makeEvent, type TestCollector } from '../testing/test-collector';

const day = 86_400_000;
let collector: TestCollector;
let events: SampleEvent[];
const now = Date.now();

beforeAll(async () => {
  collector = await createTestCollector();
  events = await ingestSampleEvents(collector, { count: 600, customers: 40, days: 40, seed: 7, now });
});
afterAll(async () => {
  await collector.close();
});

// ---- The reference: plain loops over the events the test sent, written without the code under test.
type Prop = { property: string; op: string; value: unknown };
function propHolds(p: Record<string, unknown>, c: Prop): boolean {
  const v = p[c.property];
  const same = (x: unknown) => v !== undefined && typeof v === typeof x && v === x;
  if (c.op === '=') return same(c.value);
  if (c.op === '!=') return !same(c.value);
  if (c.op === '>') return typeof v === typeof c.value && (v as number) > (c.value as number);
  if (c.op === '<') return typeof v === typeof c.value && (v as number) < (c.value as number);
  if (c.op === 'contains') return typeof v === 'string' && v.includes(c.value as string);
  if (c.op === 'in') return (c.value as unknown[]).some(same);
  throw new Error(c.op);
}
const scoreOf = Object.fromEntries(sampleDefinitions.map((d) => [d.id, d.score]));
const stageOf = Object.fromEntries(sampleDefinitions.map((d) => [d.id, d.stage]));
const stageOrder = ['aware', 'interested', 'engaged', 'converted', 'loyal'];
const customers = () => [...new Set(events.map((e) => e.customerId))].sort();
const activeness = (c: string) => events.filter((e) => e.customerId === c).reduce((n, e) => n + scoreOf[e.event]!, 0);
const stage = (c: string) => {
  const ranks = events.filter((e) => e.customerId === c).map((e) => stageOrder.indexOf(stageOf[e.event]!));
  return stageOrder[Math.max(...ranks)];
};
function windowOf(c: { within?: string; between?: { from: number; to: number } }): [number, number] {
  if (c.between) return [c.between.from, c.between.to];
  if (c.within) return [now - Number(c.within.slice(0, -1)) * { m: 60_000, h: 3_600_000, d: day }[c.within.slice(-1) as 'd'], Infinity];
  return [-Infinity, Infinity];
}
function counted(n: number, c: { atLeast?: number; atMost?: number }) {
  return n >= (c.atLeast ?? 1) && n <= (c.atMost ?? Infinity);
}
// eslint-free plain recursion over the same JSON the API gets.
function holds(customer: string, cond: Record<string, any>): boolean {
  if (cond.all) return cond.all.every((x: any) => holds(customer, x));
  if (cond.any) return cond.any.some((x: any) => holds(customer, x));
  if (cond.not) return !holds(customer, cond.not);
  if (cond.didNot) return !holds(customer, { did: cond.didNot });
  if (cond.did) {
    const [from, to] = windowOf(cond.did);
    const n = events.filter(
      (e) => e.customerId === customer && e.event === cond.did.event && e.time >= from && e.time < to && (cond.did.where ?? []).every((p: Prop) => propHolds(e.properties, p)),
    ).length;
    return counted(n, cond.did);
  }
  if (cond.tagged) {
    const [from, to] = windowOf(cond.tagged);
    const n = events.filter((e) => e.customerId === customer && e.tags.includes(cond.tagged.tag) && e.time >= from && e.time < to).length;
    return counted(n, cond.tagged);
  }
  if (cond.stage) return [cond.stage].flat().includes(stage(customer));
  if (cond.activeness) {
    const a = activeness(customer);
    const { min, max, level } = cond.activeness;
    const range = level ? { low: [-Infinity, 10], medium: [10, 50], high: [50, Infinity] }[level as 'low']! : [min ?? -Infinity, max ?? Infinity];
    return a >= range[0]! && a < range[1]!;
  }
  throw new Error(JSON.stringify(cond));
}

async function query(condition: unknown, limit = 7): Promise<{ count: number; ids: string[] }> {
  const ids: string[] = [];
  let cursor: string | undefined;
  let count = -1;
  for (;;) {
    const res = await collector.request('POST', '/v1/customers/query', { key: collector.adminKey, body: { condition, limit, ...(cursor && { cursor }) } });
    expect(res.status).toBe(200);
    const page = (await res.json()) as { count: number; items: { id: string }[]; nextCursor: string | null };
    count = page.count;
    ids.push(...page.items.map((i) => i.id));
    if (!page.nextCursor) return { count, ids };
    cursor = page.nextCursor;
  }
}

const conditions: [string, Record<string, unknown>][] = [
  ['viewed a WeChat page in the last 30 days', { did: { event: 'cl_view', within: '30d', where: [{ property: 'channel', op: '=', value: 'wechat' }] } }],
  ['bought at least twice for more than 50', { did: { event: 'cl_buy', atLeast: 2, where: [{ property: 'cl_amount', op: '>', value: 50 }] } }],
  ['did not buy in the last 7 days', { didNot: { event: 'cl_buy', within: '7d' } }],
  ['viewed at most twice', { did: { event: 'cl_view', atMost: 2 } }],
  ['carted zero or one time as VIP', { did: { event: 'cl_cart', atLeast: 0, atMost: 1, where: [{ property: 'cl_vip', op: '=', value: true }] } }],
  ['a page containing "WeChat" between two dates', { did: { event: 'cl_view', between: { from: now - 20 * day, to: now - 10 * day }, where: [{ property: 'cl_page', op: 'contains', value: 'WeChat' }] } }],
  ['channel not web, or tagged sale lately', { any: [{ did: { event: 'cl_cart', where: [{ property: 'channel', op: '!=', value: 'web' }] } }, { tagged: { tag: 'sale', within: '10d' } }] }],
  ['channel in a list and cheap', { did: { event: 'cl_buy', where: [{ property: 'channel', op: 'in', value: ['app', 'web'] }, { property: 'cl_amount', op: '<', value: 30 }] } }],
  ['high activeness but not converted', { all: [{ activeness: { level: 'high' } }, { not: { stage: 'converted' } }] }],
  ['activeness 20 to 40', { activeness: { min: 20, max: 40 } }],
  ['stage interested or aware', { stage: ['interested', 'aware'] }],
  ['tagged shoes 2 to 3 times', { tagged: { tag: 'shoes', atLeast: 2, atMost: 3 } }],
];

describe('POST /v1/customers/query', () => {
  it.each(conditions)('%s: the count and every page match an in-memory reference', async (_name, condition) => {
    const expected = customers().filter((c) => holds(c, condition));
    const got = await query(condition);
    expect(got.count).toBe(expected.length);
    expect(got.ids).toEqual(expected);
  });

  it('the sample is varied enough that the conditions are not trivially all or nothing', () => {
    const sizes = conditions.map(([, c]) => customers().filter((x) => holds(x, c)).length);
    expect(sizes.filter((n) => n > 0 && n < customers().length).length).toBeGreaterThanOrEqual(8);
  });

  it('answers each customer with activeness, level and stage', async () => {
    const res = await collector.request('POST', '/v1/customers/query', { key: collector.adminKey, body: { condition: { stage: 'converted' }, limit: 1 } });
    const { items } = (await res.json()) as { items: Record<string, unknown>[] };
    const id = items[0]!.id as string;
    expect(items[0]).toMatchObject({ id, activeness: activeness(id), stage: 'converted', eventCount: events.filter((e) => e.customerId === id).length });
    expect(['low', 'medium', 'high']).toContain(items[0]!.activenessLevel);
  });

  it.each([
    ['an unknown event', { did: { event: 'cl_nope' } }, /condition: no event is defined with the id "cl_nope"/],
    ['an unknown level', { activeness: { level: 'ultra' } }, /activeness: no level "ultra"/],
    ['a bad duration', { did: { event: 'cl_view', within: '30 days' } }, /within|Invalid/],
    ['both within and between', { did: { event: 'cl_view', within: '1d', between: { from: now - day, to: now } } }, /within or between/],
    ['a bad operator', { did: { event: 'cl_view', where: [{ property: 'channel', op: '~', value: 'x' }] } }, /./],
    ['a property that is not an id', { did: { event: 'cl_view', where: [{ property: "a') or 1=1 --", op: '=', value: 'x' }] } }, /./],
    ['an unknown key', { did: { event: 'cl_view' }, extra: 1 }, /./],
  ])('rejects %s with a 400 naming it', async (_name, condition, message) => {
    const res = await collector.request('POST', '/v1/customers/query', { key: collector.adminKey, body: { condition } });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('invalid_request');
    expect(body.error.message).toMatch(message);
  });

  it('needs a read or admin key', async () => {
    const res = await collector.request('POST', '/v1/customers/query', { body: { condition: { stage: 'aware' } } });
    expect(res.status).toBe(403);
  });
});

describe('GET /v1/customers/:id/has-event', () => {
  const hasEvent = async (id: string, query: string) => {
    const res = await collector.request('GET', `/v1/customers/${id}/has-event?${query}`, { key: collector.adminKey });
    return { status: res.status, body: (await res.json()) as { happened: boolean; last: number | null; customerId: string } };
  };

  it('answers whether and when, for several windows and conditions, like the reference', async () => {
    const where = [{ property: 'cl_amount', op: '>', value: 40 }];
    for (const customer of customers().slice(0, 15)) {
      for (const [query, from, props] of [
        ['event=cl_buy&within=7d', now - 7 * day, []],
        ['event=cl_view&within=24h', now - day, []],
        [`event=cl_buy&where=${encodeURIComponent(JSON.stringify(where))}`, -Infinity, where],
      ] as const) {
        const matching = events.filter((e) => e.customerId === customer && e.event === query.split('&')[0]!.slice(6) && e.time >= from && props.every((p) => propHolds(e.properties, p)));
        const last = matching.length === 0 ? null : Math.max(...matching.map((e) => e.time));
        const got = await hasEvent(customer, query);
        // `within` is measured from the request's own clock, a moment after `now`: skip an event on that edge.
        if (matching.some((e) => Math.abs(e.time - from) < 5_000)) continue;
        expect(got).toEqual({ status: 200, body: { happened: last !== null, last, customerId: customer } });
      }
    }
  });

  it('follows a merged customer to the survivor', async () => {
    const a = makeEvent({ event: 'cl_buy', anonymousId: 'merge-a', properties: { cl_amount: 5 } });
    const b = makeEvent({ event: 'cl_view', anonymousId: 'merge-b', identities: { external_id: 'u-1' } });
    await collector.request('POST', '/v1/events', { body: { events: [a, b] } });
    const loser = (await collector.services.store.events.get(a.uuid as string))!.customerId;
    const survivor = (await collector.services.store.events.get(b.uuid as string))!.customerId;
    expect(loser).not.toBe(survivor);
    // The anonymous visitor logs in: both identities on one event merge the two customers.
    await collector.request('POST', '/v1/events', { body: { events: [makeEvent({ event: 'cl_view', anonymousId: 'merge-a', identities: { external_id: 'u-1' } })] } });
    const got = await hasEvent(loser, 'event=cl_buy&within=1h');
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ happened: true, customerId: survivor });
  });

  it('404 for an unknown customer, 400 for a bad window or where', async () => {
    expect((await hasEvent('nobody', 'event=cl_buy')).status).toBe(404);
    expect((await hasEvent(customers()[0]!, 'event=cl_buy&within=soon')).status).toBe(400);
    expect((await hasEvent(customers()[0]!, 'event=cl_buy&where=[{')).status).toBe(400);
    expect((await hasEvent(customers()[0]!, 'event=cl_nope')).status).toBe(400);
  });
});
