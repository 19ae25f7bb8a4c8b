import { BlockList, isIP } from 'node:net';
import { refusedAddressReason, type RefusalReason } from './refused-address-ranges';

/** Thrown (or handed to a socket) when a delivery would reach an address the collector refuses. */
export class RefusedTargetError extends Error {
  override readonly name = 'RefusedTargetError';
  constructor(
    readonly host: string,
    readonly reason: RefusalReason,
  ) {
    super(`${host} is a ${reason} address`);
  }
}

const family = (address: string) => (isIP(address) === 6 ? 'ipv6' : 'ipv4');
const bare = (hostname: string) => hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();

/**
 * Where trigger deliveries may go: anywhere public, and of the loopback, private, link-local,
 * metadata… addresses only what EVENTLINE_TRIGGER_ALLOWED_HOSTS names (host names, addresses, CIDRs).
 */
export class TriggerTargetPolicy {
  private readonly allowedNets = new BlockList();
  private readonly allowedNames = new Set<string>();

  /** `allowed` as config.ts has checked it (see parseAllowedTarget). */
  constructor(allowed: readonly string[]) {
    for (const entry of allowed) {
      const target = parseAllowedTarget(entry);
      if (target === undefined) throw new TypeError(`"${entry}" is not a host name, an IP address or a CIDR`);
      if (target.kind === 'name') this.allowedNames.add(target.name);
      else this.allowedNets.addSubnet(target.address, target.prefix, target.family);
    }
  }

  /** True for a host name the operator allowed as such: its addresses are then not checked. */
  allowsName(hostname: string): boolean {
    return this.allowedNames.has(bare(hostname));
  }

  /** Why a connection to this address is refused; undefined when it may go ahead. */
  refusal(address: string): RefusalReason | undefined {
    const reason = refusedAddressReason(address, family(address));
    return reason !== undefined && !this.allowedNets.check(address, family(address)) ? reason : undefined;
  }

  /**
   * What can be judged from a URL's host alone (as `new URL` spells it: hex, decimal and octal IPv4
   * already made dotted): an IP literal, or a localhost name. Other names are judged once resolved.
   */
  refusalOfHost(hostname: string): RefusalReason | undefined {
    const host = bare(hostname);
    if (this.allowedNames.has(host)) return undefined;
    if (isIP(host)) return this.refusal(host);
    // Resolvers answer loopback for these without asking DNS (RFC 6761).
    return host === 'localhost' || host.endsWith('.localhost') ? this.refusal('127.0.0.1') : undefined;
  }
}

export type AllowedTarget = { kind: 'name'; name: string } | { kind: 'net'; address: string; prefix: number; family: 'ipv4' | 'ipv6' };

/** One EVENTLINE_TRIGGER_ALLOWED_HOSTS entry: `hooks.internal`, `10.0.0.5`, `10.1.0.0/16`, `fd00::/8`; undefined when it is none of these. */
export function parseAllowedTarget(entry: string): AllowedTarget | undefined {
  const [address = '', prefixText, extra] = bare(entry).split('/');
  if (extra !== undefined) return undefined;
  const version = isIP(address);
  if (version === 0) return prefixText === undefined && /^[a-z0-9_-]+(\.[a-z0-9_-]+)*$/.test(address) ? { kind: 'name', name: address } : undefined;
  const max = version === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? max : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (!(prefix >= 0 && prefix <= max)) return undefined;
  return { kind: 'net', address, prefix, family: version === 4 ? 'ipv4' : 'ipv6' };
}
