import type { Selectable } from 'kysely';
import type { CustomerRecord } from '../customer-store';
import type { Database } from '../schema';

export type CustomerRow = Selectable<Database['customers']>;
export type IdentityRow = Pick<Selectable<Database['identities']>, 'customer_id' | 'type' | 'value' | 'created_at'>;

/** A customers row as the store answers it, with its identities (rows of any customers: its own are picked). */
export function customerRecord(row: CustomerRow, identities: readonly IdentityRow[]): CustomerRecord {
  return {
    id: row.id,
    createdAt: row.created_at,
    firstSeen: row.first_seen,
    lastSeen: row.last_seen,
    activeness: row.activeness,
    eventCount: row.event_count,
    stage: row.stage,
    mergedInto: row.merged_into,
    identities: identities.filter((i) => i.customer_id === row.id).map((i) => ({ type: i.type, value: i.value, createdAt: i.created_at })),
  };
}
