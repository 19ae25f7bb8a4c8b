import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CustomerCondition } from './query-model/customer-condition';
import type { PropertyCondition } from './query-model/property-condition';
import { conformanceEngines, newEvent } from './conformance-stores';
import type { NewEvent } from './event-store';
import type { Store } from './store';

const day = 86_400_000;
const t0 = Date.UTC(2026, 9, 30, 22); // 30 Oct 22:00 UTC: the next day in Shanghai, and a month boundary in two days
const at = (ms: number) => t0 + ms;

// Three customers, by hand: alice views twice and buys for 42 on WeChat; bob views and buys for 7 on the web
// a day later (across the month boundary); carol only views, with a tag.
const seed: NewEvent[] = [
  newEvent({ anonymousId: 'alice', event: 'page_view', time: at(0), properties: '{"channel":"wechat","page":"WeChat article"}' }),
  newEvent({ anonymousId: 'alice', event: 'page_view', time: at(3_600_000), properties: '{"channel":"wechat","amount":"42"}' }),
  newEvent({ anonymousId: 'alice', event: 'purchase', time: at(7_200_000), properties: '{"amount":42,"vip":true,"channel":"wechat"}', tags: ['sale'] }),
  newEvent({ anonymousId: 'bob', event: 'page_view', time: at(day), properties: '{"channel":"web"}' }),
  newEvent({ anonymousId: 'bob', event: 'purchase', time: at(2 * day + 60_000), properties: '{"amount":7,"vip":false}' }),
  newEvent({ anonymousId: 'carol', event: 'page_view', time: at(5_400_000), properties: '{"channel":"web","amount":100}', tags: ['sale', 'vip'] }),
];

const did = (event: string, extra: Partial<Extract<CustomerCondition, { kind: 'did' }>> = {}): CustomerCondition => ({ kind: 'did', event, where: [], from: null, to: null, atLeast: 1, atMost: null, ...extra });
const where = (...conditions: PropertyCondition[]) => conditions;

describe.each(conformanceEngines)('analysis conformance: $name', (engine) => {
  describe.skipIf(engine.skip)(engine.name, () => {
    let store: Store;
    const ids: Record<string, string> = {};
    beforeAll(async () => {
      store = await engine.database().open();
      await store.events.write({ events: seed, quarantine: [] });
      for (const name of ['alice', 'bob', 'carol']) ids[name] = (await store.customers.findByIdentity('anonymous', name))!.id;
    });
    afterAll(() => engine.cleanup());

    const who = async (condition: CustomerCondition) => {
      const { items, count } = await store.analysis.filterCustomers(condition, { limit: 10 });
      expect(count).toBe(items.length);
      const names = Object.fromEntries(Object.entries(ids).map(([name, id]) => [id, name]));
      return items.map((c) => names[c.id]).sort();
    };

    it('filters customers by events, counts, tags and their combinations', async () => {
      expect(await who(did('purchase'))).toEqual(['alice', 'bob']);
      expect(await who(did('page_view', { atLeast: 2 }))).toEqual(['alice']);
      expect(await who(did('purchase', { atLeast: 0, atMost: 0 }))).toEqual(['carol']);
      expect(await who({ kind: 'tagged', tag: 'sale', from: null, to: null, atLeast: 1, atMost: null })).toEqual(['alice', 'carol']);
      expect(await who({ kind: 'all', of: [did('page_view'), { kind: 'not', of: did('purchase', { from: at(day), to: null }) }] })).toEqual(['alice', 'carol']);
      expect(await who({ kind: 'activeness', min: 3, max: null })).toEqual(['alice']);
    });

    it('compares properties by their JSON type, as the trigger matcher does', async () => {
      expect(await who(did('purchase', { where: where({ property: 'amount', op: '>', value: 10 }) }))).toEqual(['alice']);
      expect(await who(did('page_view', { where: where({ property: 'amount', op: '=', value: '42' }) }))).toEqual(['alice']);
      expect(await who(did('page_view', { where: where({ property: 'amount', op: '=', value: 100 }) }))).toEqual(['carol']);
      expect(await who(did('page_view', { where: where({ property: 'amount', op: '<', value: 1000 }) }))).toEqual(['carol']);
      expect(await who(did('purchase', { where: where({ property: 'vip', op: '=', value: true }) }))).toEqual(['alice']);
      expect(await who(did('page_view', { where: where({ property: 'page', op: 'contains', value: 'Chat a' }) }))).toEqual(['alice']);
      expect(await who(did('page_view', { where: where({ property: 'page', op: '>', value: 'V' }) }))).toEqual(['alice']);
      expect(await who(did('page_view', { where: where({ property: 'channel', op: 'in', value: ['web', 5, false] }) }))).toEqual(['bob', 'carol']);
      expect(await who(did('page_view', { where: where({ property: 'channel', op: '!=', value: 'web' }) }))).toEqual(['alice']);
    });

    it('finds the last matching event of a customer', async () => {
      expect(await store.analysis.lastEvent(ids.alice!, { event: 'page_view', from: null, to: null, where: [] })).toEqual({ customerId: ids.alice, last: at(3_600_000) });
      expect(await store.analysis.lastEvent(ids.alice!, { event: 'page_view', from: null, to: at(3_600_000), where: [] })).toEqual({ customerId: ids.alice, last: at(0) });
      expect(await store.analysis.lastEvent(ids.bob!, { event: 'purchase', from: null, to: null, where: where({ property: 'amount', op: '>', value: 10 }) })).toEqual({ customerId: ids.bob, last: null });
      expect(await store.analysis.lastEvent('c-nobody', { event: 'page_view', from: null, to: null, where: [] })).toBeUndefined();
    });

    it('counts events per local hour and day in a time zone', async () => {
      const scope = { event: 'page_view', from: at(0), to: at(3 * day), where: [] };
      // Shanghai has kept UTC+8 all year since 1991: one interval covers the scope.
      const intervals = [{ from: scope.from, to: scope.to, offset: 8 * 3_600_000 }];
      // 22:00, 23:00 and 23:30 UTC are 06:00, 07:00 and 07:30 in Shanghai; bob's view is a day later at 06:00.
      expect(Object.fromEntries(await store.analysis.distribution(scope, 'hour', intervals))).toEqual({ 6: 2, 7: 2 });
      const days = await store.analysis.distribution({ ...scope, where: where({ property: 'channel', op: '=', value: 'web' }) }, 'day', intervals);
      expect([...days.entries()].sort()).toEqual([
        [Math.floor((at(5_400_000) + 8 * 3_600_000) / day), 1],
        [Math.floor((at(day) + 8 * 3_600_000) / day), 1],
      ]);
      expect(Object.fromEntries(await store.analysis.distribution(scope, 'weekday', intervals))).toEqual({ 6: 3, 0: 1 });
    });

    it('walks each customer through a funnel within its window', async () => {
      const paths = await store.analysis.funnel({ steps: [{ event: 'page_view', where: [] }, { event: 'purchase', where: [] }], window: day + 60_000, from: at(0), to: at(3 * day), where: [] });
      expect(paths.map((p) => p.length).sort()).toEqual([1, 2, 2]);
      const tight = await store.analysis.funnel({ steps: ['page_view', 'page_view', 'purchase'].map((event) => ({ event, where: [] })), window: 3 * 3_600_000, from: at(0), to: at(3 * day), where: [] });
      expect(tight.find((p) => p[0] === at(0))).toEqual([at(0), at(3_600_000), at(7_200_000)]);
    });
  });
});
