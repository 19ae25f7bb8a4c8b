import { BlockList } from 'node:net';

/** Why an address is refused, as a delivery's creator is told. */
export type RefusalReason = 'cloud metadata' | 'loopback' | 'unspecified' | 'private' | 'unique-local' | 'link-local' | 'CGNAT' | 'multicast' | 'reserved';

type Range = readonly [string, number];

// Checked in this order, so 169.254.169.254 is named for what it is rather than as link-local.
const ranges: [RefusalReason, v4: Range[], v6: Range[]][] = [
  ['cloud metadata', [['169.254.169.254', 32], ['100.100.100.200', 32]], [['fd00:ec2::254', 128]]],
  ['loopback', [['127.0.0.0', 8]], [['::1', 128]]],
  ['unspecified', [['0.0.0.0', 8]], [['::', 128]]],
  ['private', [['10.0.0.0', 8], ['172.16.0.0', 12], ['192.168.0.0', 16]], [['fec0::', 10]]],
  ['unique-local', [], [['fc00::', 7]]],
  ['link-local', [['169.254.0.0', 16]], [['fe80::', 10]]],
  ['CGNAT', [['100.64.0.0', 10]], []],
  ['multicast', [['224.0.0.0', 4]], [['ff00::', 8]]],
  [
    'reserved',
    [['192.0.0.0', 24], ['192.0.2.0', 24], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24], ['240.0.0.0', 4]],
    [['100::', 64], ['2001:db8::', 32], ['64:ff9b:1::', 48]],
  ],
];

/** The IPv6 spellings that carry an IPv4 address in their low or middle bits. */
function embeddings([address, prefix]: Range): Range[] {
  const [a, b, c, d] = address.split('.').map(Number) as [number, number, number, number];
  const hi = ((a << 8) | b).toString(16);
  const lo = ((c << 8) | d).toString(16);
  // ::ffff:a.b.c.d (IPv4-mapped) is matched by BlockList itself; these it does not know.
  return [
    [`::${hi}:${lo}`, 96 + prefix], // IPv4-compatible (deprecated, still routed by some stacks)
    [`64:ff9b::${hi}:${lo}`, 96 + prefix], // NAT64
    [`2002:${hi}:${lo}::`, 16 + prefix], // 6to4
  ];
}

const lists = ranges.map(([reason, v4, v6]) => {
  const list = new BlockList();
  for (const range of v4) {
    list.addSubnet(range[0], range[1], 'ipv4');
    for (const [net, prefix] of embeddings(range)) list.addSubnet(net, prefix, 'ipv6');
  }
  for (const [net, prefix] of v6) list.addSubnet(net, prefix, 'ipv6');
  return [reason, list] as const;
});

/** Why a delivery may not connect to this IP address (v4 or v6, as net.isIP takes it); undefined when it may. */
export function refusedAddressReason(address: string, family: 'ipv4' | 'ipv6'): RefusalReason | undefined {
  return lists.find(([, list]) => list.check(address, family))?.[0];
}
