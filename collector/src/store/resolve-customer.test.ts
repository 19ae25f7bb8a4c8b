import { describe, expect, it } from 'vitest';
import { collectorPerTest } from '../testing/collector-per-test';
import { makeEvent } from '../testing/test-collector';
import { resolveCustomer, type CustomerResolution, type OwnedIdentity } from './resolve-customer';

const strong = new Set(['external_id', 'mobile', 'wechat_unionid']);

/** `type:value#owner`, or `type:value` for an identity nobody holds. */
const identity = (spec: string): OwnedIdentity => {
  const [ref, owner] = spec.split('#') as [string, string | undefined];
  const [type, value] = ref.split(':') as [string, string];
  return { type, value, owner: owner ?? null };
};

type Expected = Omit<CustomerResolution, 'conflicts'> & Partial<Pick<CustomerResolution, 'conflicts'>>;

/** Trusted unless `trusted: false` (an event sent with a public ingest key); no conflicts unless listed. */
const cases: { name: string; identities: string[]; typesOf?: Record<string, string[]>; trusted?: boolean; expected: Expected }[] = [
  {
    name: 'an event whose identities nobody holds makes a new customer holding them all',
    identities: ['external_id:u-1', 'anonymous:d1'],
    expected: { customer: null, newIdentities: [{ type: 'external_id', value: 'u-1' }, { type: 'anonymous', value: 'd1' }], merges: [] },
  },
  {
    name: 'an identity listed twice is inserted once',
    identities: ['anonymous:d1', 'anonymous:d1'],
    expected: { customer: null, newIdentities: [{ type: 'anonymous', value: 'd1' }], merges: [] },
  },
  {
    name: 'an event with no identities goes to a new customer',
    identities: [],
    expected: { customer: null, newIdentities: [], merges: [] },
  },
  {
    name: 'a known customer keeps their events, and a new device joins them',
    identities: ['external_id:u-1#c1', 'anonymous:laptop'],
    typesOf: { c1: ['external_id', 'anonymous'] },
    expected: { customer: 'c1', newIdentities: [{ type: 'anonymous', value: 'laptop' }], merges: [] },
  },
  {
    name: 'an identify joins the anonymous history to the known customer',
    identities: ['external_id:u-1#c1', 'anonymous:laptop#c2'],
    typesOf: { c1: ['external_id', 'anonymous'], c2: ['anonymous'] },
    expected: { customer: 'c1', newIdentities: [], merges: [{ loser: 'c2', survivor: 'c1' }] },
  },
  {
    name: 'two anonymous customers sharing a weak identity merge into the higher-priority one',
    identities: ['email:ann@example.com#c2', 'anonymous:a#c1'],
    typesOf: { c1: ['anonymous'], c2: ['anonymous', 'email'] },
    expected: { customer: 'c2', newIdentities: [], merges: [{ loser: 'c1', survivor: 'c2' }] },
  },
  {
    name: 'two customers holding one strong type do not merge: the event goes by priority',
    identities: ['external_id:u-1#c1', 'mobile:138#c2', 'anonymous:d3'],
    typesOf: { c1: ['external_id', 'mobile', 'anonymous'], c2: ['mobile', 'anonymous'] },
    expected: {
      customer: 'c1',
      newIdentities: [{ type: 'anonymous', value: 'd3' }],
      merges: [],
      conflicts: [{ customer: 'c1', other: 'c2', identities: [{ type: 'mobile', value: '138' }], reason: 'strong_identity' }],
    },
  },
  {
    name: 'different strong types do not stop a merge',
    identities: ['external_id:u-1#c1', 'mobile:138#c2'],
    typesOf: { c1: ['external_id'], c2: ['mobile', 'anonymous'] },
    expected: { customer: 'c1', newIdentities: [], merges: [{ loser: 'c2', survivor: 'c1' }] },
  },
  {
    name: 'an unowned strong identity on the event counts for the survivor and rules the merge out',
    identities: ['anonymous:a#c1', 'mobile:139', 'anonymous:b#c2'],
    typesOf: { c1: ['anonymous'], c2: ['anonymous', 'mobile'] },
    expected: {
      customer: 'c1',
      newIdentities: [{ type: 'mobile', value: '139' }],
      merges: [],
      conflicts: [{ customer: 'c1', other: 'c2', identities: [{ type: 'anonymous', value: 'b' }], reason: 'strong_identity' }],
    },
  },
  {
    name: 'an owner named by several identities merges once',
    identities: ['external_id:u-1#c1', 'anonymous:a#c2', 'email:x#c2'],
    typesOf: { c1: ['external_id'], c2: ['anonymous', 'email'] },
    expected: { customer: 'c1', newIdentities: [], merges: [{ loser: 'c2', survivor: 'c1' }] },
  },
  {
    name: 'a merged loser’s strong types count for the next: the second mobile holder stays apart',
    identities: ['anonymous:a#c1', 'mobile:138#c2', 'mobile:139#c3'],
    typesOf: { c1: ['anonymous'], c2: ['mobile'], c3: ['mobile', 'anonymous'] },
    expected: {
      customer: 'c1',
      newIdentities: [],
      merges: [{ loser: 'c2', survivor: 'c1' }],
      conflicts: [{ customer: 'c1', other: 'c3', identities: [{ type: 'mobile', value: '139' }], reason: 'strong_identity' }],
    },
  },
  {
    name: 'several losers merge in priority order',
    identities: ['external_id:u-1#c1', 'anonymous:b#c3', 'anonymous:a#c2'],
    typesOf: { c1: ['external_id'], c2: ['anonymous'], c3: ['anonymous'] },
    expected: {
      customer: 'c1',
      newIdentities: [],
      merges: [
        { loser: 'c3', survivor: 'c1' },
        { loser: 'c2', survivor: 'c1' },
      ],
    },
  },
  {
    name: 'a lower-priority owner decides when the higher ones are unheld',
    identities: ['external_id:u-2', 'anonymous:a#c1'],
    typesOf: { c1: ['anonymous'] },
    expected: { customer: 'c1', newIdentities: [{ type: 'external_id', value: 'u-2' }], merges: [] },
  },
  {
    name: 'a server key naming two known customers merges them, as before',
    identities: ['external_id:victim-1#c1', 'email:victim2@corp.example#c2', 'anonymous:attacker#c3'],
    typesOf: { c1: ['external_id'], c2: ['email', 'anonymous'], c3: ['anonymous'] },
    expected: {
      customer: 'c1',
      newIdentities: [],
      merges: [
        { loser: 'c2', survivor: 'c1' },
        { loser: 'c3', survivor: 'c1' },
      ],
    },
  },
  {
    name: 'a public key naming two known customers merges neither: the event goes by priority, the device joins it, the conflict is reported',
    identities: ['external_id:victim-1#c1', 'email:victim2@corp.example#c2', 'anonymous:attacker#c3'],
    typesOf: { c1: ['external_id'], c2: ['email', 'anonymous'], c3: ['anonymous'] },
    trusted: false,
    expected: {
      customer: 'c1',
      newIdentities: [],
      merges: [{ loser: 'c3', survivor: 'c1' }],
      conflicts: [{ customer: 'c1', other: 'c2', identities: [{ type: 'email', value: 'victim2@corp.example' }], reason: 'public_key' }],
    },
  },
  {
    name: 'a public key’s identify still joins the anonymous history to the known customer',
    identities: ['external_id:u-1#c1', 'anonymous:laptop#c2'],
    typesOf: { c1: ['external_id', 'anonymous'], c2: ['anonymous'] },
    trusted: false,
    expected: { customer: 'c1', newIdentities: [], merges: [{ loser: 'c2', survivor: 'c1' }] },
  },
  {
    name: 'a public key may give a known device a new id: nobody else is named, nothing is refused',
    identities: ['external_id:u-2', 'anonymous:a#c1'],
    typesOf: { c1: ['anonymous'] },
    trusted: false,
    expected: { customer: 'c1', newIdentities: [{ type: 'external_id', value: 'u-2' }], merges: [] },
  },
  {
    name: 'a public key’s new identity makes the survivor known: a known anonymous-device owner is then left apart',
    identities: ['email:new@x#c1', 'mobile:139', 'anonymous:b#c2'],
    typesOf: { c1: ['email'], c2: ['anonymous', 'external_id'] },
    trusted: false,
    expected: {
      customer: 'c1',
      newIdentities: [{ type: 'mobile', value: '139' }],
      merges: [],
      conflicts: [{ customer: 'c1', other: 'c2', identities: [{ type: 'anonymous', value: 'b' }], reason: 'public_key' }],
    },
  },
  {
    name: 'a public key may merge two anonymous-only customers sharing a device',
    identities: ['anonymous:a#c1', 'anonymous:b#c2'],
    typesOf: { c1: ['anonymous'], c2: ['anonymous'] },
    trusted: false,
    expected: { customer: 'c1', newIdentities: [], merges: [{ loser: 'c2', survivor: 'c1' }] },
  },
  {
    name: 'a strong-type clash is reported as such whatever the key',
    identities: ['external_id:u-1#c1', 'mobile:138#c2'],
    typesOf: { c1: ['external_id', 'mobile'], c2: ['mobile'] },
    trusted: false,
    expected: {
      customer: 'c1',
      newIdentities: [],
      merges: [],
      conflicts: [{ customer: 'c1', other: 'c2', identities: [{ type: 'mobile', value: '138' }], reason: 'strong_identity' }],
    },
  },
];

