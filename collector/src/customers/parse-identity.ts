import { HttpError } from '../errors/http-error';
import type { IdentityRef } from '../store/store';
import { normalizeIdentity } from '../recorder/normalize-identity';

/** `type:value` as a query or body names an identity, normalised as ingest normalises it; a 400 naming `field` otherwise. */
export function parseIdentity(text: string, identityTypes: readonly string[], field = 'identity'): IdentityRef {
  const at = text.indexOf(':');
  const type = text.slice(0, at);
  if (at < 0 || !identityTypes.includes(type)) {
    throw new HttpError(400, 'invalid_request', `${field}: write type:value with a type of ${identityTypes.join(', ')}`);
  }
  const value = normalizeIdentity(type, text.slice(at + 1));
  if (value === null) throw new HttpError(400, 'invalid_request', `${field}: the value is empty`);
  return { type, value };
}
