import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestSampleEvents, type SampleEvent } from '../testing/sample-events';
import { createTestCollector, type TestCollector } from '../testing/test-collector';

const day = 86_400_000;
const now = Date.now();
let collector: TestCollector;
let events: SampleEvent[];

beforeAll(async () => {
  collector = await createTestCollector();
  // 60 days back from now always crosses at least one DST change in New York or London.
  events = await ingestSampleEvents(collector, { count: 800, customers: 30, days: 60, seed: 11, now });
});
afterAll(async () => {
  await collector.close();
});

const post = async (path: string, body: unknown) => {
  const res = await collector.request('POST', path, { key: collector.adminKey, body });
  return { status: res.status, body: (await res.json()) as any };
};

// ---- References: local time read with Intl for each event on its own, no offsets or intervals.
function localParts(time: number, timeZone: string) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', weekday: 'short', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit' })
      .formatToParts(time)
      .map((p) => [p.type, p.value]),
  );
  return { hour: Number(parts.hour), weekday: parts.weekday!.toLowerCase(), date: `${parts.year}-${parts.month}-${parts.day}` };
}

describe('POST /v1/analysis/distribution', () => {
  const from = now - 50 * day;
  const to = now - 2 * day;
  const cases = [
    ['hour', 'Asia/Shanghai', 'cl_view', []],
    ['weekday', 'America/New_York', 'cl_view', []],
    ['day', 'America/New_York', 'cl_view', [{ property: 'channel', op: '=', value: 'wechat' }]],
    ['day', 'Europe/London', 'cl_buy', []],
    ['hour', 'Asia/Kathmandu', 'cl_cart', []],
  ] as const;

  it.each(cases)('by %s in %s (%s): every bucket matches a per-event Intl reference', async (by, timezone, event, where) => {
    const { status, body } = await post('/v1/analysis/distribution', { event, from, to, by, timezone, where });
    expect(status).toBe(200);
    const expected = new Map<string, number>();
    for (const e of events) {
      if (e.event !== event || e.time < from || e.time >= to) continue;
      if (where.length > 0 && e.properties.channel !== 'wechat') continue;
      const p = localParts(e.time, timezone);
      const key = by === 'hour' ? String(p.hour) : by === 'weekday' ? p.weekday : p.date;
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    const got = new Map<string, number>((body.buckets as { key: string | number; count: number }[]).filter((b) => b.count > 0).map((b) => [String(b.key), b.count]));
    expect(got).toEqual(expected);
    expect(body.total).toBe([...expected.values()].reduce((a, b) => a + b, 0));
    if (by === 'hour') expect(body.buckets.map((b: { key: number }) => b.key)).toEqual(Array.from({ length: 24 }, (_, h) => h));
    if (by === 'weekday') expect(body.buckets.map((b: { key: string }) => b.key)).toEqual(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
    if (by === 'day') {
      // Every local date of the range, empty ones too.
      expect(body.buckets[0].key).toBe(localParts(from, timezone).date);
      expect(body.buckets.at(-1).key).toBe(localParts(to - 1, timezone).date);
    }
  });

  it("defaults to the collector's time zone: UTC, or EVENTLINE_TIMEZONE", async () => {
    const { body } = await post('/v1/analysis/distribution', { event: 'cl_view', from, to, by: 'hour' });
    expect(body.timezone).toBe('UTC');
    await collector.restart({ EVENTLINE_TIMEZONE: 'Asia/Shanghai' });
    try {
      const again = await post('/v1/analysis/distribution', { event: 'cl_view', from, to, by: 'hour' });
      expect(again.body.timezone).toBe('Asia/Shanghai');
      expect(again.body.buckets).toEqual((await post('/v1/analysis/distribution', { event: 'cl_view', from, to, by: 'hour', timezone: 'Asia/Shanghai' })).body.buckets);
    } finally {
      await collector.restart();
    }
  });

  it.each([
    ['an unknown zone', { timezone: 'Mars/Olympus' }, /timezone/],
    ['from after to', { from: to, to: from }, /to: from must be before to/],
    ['an unknown bucket', { by: 'minute' }, /by/],
    ['an unknown event', { event: 'cl_nope' }, /no event is defined/],
  ])('rejects %s', async (_name, change, message) => {
    const { status, body } = await post('/v1/analysis/distribution', { event: 'cl_view', from, to, by: 'hour', ...change });
    expect(status).toBe(400);
    expect(body.error.message).toMatch(message);
  });
});

describe('POST /v1/analysis/funnel', () => {
  type Test = (e: SampleEvent) => boolean;
  const always: Test = () => true;
  /** Each customer's path computed event by event: a step's event must pass both `where` and the step's own test. */
  function referenceFunnel(steps: { event: string; test: Test }[], window: number, from: number, to: number, where: Test) {
    const paths: number[][] = [];
    const fits = (e: SampleEvent, k: number) => e.event === steps[k]!.event && steps[k]!.test(e);
    for (const customer of new Set(events.map((e) => e.customerId))) {
      const mine = events.filter((e) => e.customerId === customer && where(e)).sort((a, b) => a.time - b.time);
      const first = mine.find((e) => fits(e, 0) && e.time >= from && e.time < to);
      if (!first) continue;
      const path = [first.time];
      for (let k = 1; k < steps.length; k++) {
        const previous = path[k - 1]!;
        const same = steps[k]!.event === steps[k - 1]!.event;
        const next = mine.find((e) => fits(e, k) && (same ? e.time > previous : e.time >= previous) && e.time <= first.time + window);
        if (!next) break;
        path.push(next.time);
      }
      paths.push(path);
    }
    return steps.map(({ event }, k) => {
      const reached = paths.filter((p) => p.length > k);
      const gaps = reached.map((p) => (k === 0 ? 0 : p[k]! - p[k - 1]!)).sort((a, b) => a - b);
      const mid = Math.floor(gaps.length / 2);
      const median = gaps.length === 0 ? null : gaps.length % 2 ? gaps[mid]! : Math.round((gaps[mid - 1]! + gaps[mid]!) / 2);
      const before = k === 0 ? paths.length : paths.filter((p) => p.length > k - 1).length;
      return { event, customers: reached.length, conversion: before === 0 ? null : reached.length / before, medianMs: k === 0 ? null : median };
    });
  }

  const plain = (...ids: string[]) => ids.map((event) => ({ sent: event as unknown, event, test: always }));
  const wechat: Test = (e) => e.properties.channel === 'wechat';
  const vipCart = { sent: { event: 'cl_cart', where: [{ property: 'cl_vip', op: '=', value: true }] }, event: 'cl_cart', test: (e: SampleEvent) => e.properties.cl_vip === true };
  const bigBuy = { sent: { event: 'cl_buy', where: [{ property: 'cl_amount', op: '>', value: 50 }] }, event: 'cl_buy', test: (e: SampleEvent) => (e.properties.cl_amount as number) > 50 };
  const appView = { sent: { event: 'cl_view', where: [{ property: 'channel', op: 'in', value: ['app', 'web'] }] }, event: 'cl_view', test: (e: SampleEvent) => ['app', 'web'].includes(e.properties.channel as string) };
  const wechatWhere = [{ property: 'channel', op: '=', value: 'wechat' }];

  const cases: [string, { sent: unknown; event: string; test: Test }[], string, number, Record<string, unknown>[]][] = [
    ['view → cart → buy within 7 days', plain('cl_view', 'cl_cart', 'cl_buy'), '7d', 7 * day, []],
    ['view → buy within 2 days', plain('cl_view', 'cl_buy'), '48h', 2 * day, []],
    ['view → view → cart (a repeated step needs a later event)', plain('cl_view', 'cl_view', 'cl_cart'), '10d', 10 * day, []],
    ['on WeChat only', plain('cl_view', 'cl_cart', 'cl_buy'), '14d', 14 * day, wechatWhere],
    ['view → VIP cart → buy over 50 (step conditions)', [plain('cl_view')[0]!, vipCart, bigBuy], '14d', 14 * day, []],
    ['app or web view → view → buy over 50, as { event } objects too', [appView, { sent: { event: 'cl_view' }, event: 'cl_view', test: always }, bigBuy], '20d', 20 * day, []],
  ];

  it.each(cases)('%s: counts, conversion and median times match the reference', async (_name, steps, window, windowMs, where) => {
    const from = now - 45 * day;
    const to = now - 5 * day;
    const { status, body } = await post('/v1/analysis/funnel', { steps: steps.map((s) => s.sent), window, from, to, where });
    expect(status).toBe(200);
    const expected = referenceFunnel(steps, windowMs, from, to, where.length === 0 ? always : wechat);
    expect(expected[0]!.customers).toBeGreaterThan(0);
    expect(expected.at(-1)!.customers).toBeGreaterThan(0);
    expect(body.steps).toHaveLength(steps.length);
    body.steps.forEach((s: any, k: number) => {
      const e = expected[k]!;
      expect({ event: s.event, customers: s.customers, medianMs: s.medianMs }).toEqual({ event: e.event, customers: e.customers, medianMs: e.medianMs });
      expect(s.conversion).toBeCloseTo(e.conversion!, 4);
    });
  });

  it('a step condition leaves out the customers whose events fail it, and adds to the request’s where', async () => {
    const from = now - 45 * day;
    const to = now - 5 * day;
    const funnel = async (steps: unknown[], where: unknown[] = []) => (await post('/v1/analysis/funnel', { steps, window: '14d', from, to, where })).body.steps as any[];
    const all = await funnel(['cl_view', 'cl_cart', 'cl_buy']);
    const vip = await funnel(['cl_view', vipCart.sent, 'cl_buy']);
    expect(vip[0].customers).toBe(all[0].customers);
    expect(vip[1].customers).toBeLessThan(all[1].customers);
    expect(vip[1].where).toEqual(vipCart.sent.where);
    // Both hold: WeChat events (the request's where) that are also VIP carts (the step's).
    const both = await funnel(['cl_view', vipCart.sent, 'cl_buy'], wechatWhere);
    const expected = referenceFunnel([plain('cl_view')[0]!, vipCart, plain('cl_buy')[0]!], 14 * day, from, to, wechat);
    expect(both.map((s) => s.customers)).toEqual(expected.map((s) => s.customers));
    expect(both.map((s) => s.medianMs)).toEqual(expected.map((s) => s.medianMs));
    expect(both[1].customers).toBeLessThan(vip[1].customers);
  });

  it('a median time is null when no one reached the step', async () => {
    const { body } = await post('/v1/analysis/funnel', {
      steps: ['cl_view', { event: 'cl_buy', where: [{ property: 'cl_amount', op: '>', value: 1000 }] }],
      window: '7d',
      from: now - 45 * day,
      to: now,
    });
    expect(body.steps[1]).toMatchObject({ customers: 0, conversion: 0, medianMs: null });
  });

  it('rejects one step, a bad window and unknown events', async () => {
    const base = { from: now - 10 * day, to: now };
    expect((await post('/v1/analysis/funnel', { ...base, steps: ['cl_view'], window: '1d' })).status).toBe(400);
    expect((await post('/v1/analysis/funnel', { ...base, steps: ['cl_view', 'cl_buy'], window: '0d' })).status).toBe(400);
    const unknown = await post('/v1/analysis/funnel', { ...base, steps: ['cl_view', 'cl_nope'], window: '1d' });
    expect(unknown.body.error.message).toMatch(/steps: no event is defined with the id "cl_nope"/);
    const unknownObject = await post('/v1/analysis/funnel', { ...base, steps: ['cl_view', { event: 'cl_nope', where: [] }], window: '1d' });
    expect(unknownObject.body.error.message).toMatch(/no event is defined with the id "cl_nope"/);
  });

  it.each([
    ['a property of another event', { event: 'cl_view', where: [{ property: 'cl_amount', op: '>', value: 1 }] }, 'steps.1.where.0.property: cl_view has no property "cl_amount" — use one of its properties (cl_page) or a preset property such as channel'],
    ['a property no event has', { event: 'cl_buy', where: [{ property: 'channel', op: '=', value: 'app' }, { property: 'cl_total', op: '>', value: 1 }] }, 'steps.1.where.1.property: cl_buy has no property "cl_total" — use one of its properties (cl_amount) or a preset property such as channel'],
  ])('rejects a step condition on %s, naming the step, the condition and the properties to use', async (_name, step, message) => {
    const { status, body } = await post('/v1/analysis/funnel', { from: now - 10 * day, to: now, steps: ['cl_view', step], window: '1d' });
    expect(status).toBe(400);
    expect(body.error).toEqual({ code: 'invalid_request', message });
  });

  it('says what is wrong inside a step condition, in the path the request used', async () => {
    const { status, body } = await post('/v1/analysis/funnel', { from: now - 10 * day, to: now, steps: ['cl_view', { event: 'cl_buy', where: [{ property: 'cl_amount', op: 'about', value: 1 }] }], window: '1d' });
    expect(status).toBe(400);
    expect(body.error.message).toMatch(/^steps\.1\.where\.0\.op: expected one of "=", "!=", ">", "<", "contains", "in"/);
  });
});
