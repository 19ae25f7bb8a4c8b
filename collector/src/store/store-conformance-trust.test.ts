import { afterAll, describe, expect, it } from 'vitest';
import { conformanceEngines, newEvent } from './conformance-stores';
import { displacedUuid } from './displaced-uuid';
import type { Store } from './store';

const noBatch = { quarantine: [] };

/** What a public (ingest) key may claim, and what it may not take from a trusted key. */
describe.each(conformanceEngines)('store conformance, public keys: $name', (engine) => {
  describe.skipIf(engine.skip)(engine.name, () => {
    afterAll(() => engine.cleanup());
    const open = () => engine.database().open();
    const customerOf = async (store: Store, uuid: string) => (await store.events.get(uuid))!.customerId;
    const withKeys = async () => {
      const store = await open();
      await store.keys.create({ id: 'k-pub', name: 'site', scope: 'ingest', allowedOrigins: [], createdAt: 1, hash: 'h-pub' });
      await store.keys.create({ id: 'k-srv', name: 'orders', scope: 'server', allowedOrigins: [], createdAt: 1, hash: 'h-srv' });
      return store;
    };
    const publicEvent = (overrides: Parameters<typeof newEvent>[0] = {}) => newEvent({ keyId: 'k-pub', source: 'sdk', trusted: false, ...overrides });
    const serverEvent = (overrides: Parameters<typeof newEvent>[0] = {}) => newEvent({ keyId: 'k-srv', source: 'api', trusted: true, ...overrides });

    it('lets a public-key event join its device to one known customer, never merge two: the conflict is recorded with it', async () => {
      const store = await open();
      const victim1 = newEvent({ anonymousId: 'v1-phone', identities: [{ type: 'external_id', value: 'victim-1' }, { type: 'anonymous', value: 'v1-phone' }] });
      const victim2 = newEvent({ anonymousId: 'v2-phone', identities: [{ type: 'email', value: 'victim2@corp.example' }, { type: 'anonymous', value: 'v2-phone' }] });
      const device = newEvent({ anonymousId: 'attacker' });
      await store.events.write({ events: [victim1, victim2, device], ...noBatch });
      const [c1, c2] = [await customerOf(store, victim1.uuid), await customerOf(store, victim2.uuid)];

      const named = [{ type: 'external_id', value: 'victim-1' }, { type: 'email', value: 'victim2@corp.example' }, { type: 'anonymous', value: 'attacker' }];
      const attack = newEvent({ trusted: false, anonymousId: 'attacker', identities: named });
      expect(await store.events.write({ events: [attack], ...noBatch })).toEqual(['accepted']);
      expect(await customerOf(store, attack.uuid)).toBe(c1);
      expect(await customerOf(store, device.uuid)).toBe(c1);
      expect(await store.customers.get(c2)).toMatchObject({ mergedInto: null, eventCount: 1 });
      expect(await store.events.conflicts(attack.uuid)).toEqual([
        { eventUuid: attack.uuid, customerId: c1, otherCustomerId: c2, identities: [{ type: 'email', value: 'victim2@corp.example' }], reason: 'public_key', createdAt: attack.receivedAt },
      ]);

      const trusted = newEvent({ anonymousId: 'attacker', identities: named });
      await store.events.write({ events: [trusted], ...noBatch });
      expect(await store.customers.get(c2)).toMatchObject({ mergedInto: c1 });
      expect(await store.events.conflicts(trusted.uuid)).toEqual([]);
    });

    it('stores a trusted event under a uuid a public key sent first, moving that one to a derived uuid; retries of each are duplicates', async () => {
      const store = await withKeys();
      await store.triggers.create({ id: 'tr1', event: 'page_view', where: [], url: 'http://x.test/hook', secret: 's', createdAt: 1 });
      const first = publicEvent({ properties: '{"from":"browser"}', tags: ['x'], triggers: ['tr1'] });
      const server = serverEvent({ uuid: first.uuid, anonymousId: 'srv', properties: '{"from":"server"}' });
      expect(await store.events.write({ events: [first], ...noBatch })).toEqual(['accepted']);
      expect(await store.events.write({ events: [server], ...noBatch })).toEqual(['accepted']);

      expect(await store.events.get(first.uuid)).toMatchObject({ source: 'api', properties: { from: 'server' }, anonymousId: 'srv', tags: [] });
      const moved = displacedUuid(first.uuid);
      expect(await store.events.get(moved)).toMatchObject({ source: 'sdk', properties: { from: 'browser' }, anonymousId: 'anon-1', tags: ['x'] });
      const due = await store.triggers.claimDue(first.receivedAt + 1, 10, 1000);
      expect(due.map((d) => d.eventUuid)).toEqual([moved]);

      expect(await store.events.write({ events: [first], ...noBatch })).toEqual(['duplicate']);
      expect(await store.events.write({ events: [server], ...noBatch })).toEqual(['duplicate']);
      expect((await store.events.page({ limit: 10 })).items).toHaveLength(2);
    });

    it('takes a uuid over within one transaction, and past an event squatting on the derived uuid', async () => {
      const store = await withKeys();
      const browser = publicEvent({ properties: '{"from":"browser"}' });
      const server = serverEvent({ uuid: browser.uuid, properties: '{"from":"server"}' });
      expect(await store.events.write({ events: [browser, server, server], ...noBatch })).toEqual(['accepted', 'accepted', 'duplicate']);
      expect(await store.events.get(browser.uuid)).toMatchObject({ properties: { from: 'server' } });
      expect(await store.events.get(displacedUuid(browser.uuid))).toMatchObject({ properties: { from: 'browser' } });

      const target = publicEvent({ properties: '{"from":"browser"}' });
      const squatter = publicEvent({ uuid: displacedUuid(target.uuid), properties: '{"from":"squatter"}' });
      await store.events.write({ events: [target, squatter], ...noBatch });
      const replayed = serverEvent({ uuid: target.uuid, source: 'replay', properties: '{"from":"server"}' });
      expect(await store.events.write({ events: [replayed], ...noBatch })).toEqual(['accepted']);
      expect(await store.events.get(target.uuid)).toMatchObject({ source: 'replay', properties: { from: 'server' } });
      expect(await store.events.get(squatter.uuid)).toMatchObject({ properties: { from: 'squatter' } });
      expect(await store.events.get(displacedUuid(squatter.uuid))).toMatchObject({ properties: { from: 'browser' } });
    });

    it('never lets a public-key event take a uuid over, nor a trusted one take a trusted one’s', async () => {
      const store = await withKeys();
      const server = serverEvent({ properties: '{"from":"server"}' });
      await store.events.write({ events: [server], ...noBatch });
      expect(await store.events.write({ events: [publicEvent({ uuid: server.uuid }), serverEvent({ uuid: server.uuid })], ...noBatch })).toEqual(['duplicate', 'duplicate']);
      // A public key's event replayed from quarantine is still a public key's: it takes nothing over, and can be taken over.
      const browser = publicEvent({ properties: '{"from":"browser"}' });
      await store.events.write({ events: [browser], ...noBatch });
      expect(await store.events.write({ events: [publicEvent({ uuid: browser.uuid, source: 'replay' })], ...noBatch })).toEqual(['duplicate']);
      expect(await store.events.get(server.uuid)).toMatchObject({ properties: { from: 'server' } });
      expect(await store.events.get(displacedUuid(server.uuid))).toBeUndefined();
    });

    it('lets one of two stores on one database take a uuid over when both receive the trusted event at once', async () => {
      const database = engine.database();
      const a = await database.open();
      await a.keys.create({ id: 'k-pub', name: 'site', scope: 'ingest', allowedOrigins: [], createdAt: 1, hash: 'h-pub' });
      const b = await database.open();
      for (let round = 0; round < 5; round++) {
        const browser = publicEvent({ properties: '{"from":"browser"}' });
        await a.events.write({ events: [browser], ...noBatch });
        const server = serverEvent({ uuid: browser.uuid, keyId: null, properties: '{"from":"server"}' });
        const answers = await Promise.all([a.events.write({ events: [server], ...noBatch }), b.events.write({ events: [server], ...noBatch })]);
        expect(answers.flat().sort()).toEqual(['accepted', 'duplicate']);
        expect(await b.events.get(browser.uuid)).toMatchObject({ properties: { from: 'server' } });
        expect(await b.events.get(displacedUuid(browser.uuid))).toMatchObject({ properties: { from: 'browser' } });
        expect(await b.events.get(displacedUuid(displacedUuid(browser.uuid)))).toBeUndefined();
      }
    });
  });
});
