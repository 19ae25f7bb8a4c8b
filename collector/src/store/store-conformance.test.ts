import { afterAll, describe, expect, it } from 'vitest';
import { conformanceEngines, newEvent } from './conformance-stores';
import type { Store } from './store';

const noBatch = { quarantine: [] };

describe.each(conformanceEngines)('store conformance: $name', (engine) => {
  describe.skipIf(engine.skip)(engine.name, () => {
    afterAll(() => engine.cleanup());
    const open = (options?: { strongIdentityTypes?: string[] }) => engine.database(options).open();
    const customerOf = async (store: Store, uuid: string) => (await store.events.get(uuid))!.customerId;

    describe('events', () => {
      it('records an event once, answers duplicates as such, and gives it back by uuid', async () => {
        const store = await open();
        const a = newEvent({ properties: '{"amount":42,"channel":"wechat"}', context: '{"page":"/x"}', tags: ['sale', 'shoes', 'sale'] });
        const b = newEvent({ anonymousId: 'anon-2' });
        expect(await store.events.write({ events: [a, a, b], ...noBatch })).toEqual(['accepted', 'duplicate', 'accepted']);
        expect(await store.events.write({ events: [a], ...noBatch })).toEqual(['duplicate']);
        expect(await store.events.get(a.uuid)).toEqual({
          uuid: a.uuid,
          event: 'page_view',
          type: 'inbound',
          customerId: expect.any(String),
          time: a.time,
          clientTime: a.clientTime,
          receivedAt: a.receivedAt,
          score: 1,
          properties: { amount: 42, channel: 'wechat' },
          context: { page: '/x' },
          anonymousId: 'anon-1',
          tags: ['sale', 'shoes'],
          source: 'api',
        });
        expect(await store.events.get('01900000-0000-7000-8000-000000000000')).toBeUndefined();
      });

      it('pages events in time order by event, tag and customer, across months', async () => {
        const store = await open();
        const t = (month: number, day: number) => Date.UTC(2026, month, day);
        const events = [
          newEvent({ time: t(9, 30), tags: ['x'] }),
          newEvent({ time: t(10, 1), event: 'purchase' }),
          newEvent({ time: t(10, 1), anonymousId: 'other', tags: ['x'] }),
          newEvent({ time: t(11, 5) }),
        ];
        await store.events.write({ events: [...events].reverse(), ...noBatch });
        const all = [];
        let after;
        do {
          const page = await store.events.page({ limit: 3, ...(after && { after }) });
          all.push(...page.items.map((e) => e.uuid));
          after = page.next ?? undefined;
        } while (after);
        // Same time: in the order written (the batch was reversed).
        expect(all).toEqual([events[0]!.uuid, events[2]!.uuid, events[1]!.uuid, events[3]!.uuid]);
        expect((await store.events.page({ limit: 10, event: 'purchase' })).items.map((e) => e.uuid)).toEqual([events[1]!.uuid]);
        expect((await store.events.page({ limit: 10, tag: 'x' })).items.map((e) => e.uuid)).toEqual([events[0]!.uuid, events[2]!.uuid]);
        expect((await store.events.page({ limit: 10, from: t(10, 1), to: t(11, 1) })).items).toHaveLength(2);
        const customer = await customerOf(store, events[0]!.uuid);
        expect((await store.events.page({ limit: 10, customerId: customer })).items).toHaveLength(3);
      });

      it('keeps the quarantine: a resent rejected event counts on its row, and a replayed one is marked', async () => {
        const store = await open();
        const entry = { uuid: 'q-1', event: 'nope', code: 'unknown_event', message: 'm', path: 'events[0]', raw: '{}', receivedAt: 1, sentAt: null, keyId: null, scope: 'ingest' as const };
        await store.events.write({ events: [], quarantine: [entry, { ...entry, uuid: null }] });
        await store.events.write({ events: [], quarantine: [{ ...entry, message: 'again' }] });
        const { items } = await store.quarantine.list({ limit: 10 });
        expect(items.map((q) => [q.uuid, q.attempts, q.message, q.status])).toEqual([
          [null, 1, 'm', 'pending'],
          ['q-1', 2, 'again', 'pending'],
        ]);
        const replayed = newEvent();
        await store.events.write({ events: [replayed], quarantine: [], resolvedQuarantine: [items[1]!.id], dropped: { count: 3, anonymousId: 'a', keyId: null } });
        expect((await store.quarantine.list({ status: 'replayed', limit: 10 })).items.map((q) => q.uuid)).toEqual(['q-1']);
        expect((await store.quarantine.pending(10, 0)).map((q) => q.uuid)).toEqual([null]);
      });

      it('writes the trigger outbox with the event, and claims each due delivery once', async () => {
        const store = await open();
        await store.triggers.create({ id: 'tr1', event: 'purchase', where: [{ property: 'amount', op: '>', value: 10 }], url: 'http://x.test/hook', secret: 's', createdAt: 1 });
        const e = newEvent({ event: 'purchase', triggers: ['tr1'] });
        await store.events.write({ events: [e], ...noBatch });
        expect((await store.triggers.list()).map((t) => t.where)).toEqual([[{ property: 'amount', op: '>', value: 10 }]]);
        const [first, second] = await Promise.all([store.triggers.claimDue(e.receivedAt + 1, 10, 1000), store.triggers.claimDue(e.receivedAt + 1, 10, 1000)]);
        const claimed = [...first!, ...second!];
        expect(claimed.map((c) => [c.eventUuid, c.url])).toEqual([[e.uuid, 'http://x.test/hook']]);
        await store.triggers.recordAttempt(claimed[0]!.id, { at: e.receivedAt + 2, durationMs: 5, status: 200, error: null }, { status: 'delivered' });
        const { items } = await store.triggers.deliveries('tr1', { limit: 10 });
        expect(items.map((d) => [d.status, d.attempts, d.attemptLog.map((a) => a.status)])).toEqual([['delivered', 1, [200]]]);
      });
    });

    describe('customers', () => {
      it('puts an anonymous id and its later identities on one customer, with activeness, count and a forward-only stage', async () => {
        const store = await open();
        await store.events.write({
          events: [
            newEvent({ score: 5, stage: 'interested', stageRank: 1, time: 2000 }),
            newEvent({ score: 1, stage: 'aware', stageRank: 0, time: 3000, identities: [{ type: 'anonymous', value: 'anon-1' }, { type: 'mobile', value: '13800000000' }] }),
          ],
          ...noBatch,
        });
        await store.events.write({ events: [newEvent({ score: -5, time: 1000, anonymousId: 'anon-9', identities: [{ type: 'mobile', value: '13800000000' }] })], ...noBatch });
        const customer = await store.customers.findByIdentity('mobile', '13800000000');
        expect(customer).toMatchObject({ activeness: 1, eventCount: 3, stage: 'interested', firstSeen: 1000, lastSeen: 3000, mergedInto: null });
        expect(customer!.identities.map((i) => `${i.type}:${i.value}`).sort()).toEqual(['anonymous:anon-1', 'mobile:13800000000']);
      });

      it('merges two customers an event shows are one person, moving events and tags to the first', async () => {
        const store = await open();
        const phone = newEvent({ anonymousId: 'phone', tags: ['a'], score: 3 });
        const laptop = newEvent({ anonymousId: 'laptop', identities: [{ type: 'external_id', value: 'u1' }, { type: 'anonymous', value: 'laptop' }], score: 2 });
        await store.events.write({ events: [phone, laptop], ...noBatch });
        const loser = await customerOf(store, phone.uuid);
        const link = newEvent({ anonymousId: 'phone', identities: [{ type: 'external_id', value: 'u1' }, { type: 'anonymous', value: 'phone' }] });
        await store.events.write({ events: [link], ...noBatch });
        const survivor = await customerOf(store, laptop.uuid);
        expect(await customerOf(store, phone.uuid)).toBe(survivor);
        expect(await customerOf(store, link.uuid)).toBe(survivor);
        expect(await store.customers.get(loser)).toMatchObject({ mergedInto: survivor, activeness: 0, eventCount: 0 });
        expect(await store.customers.get(survivor)).toMatchObject({ mergedInto: null, activeness: 6, eventCount: 3 });
        expect(await store.analysis.liveCustomerId(loser)).toBe(survivor);
        expect(await store.customers.tagCounts(survivor, 10)).toEqual([{ tag: 'a', count: 1 }]);
        expect((await store.events.page({ limit: 10, customerId: survivor })).items).toHaveLength(3);
      });

      it('never merges two customers who hold different values of a strong identity type', async () => {
        const store = await open({ strongIdentityTypes: ['mobile'] });
        const a = newEvent({ identities: [{ type: 'mobile', value: '1' }] });
        const b = newEvent({ identities: [{ type: 'mobile', value: '2' }] });
        await store.events.write({ events: [a, b], ...noBatch });
        const both = newEvent({ identities: [{ type: 'mobile', value: '2' }, { type: 'mobile', value: '1' }] });
        await store.events.write({ events: [both], ...noBatch });
        expect(await customerOf(store, both.uuid)).toBe(await customerOf(store, b.uuid));
        expect(await customerOf(store, a.uuid)).not.toBe(await customerOf(store, b.uuid));
        expect((await store.customers.get(await customerOf(store, a.uuid)))!.mergedInto).toBeNull();
      });

      it('pages a timeline newest first, and lists customers by activeness', async () => {
        const store = await open();
        const events = Array.from({ length: 5 }, (_, i) => newEvent({ time: 1000 + i, score: 2 }));
        await store.events.write({ events: [...events, newEvent({ anonymousId: 'quiet', score: 1 })], ...noBatch });
        const customer = await customerOf(store, events[0]!.uuid);
        const first = await store.customers.timeline(customer, { limit: 3 });
        const second = await store.customers.timeline(customer, { limit: 3, cursor: first.nextCursor! });
        expect([...first.items, ...second.items].map((e) => e.uuid)).toEqual(events.map((e) => e.uuid).reverse());
        expect(second.nextCursor).toBeNull();
        const ranked = await store.customers.listByActiveness({ min: 2, max: null }, { limit: 10 });
        expect(ranked.items.map((c) => [c.id, c.activeness])).toEqual([[customer, 10]]);
      });
    });

    describe('settings', () => {
      it('keeps definitions, groups, keys, materials, WeChat accounts and meta', async () => {
        const store = await open();
        await store.definitions.seedSystem([{ id: 'page_view', name: 'Page view', type: 'inbound', score: 1, stage: null, group: null, properties: [], system: true }]);
        await store.definitions.create({ id: 'buy_Item', name: 'Buy 100%', type: 'inbound', score: 5, stage: null, group: null, properties: [{ id: 'amount', name: 'Amount', type: 'number' }], system: false });
        await store.groups.create({ id: 'g1', name: 'Sales' });
        expect(await store.definitions.setGroup(['buy_Item'], 'g1')).toBe(1);
        expect((await store.groups.get('g1'))!.eventCount).toBe(1);
        expect((await store.definitions.list({ q: '100%' })).map((d) => d.id)).toEqual(['buy_Item']);
        expect((await store.definitions.list({ q: 'y_i' })).map((d) => d.id)).toEqual(['buy_Item']);
        expect((await store.definitions.list()).map((d) => d.id)).toEqual(['page_view', 'buy_Item']);
        await store.definitions.update('page_view', { score: 9 });
        expect(await store.definitions.restoreDefaults()).toBe(1);
        expect((await store.definitions.get('page_view'))!.score).toBe(1);
        expect(await store.definitions.delete('buy_Item')).toBe(true);
        expect((await store.definitions.getDeleted('buy_Item'))!.properties).toEqual([{ id: 'amount', name: 'Amount', type: 'number' }]);
        expect((await store.groups.list()).map((g) => [g.name, g.eventCount])).toEqual([['Sales', 0]]);

        await store.keys.create({ id: 'k1', name: 'web', scope: 'ingest', allowedOrigins: ['https://a.test'], createdAt: 1, hash: 'h1' });
        expect(await store.keys.findByHash('h1')).toEqual({ id: 'k1', name: 'web', scope: 'ingest', allowedOrigins: ['https://a.test'], createdAt: 1, rateLimit: null });
        expect(await store.keys.countByScope('ingest')).toBe(1);
        expect(await store.keys.revoke('k1', 2)).toBe(true);
        expect(await store.keys.list()).toEqual([]);

        expect(await store.materials.create({ id: 'm1', name: 'QR', type: 'qrcode', tags: ['summer'] })).toBe(true);
        expect(await store.materials.create({ id: 'm1', name: 'QR', type: 'qrcode', tags: [] })).toBe(false);
        expect((await store.materials.update('m1', { tags: ['winter'] }))!.tags).toEqual(['winter']);
        expect(await store.materials.delete('m1')).toBe(true);

        const account = { id: 'w1', name: 'Shop', appId: 'wx1', sealedToken: 't', sealedEncodingAesKey: null };
        expect(await store.wechat.create(account)).toBe(true);
        expect(await store.wechat.create({ ...account, id: 'w2' })).toBe(false);
        expect((await store.wechat.update('w1', { name: 'Shop 2' }))!.name).toBe('Shop 2');

        expect(await store.meta.getOrInsert('secret', 'a')).toBe('a');
        expect(await store.meta.getOrInsert('secret', 'b')).toBe('a');
        await store.meta.bumpVersion('definitions');
        await store.meta.bumpVersion('definitions');
        expect(await store.meta.versions()).toEqual({ definitions: 2 });
        await expect(store.checkWritable()).resolves.toBeUndefined();
      });
    });

    describe('several stores on one database', () => {
      it('stores an event sent to two of them at once only once', async () => {
        const database = engine.database();
        const [a, b] = [await database.open(), await database.open()];
        const events = Array.from({ length: 20 }, () => newEvent({ anonymousId: `d-${Math.random()}` }));
        const answers = await Promise.all([a.events.write({ events, ...noBatch }), b.events.write({ events: [...events].reverse(), ...noBatch })]);
        const accepted = answers.flat().filter((o) => o === 'accepted').length;
        expect(accepted).toBe(20);
        expect((await a.events.page({ limit: 100 })).items).toHaveLength(20);
      });

      it('makes one customer of a new identity that reaches two of them at once', async () => {
        const database = engine.database();
        const [a, b] = [await database.open(), await database.open()];
        for (let round = 0; round < 5; round++) {
          const identities = [{ type: 'external_id', value: `user-${round}` }];
          const x = newEvent({ anonymousId: `x-${round}`, identities: [...identities, { type: 'anonymous', value: `x-${round}` }] });
          const y = newEvent({ anonymousId: `y-${round}`, identities: [...identities, { type: 'anonymous', value: `y-${round}` }] });
          await Promise.all([a.events.write({ events: [x], ...noBatch }), b.events.write({ events: [y], ...noBatch })]);
          expect(await customerOf(a, x.uuid)).toBe(await customerOf(b, y.uuid));
          expect((await a.customers.findByIdentity('external_id', `user-${round}`))!.eventCount).toBe(2);
        }
      });
    });
  });
});
