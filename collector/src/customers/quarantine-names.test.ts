import { describe, expect, it } from 'vitest';
import { identityKey } from '../store/identity-key';
import { quarantineNames } from './quarantine-names';

const held = new Set([identityKey({ type: 'anonymous', value: 'dev-1' }), identityKey({ type: 'mobile', value: '13800000001' }), identityKey({ type: 'email', value: 'a@b.cn' })]);

describe('quarantineNames', () => {
  it('matches the anonymousId or an identity, normalised as at ingest', () => {
    expect(quarantineNames(JSON.stringify({ event: 'x', anonymousId: ' dev-1 ' }), held)).toBe(true);
    expect(quarantineNames(JSON.stringify({ event: 'x', identities: { mobile: '138-0000 0001' } }), held)).toBe(true);
    expect(quarantineNames(JSON.stringify({ event: 'x', identities: { email: 'A@B.CN' } }), held)).toBe(true);
  });

  it('matches nobody else, and nothing in an event that is not an object', () => {
    expect(quarantineNames(JSON.stringify({ event: 'x', anonymousId: 'dev-2', identities: { mobile: '13800000002' } }), held)).toBe(false);
    expect(quarantineNames(JSON.stringify({ event: 'x', properties: { anonymousId: 'dev-1' } }), held)).toBe(false);
    expect(quarantineNames('"dev-1"', held)).toBe(false);
    expect(quarantineNames('not json', held)).toBe(false);
  });
});
