import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { RefusedTargetError, type TriggerTargetPolicy } from './trigger-target-policy';

type Resolve = (hostname: string, options: LookupAllOptions, callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => void;

/**
 * The `lookup` a delivery's socket resolves its host with: the addresses are judged here, and the
 * socket connects to exactly those. Checking first and letting the socket resolve again would let a
 * name answer a public address to the check and 127.0.0.1 to the connect (DNS rebinding).
 */
export function safeLookup(policy: TriggerTargetPolicy, resolve: Resolve = dnsLookup): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      // One refused address refuses the name: which of them the socket would try is not ours to pick.
      for (const { address } of addresses) {
        const reason = policy.refusal(address);
        if (reason !== undefined) return callback(new RefusedTargetError(hostname, reason), '', 0);
      }
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      const first = addresses[0];
      if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '', 0);
      callback(null, first.address, first.family);
    });
  };
}