describe('resolveCustomer', () => {
  it.each(cases)('$name', ({ identities, typesOf = {}, trusted = true, expected }) => {
    const resolution = resolveCustomer({ identities: identities.map(identity), typesOf: new Map(Object.entries(typesOf)), strongTypes: strong, trusted });
    expect(resolution).toEqual({ conflicts: [], ...expected });
  });
});

describe('what an ingest key may claim, through the API', () => {
  const collector = collectorPerTest();

  const send = async (key: string, event: Record<string, unknown>) => {
    const res = await collector.request('POST', '/v1/events', { key, body: { events: [event] } });
    expect(await res.json()).toMatchObject({ accepted: 1, duplicates: 0, rejected: [] });
  };
  const customerId = async (identity: string) => {
    const res = await collector.request('GET', `/v1/customers?identity=${encodeURIComponent(identity)}`, { key: collector.adminKey });
    return ((await res.json()) as { items: { id: string }[] }).items[0]?.id;
  };
  const timeline = async (id: string) => {
    const res = await collector.request('GET', `/v1/customers/${id}/events`, { key: collector.adminKey });
    return ((await res.json()) as { items: { uuid: string }[] }).items.map((e) => e.uuid);
  };
  const twoVictims = async () => {
    await send(collector.writeKey, makeEvent({ anonymousId: 'v1-phone', identities: { external_id: 'victim-1' } }));
    await send(collector.writeKey, makeEvent({ anonymousId: 'v2-phone', identities: { email: 'victim2@corp.example' } }));
    return [(await customerId('external_id:victim-1'))!, (await customerId('email:victim2@corp.example'))!] as const;
  };
  const naming = { anonymousId: 'attacker', identities: { external_id: 'victim-1', email: 'victim2@corp.example' } };

  it('does not merge two known customers an ingest-key event names: the event goes to the higher-priority one and the conflict is recorded', async () => {
    const [c1, c2] = await twoVictims();
    const attack = makeEvent(naming);
    await send(collector.writeKey, attack);

    expect(await customerId('external_id:victim-1')).toBe(c1);
    expect(await customerId('email:victim2@corp.example')).toBe(c2);
    expect((await collector.request('GET', `/v1/customers/${c2}`, { key: collector.adminKey })).status).toBe(200);
    expect(await timeline(c1)).toContain(attack.uuid);
    expect(await timeline(c2)).not.toContain(attack.uuid);
    expect(await collector.services.store.events.conflicts(attack.uuid as string)).toMatchObject([
      { customerId: c1, otherCustomerId: c2, identities: [{ type: 'email', value: 'victim2@corp.example' }], reason: 'public_key' },
    ]);
  });

  it('still merges them when a server key names both', async () => {
    const [c1] = await twoVictims();
    const created = await collector.request('POST', '/v1/keys', { key: collector.adminKey, body: { name: 'back end', scope: 'server' } });
    const serverKey = ((await created.json()) as { key: string }).key;
    const event = makeEvent(naming);
    await send(serverKey, event);
    expect(await customerId('email:victim2@corp.example')).toBe(c1);
    expect(await timeline(c1)).toHaveLength(3);
    expect(await collector.services.store.events.conflicts(event.uuid as string)).toEqual([]);
  });
});
