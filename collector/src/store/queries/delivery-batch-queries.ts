import { sql, type Kysely } from 'kysely';
import type { CustomerRecord } from '../customer-store';
import type { StoredEvent } from '../event-store';
import type { Database } from '../schema';
import type { TriggerStore } from '../trigger-store';
import { chunks } from './chunks';
import { customerRecord, type CustomerRow } from './customer-record';
import { toStoredEvent } from './event-queries';
import { eventTags } from './event-tags';
import { groupBy } from './group-by';
import { identityRows } from './identity-rows';

// A merge chain is repointed on every merge (merged_into always names a live survivor), so one hop
// suffices; a few more only guard against a merge committed between two reads.
const maxHops = 4;
/** Rows per statement: five parameters each stays far below either engine's limit on parameters. */
const chunkSize = 500;

/**
 * What the delivery worker reads and writes for a whole batch at once: a batch of N deliveries costs a
 * few statements rather than a few per delivery (on SQLite, each write outside a transaction is a commit
 * of its own, with its fsync). `inTransaction`: PostgreSQL records a batch in one transaction; on SQLite
 * every request of the thread shares one connection, so it writes with single statements ordered to be
 * safe on their own (see recordAttempts).
 */
export function deliveryBatchQueries(db: Kysely<Database>, { inTransaction }: { inTransaction: boolean }): Pick<TriggerStore, 'deliveryEvents' | 'deliveryCustomers' | 'recordAttempts'> {
  return {
    async deliveryEvents(uuids) {
      const found = new Map<string, StoredEvent>();
      for (const chunk of chunks([...new Set(uuids)], chunkSize)) {
        const rows = await db.selectFrom('events').selectAll().where('uuid', 'in', chunk).execute();
        const tags = await eventTags(db, rows.map((r) => r.uuid));
        for (const row of rows) found.set(row.uuid, toStoredEvent(row, tags.get(row.uuid) ?? []));
      }
      return found;
    },

    async deliveryCustomers(ids) {
      const rows = new Map<string, CustomerRow>();
      let wanted = [...new Set(ids)];
      for (let hop = 0; wanted.length > 0 && hop <= maxHops; hop++) {
        for (const chunk of chunks(wanted, chunkSize)) for (const row of await db.selectFrom('customers').selectAll().where('id', 'in', chunk).execute()) rows.set(row.id, row);
        wanted = [...new Set([...rows.values()].flatMap((r) => (r.merged_into !== null && !rows.has(r.merged_into) ? [r.merged_into] : [])))];
      }
      const liveOf = new Map<string, CustomerRow>();
      for (const id of new Set(ids)) {
        let row = rows.get(id);
        for (let hop = 0; row?.merged_into != null && hop < maxHops; hop++) row = rows.get(row.merged_into);
        if (row !== undefined && row.merged_into === null) liveOf.set(id, row);
      }
      const live = [...new Set([...liveOf.values()].map((r) => r.id))];
      const identities = [];
      for (const chunk of chunks(live, chunkSize)) identities.push(...(await identityRows(db, chunk)));
      const byCustomer = groupBy(identities, (i) => i.customer_id, (i) => i);
      const found = new Map<string, CustomerRecord>();
      for (const [id, row] of liveOf) {
        // What the delivery says of a customer is the live one's: merged_into is null on every row here.
        found.set(id, customerRecord(row, byCustomer.get(row.id) ?? []));
      }
      return found;
    },

    async recordAttempts(records) {
      const write = async (q: Kysely<Database>) => {
        for (const chunk of chunks(records, chunkSize)) {
          // The deliveries first, in one statement: were the process to stop before the log lines, each
          // delivery's state stays right and only its log lines are lost. Only a delivery still pending is
          // moved on (its trigger deleted meanwhile cancels it).
          const values = sql.join(
            chunk.map(
              ({ deliveryId, attempt, next }) =>
                sql`(${deliveryId}, ${next.status}, cast(${next.status === 'pending' ? next.at : null} as bigint), cast(${attempt.at} as bigint), ${next.status === 'delivered' ? null : (attempt.error ?? `HTTP ${attempt.status}`)})`,
            ),
          );
          // VALUES columns are column1… on both engines: id, status, next attempt, attempt time, error.
          const moved = await sql<{ id: string; attempts: number }>`update deliveries set
              attempts = deliveries.attempts + 1,
              status = v.column2,
              next_attempt_at = coalesce(v.column3, deliveries.next_attempt_at),
              delivered_at = case when v.column2 = 'delivered' then v.column4 else deliveries.delivered_at end,
              last_error = v.column5
            from (values ${values}) as v
            where deliveries.id = v.column1 and deliveries.status = 'pending'
            returning id, attempts`.execute(q);
          if (moved.rows.length === 0) continue;
          const byId = new Map(chunk.map((r) => [r.deliveryId, r.attempt]));
          await q
            .insertInto('delivery_attempts')
            .values(
              moved.rows.map((m) => {
                const a = byId.get(m.id)!;
                return { delivery_id: m.id, attempt: Number(m.attempts), at: a.at, duration_ms: a.durationMs, status: a.status, error: a.error };
              }),
            )
            .execute();
        }
      };
      if (records.length === 0) return;
      if (inTransaction) await db.transaction().execute(write);
      else await write(db);
    },
  };
}
