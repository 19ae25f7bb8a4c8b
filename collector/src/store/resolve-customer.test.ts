import { describe, expect, it } from 'vitest';
import { resolveCustomer, type CustomerResolution, type OwnedIdentity } from './resolve-customer';

const strong = new Set(['external_id', 'mobile', 'wechat_unionid']);

/** `type:value#owner`, or `type:value` for an identity nobody holds. */
const identity = (spec: string): OwnedIdentity => {
  const [ref, owner] = spec.split('#') as [string, string | undefined];
  const [type, value] = ref.split(':') as [string, string];
  return { type, value, owner: owner ?? null };
};

const cases: { name: string; identities: string[]; typesOf?: Record<string, string[]>; expected: CustomerResolution }[] = [
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
    expected: { customer: 'c1', newIdentities: [{ type: 'anonymous', value: 'd3' }], merges: [] },
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
    expected: { customer: 'c1', newIdentities: [{ type: 'mobile', value: '139' }], merges: [] },
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
    expected: { customer: 'c1', newIdentities: [], merges: [{ loser: 'c2', survivor: 'c1' }] },
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
];

describe('resolveCustomer', () => {
  it.each(cases)('$name', ({ identities, typesOf = {}, expected }) => {
    const resolution = resolveCustomer({ identities: identities.map(identity), typesOf: new Map(Object.entries(typesOf)), strongTypes: strong });
    expect(resolution).toEqual(expected);
  });
});
