import type { Kysely } from 'kysely';
import type { Database } from '../schema';
import type { IdentityRow } from './customer-record';

/** The identities of these customers, in the order a customer record lists them. Callers keep `customerIds` to one page or chunk. */
export async function identityRows(db: Kysely<Database>, customerIds: readonly string[]): Promise<IdentityRow[]> {
  if (customerIds.length === 0) return [];
  return db
    .selectFrom('identities')
    .select(['customer_id', 'type', 'value', 'created_at'])
    .where('customer_id', 'in', customerIds)
    .orderBy('created_at')
    .orderBy('type')
    .orderBy('value')
    .execute();
}
