import { describe, expect, it } from 'vitest';
import { safeLookup } from './safe-lookup';
import { parseAllowedTarget, RefusedTargetError, TriggerTargetPolicy } from './trigger-target-policy';

const none = new TriggerTargetPolicy([]);
const hostOf = (url: string) => new URL(url).hostname;

describe('TriggerTargetPolicy', () => {
  it.each([
    ['http://127.0.0.1/', 'loopback'],
    ['http://127.9.9.9:8080/', 'loopback'],
    ['http://[::1]/', 'loopback'],
    ['http://0x7f000001/', 'loopback'],
    ['http://2130706433/', 'loopback'],
    ['http://0177.0.0.1/', 'loopback'],
    ['http://127.1/', 'loopback'],
    ['http://[::ffff:127.0.0.1]/', 'loopback'],
    ['http://[0:0:0:0:0:ffff:7f00:1]/', 'loopback'],
    ['http://[::127.0.0.1]/', 'loopback'],
    ['http://[64:ff9b::127.0.0.1]/', 'loopback'],
    ['http://[2002:7f00:1::]/', 'loopback'],
    ['http://localhost:9/', 'loopback'],
    ['http://api.localhost./', 'loopback'],
    ['http://169.254.169.254/latest/meta-data/', 'cloud metadata'],
    ['http://[::ffff:169.254.169.254]/', 'cloud metadata'],
    ['http://[fd00:ec2::254]/', 'cloud metadata'],
    ['http://100.100.100.200/', 'cloud metadata'],
    ['http://169.254.1.1/', 'link-local'],
    ['http://[fe80::1]/', 'link-local'],
    ['http://10.0.0.1/', 'private'],
    ['http://172.31.255.255/', 'private'],
    ['http://192.168.1.1/', 'private'],
    ['http://0x0a000001/', 'private'],
    ['http://[fd12:3456::1]/', 'unique-local'],
    ['http://[fc00::1]/', 'unique-local'],
    ['http://100.64.0.1/', 'CGNAT'],
    ['http://0.0.0.0/', 'unspecified'],
    ['http://0/', 'unspecified'],
    ['http://[::]/', 'unspecified'],
    ['http://224.0.0.1/', 'multicast'],
    ['http://255.255.255.255/', 'reserved'],
  ])('refuses %s as %s', (url, reason) => {
    expect(none.refusalOfHost(hostOf(url))).toBe(reason);
  });

  it.each(['http://93.184.216.34/', 'http://[2606:4700::1111]/', 'http://[::ffff:8.8.8.8]/', 'http://hooks.example.com/', 'http://172.32.0.1/', 'http://100.128.0.1/'])('lets %s through', (url) => {
    expect(none.refusalOfHost(hostOf(url))).toBeUndefined();
  });

  it('lets through what EVENTLINE_TRIGGER_ALLOWED_HOSTS names: addresses, CIDRs (in any spelling) and host names', () => {
    const policy = new TriggerTargetPolicy(['127.0.0.1', '10.1.0.0/16', 'fd00::/8', 'Hooks.Internal']);
    expect(policy.refusalOfHost(hostOf('http://127.0.0.1/'))).toBeUndefined();
    expect(policy.refusalOfHost(hostOf('http://[::ffff:127.0.0.1]/'))).toBeUndefined();
    expect(policy.refusalOfHost(hostOf('http://127.0.0.2/'))).toBe('loopback');
    expect(policy.refusal('10.1.200.3')).toBeUndefined();
    expect(policy.refusal('10.2.0.1')).toBe('private');
    expect(policy.refusal('fd00::5')).toBeUndefined();
    expect(policy.allowsName('hooks.internal.')).toBe(true);
    expect(policy.allowsName('other.internal')).toBe(false);
  });

  it('reads allow-list entries, and refuses what is none of a name, an address or a CIDR', () => {
    expect(parseAllowedTarget('10.0.0.0/8')).toEqual({ kind: 'net', address: '10.0.0.0', prefix: 8, family: 'ipv4' });
    expect(parseAllowedTarget('[::1]')).toEqual({ kind: 'net', address: '::1', prefix: 128, family: 'ipv6' });
    expect(parseAllowedTarget('hooks.internal')).toEqual({ kind: 'name', name: 'hooks.internal' });
    for (const bad of ['10.0.0.0/33', '10.0.0.0/x', 'a b', 'http://x/', '1.2.3.4/8/8', '*.internal']) expect(parseAllowedTarget(bad), bad).toBeUndefined();
  });
});

describe('safeLookup', () => {
  const lookupWith = (addresses: string[]) =>
    new Promise<{ error: Error | null; address: unknown }>((resolve) => {
      const lookup = safeLookup(none, (_host, _options, callback) => callback(null, addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }))));
      lookup('hooks.example.com', { all: false }, (error, address) => resolve({ error, address }));
    });

  it('hands the socket the address it judged', async () => {
    expect(await lookupWith(['93.184.216.34'])).toEqual({ error: null, address: '93.184.216.34' });
  });

  it('refuses a name with any address inside, however the answer mixes them', async () => {
    for (const answer of [['127.0.0.1'], ['93.184.216.34', '10.0.0.1'], ['::ffff:169.254.169.254']]) {
      const { error } = await lookupWith(answer);
      expect(error).toBeInstanceOf(RefusedTargetError);
    }
  });
});
