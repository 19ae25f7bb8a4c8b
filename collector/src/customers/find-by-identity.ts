import { HttpError } from '../errors/http-error';
import type { CustomerRecord, CustomerStore } from '../store/store';
import { normalizeIdentity } from '../recorder/normalize-identity';

/** Reads `type:value` as ingest would store it (trimmed, email lower-cased, mobile digits only); undefined when it is not that shape. */
export function parseIdentity(text: string): { type: string; value: string } | undefined {
  const at = text.indexOf(':');
  if (at <= 0) return undefined;
  const type = text.slice(0, at);
  const value = normalizeIdentity(type, text.slice(at + 1));
  return value === null ? undefined : { type, value };
}

/** The customer holding `identity` (type:value); 400 when it is missing or malformed, 404 naming it when nobody holds it. */
export async function findByIdentity(customers: Pick<CustomerStore, 'findByIdentity'>, identity: string | undefined): Promise<CustomerRecord> {
  if (identity === undefined || identity === '') throw new HttpError(400, 'invalid_request', 'identity: give type:value, e.g. email:ann@example.com');
  const parsed = parseIdentity(identity);
  if (!parsed) throw new HttpError(400, 'invalid_request', `identity: "${identity}" is not type:value`);
  const found = await customers.findByIdentity(parsed.type, parsed.value);
  if (!found) throw new HttpError(404, 'not_found', `no customer has the identity ${parsed.type}:${parsed.value}`);
  return found;
}
