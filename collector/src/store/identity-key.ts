import type { IdentityRef } from './event-store';

/** One string per (type, value): NUL cannot occur in either, so no two identities share a key. */
export const identityKey = (i: IdentityRef) => `${i.type}\u0000${i.value}`;
