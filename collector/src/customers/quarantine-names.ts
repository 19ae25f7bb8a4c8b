import { identityKey } from '../store/identity-key';
import { normalizeIdentity } from '../recorder/normalize-identity';

/**
 * Whether a quarantined event (its raw JSON, as received) names one of `identities` (identity keys):
 * its anonymousId or one of its identities, normalised as ingest would have. A raw that is not an
 * object names nobody.
 */
export function quarantineNames(raw: string, identities: ReadonlySet<string>): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return false;
  }
  if (parsed === null || typeof parsed !== 'object') return false;
  const { anonymousId, identities: named } = parsed as { anonymousId?: unknown; identities?: unknown };
  const has = (type: string, value: unknown) => {
    if (typeof value !== 'string') return false;
    const normalized = normalizeIdentity(type, value);
    return normalized !== null && identities.has(identityKey({ type, value: normalized }));
  };
  if (has('anonymous', anonymousId)) return true;
  if (named === null || typeof named !== 'object') return false;
  return Object.entries(named as Record<string, unknown>).some(([type, value]) => has(type, value));
}
