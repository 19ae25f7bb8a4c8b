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
  function referenceFunnel(steps: string[], window: number, from: number, to: number, where: (e: SampleEvent) => boolean) {
    const paths: number[][] = [];
    for (const customer of new Set(events.map((e) => e.customerId))) {
      const mine = events.filter((e) => e.customerId === customer && where(e)).sort((a, b) => a.time - b.time);
      const first = mine.find((e) => e.event === steps[0] && e.time >= from && e.time < to);
      if (!first) continue;
      const path = [first.time];
      for (let k = 1; k < steps.length; k++) {
        const previous = path[k - 1]!;
        const next = mine.find((e) => e.event === steps[k] && (steps[k] === steps[k - 1] ? e.time > previous : e.time >= previous) && e.time <= first.time + window);
        if (!next) break;
        path.push(next.time);
      }
      paths.push(path);
    }
    return steps.map((event, k) => {
      const reached = paths.filter((p) => p.length > k);
      const gaps = reached.map((p) => (k === 0 ? 0 : p[k]! - p[k - 1]!)).sort((a, b) => a - b);
      const mid = Math.floor(gaps.length / 2);
      const median = gaps.length === 0 ? null : gaps.length % 2 ? gaps[mid]! : Math.round((gaps[mid - 1]! + gaps[mid]!) / 2);
      const before = k === 0 ? paths.length : paths.filter((p) => p.length > k - 1).length;
      return { event, customers: reached.length, conversion: before === 0 ? null : reached.length / before, medianMs: k === 0 ? null : median };
    });
  }

  const cases: [string, string[], string, number, Record<string, unknown>[]][] = [
    ['view → cart → buy within 7 days', ['cl_view', 'cl_cart', 'cl_buy'], '7d', 7 * day, []],
    ['view → buy within 2 days', ['cl_view', 'cl_buy'], '48h', 2 * day, []],
    ['view → view → cart (a repeated step needs a later event)', ['cl_view', 'cl_view', 'cl_cart'], '10d', 10 * day, []],
    ['on WeChat only', ['cl_view', 'cl_cart', 'cl_buy'], '14d', 14 * day, [{ property: 'channel', op: '=', value: 'wechat' }]],
  ];

  it.each(cases)('%s: counts, conversion and median times match the reference', async (_name, steps, window, windowMs, where) => {
    const from = now - 45 * day;
    const to = now - 5 * day;
    const { status, body } = await post('/v1/analysis/funnel', { steps, window, from, to, where });
    expect(status).toBe(200);
    const expected = referenceFunnel(steps, windowMs, from, to, (e) => where.length === 0 || e.properties.channel === 'wechat');
    expect(expected[0]!.customers).toBeGreaterThan(0);
    expect(expected.at(-1)!.customers).toBeGreaterThan(0);
    expect(body.steps).toHaveLength(steps.length);
    body.steps.forEach((s: any, k: number) => {
      const e = expected[k]!;
      expect({ event: s.event, customers: s.customers, medianMs: s.medianMs }).toEqual({ event: e.event, customers: e.customers, medianMs: e.medianMs });
      expect(s.conversion).toBeCloseTo(e.conversion!, 4);
    });
  });

  it('rejects one step, a bad window and unknown events', async () => {
    const base = { from: now - 10 * day, to: now };
    expect((await post('/v1/analysis/funnel', { ...base, steps: ['cl_view'], window: '1d' })).status).toBe(400);
    expect((await post('/v1/analysis/funnel', { ...base, steps: ['cl_view', 'cl_buy'], window: '0d' })).status).toBe(400);
    const unknown = await post('/v1/analysis/funnel', { ...base, steps: ['cl_view', 'cl_nope'], window: '1d' });
    expect(unknown.body.error.message).toMatch(/steps: no event is defined with the id "cl_nope"/);
  });
});
