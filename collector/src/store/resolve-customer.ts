import { canMerge } from './can-merge';
import type { IdentityRef } from './event-store';
import { identityKey } from './identity-key';

/** One identity of an event, with the customer who holds it now (null: nobody yet). */
export interface OwnedIdentity extends IdentityRef {
  owner: string | null;
}

export interface CustomerResolutionInput {
  /** The event's identities in priority order, each with its current owner. */
  identities: readonly OwnedIdentity[];
  /**
   * The identity types each owner holds now. Needed only when the identities have two owners or more:
   * with fewer there is nothing to merge.
   */
  typesOf: ReadonlyMap<string, readonly string[]>;
  strongTypes: ReadonlySet<string>;
  /** False for an event sent with a public (ingest) key: anyone can send one, so it may not merge two known customers. */
  trusted: boolean;
}

/** Why a customer named by the event was not merged into the one the event went to. */
export type ConflictReason = 'strong_identity' | 'public_key';

/** A merge the event asked for and did not get: its identities named two people, or a public key named two known customers. */
export interface IdentityConflict {
  /** The customer the event went to. */
  customer: string;
  /** The customer left apart. */
  other: string;
  /** The event's identities that name `other`. */
  identities: IdentityRef[];
  reason: ConflictReason;
}

export interface CustomerResolution {
  /** The customer the event goes to; null: a new one. */
  customer: string | null;
  /** Identities nobody holds yet: they join that customer. */
  newIdentities: IdentityRef[];
  /** In order: each loser's events, tags, identities and figures move to the survivor. */
  merges: { loser: string; survivor: string }[];
  conflicts: IdentityConflict[];
}

const known = (types: readonly string[]) => types.some((t) => t !== 'anonymous');

/**
 * Whose event this is. The owner of the highest-priority identity that has one decides, or a new
 * customer when none has. Identities nobody holds yet join that customer. The other owners merge into
 * it, in priority order, unless the two would then hold one strong identity type twice (two people):
 * the event's own new identities count for the survivor, so an unowned strong identity on the event also
 * rules a merge out, and each merged loser's types count for the merges after it.
 *
 * An untrusted event (public key) may join an anonymous-only customer (a device) to a known one, never
 * two customers that each hold a non-anonymous identity: whoever holds a browser's key could otherwise
 * name two people's ids in one event and fuse their histories for good.
 */
export function resolveCustomer({ identities, typesOf, strongTypes, trusted }: CustomerResolutionInput): CustomerResolution {
  const customer = identities.find((i) => i.owner !== null)?.owner ?? null;
  const newIdentities: IdentityRef[] = [];
  const seen = new Set<string>();
  for (const identity of identities) {
    if (identity.owner !== null || seen.has(identityKey(identity))) continue;
    seen.add(identityKey(identity));
    newIdentities.push({ type: identity.type, value: identity.value });
  }
  const merges: CustomerResolution['merges'] = [];
  const conflicts: IdentityConflict[] = [];
  if (customer === null) return { customer, newIdentities, merges, conflicts };

  const survivorTypes = [...(typesOf.get(customer) ?? []), ...newIdentities.map((i) => i.type)];
  const losers = new Set<string>();
  for (const { owner } of identities) if (owner !== null && owner !== customer) losers.add(owner);
  for (const loser of losers) {
    const loserTypes = typesOf.get(loser) ?? [];
    const reason: ConflictReason | null = !canMerge(loserTypes, survivorTypes, strongTypes)
      ? 'strong_identity'
      : !trusted && known(loserTypes) && known(survivorTypes)
        ? 'public_key'
        : null;
    if (reason !== null) {
      const named = identities.filter((i) => i.owner === loser).map((i) => ({ type: i.type, value: i.value }));
      conflicts.push({ customer, other: loser, identities: named, reason });
      continue;
    }
    merges.push({ loser, survivor: customer });
    survivorTypes.push(...loserTypes);
  }
  return { customer, newIdentities, merges, conflicts };
}

/** The distinct customers holding the identities, in priority order: whose types resolveCustomer may need. */
export function ownersOf(identities: readonly OwnedIdentity[]): string[] {
  return [...new Set(identities.flatMap((i) => (i.owner === null ? [] : [i.owner])))];
}
