import { sql, type Kysely } from 'kysely';
import type { RetentionStore } from '../retention-store';
import type { Database } from '../schema';

/**
 * Retention on PostgreSQL: a month partition wholly before the cutoff goes at once (its tags, ids and
 * deliveries first, then DROP TABLE, in one transaction), which neither bloats the table nor scans it;
 * the month the cutoff falls in goes in batches, as on SQLite.
 */
export function pgRetention(db: Kysely<Database>): RetentionStore {
  // The month the cutoff falls in: the oldest events first, a batch per transaction.
  const removeBatch = (before: number, limit: number) =>
    db.transaction().execute(async (trx) => {
      const rows = await trx.selectFrom('events').select('uuid').where('time', '<', before).orderBy('time').limit(limit).execute();
      const uuids = rows.map((r) => r.uuid);
      if (uuids.length === 0) return 0;
      await trx.deleteFrom('delivery_attempts').where('delivery_id', 'in', trx.selectFrom('deliveries').select('id').where('event_uuid', 'in', uuids)).execute();
      await trx.deleteFrom('deliveries').where('event_uuid', 'in', uuids).execute();
      await trx.deleteFrom('event_tags').where('event_uuid', 'in', uuids).execute();
      await sql`delete from event_ids where uuid = any(${uuids}::text[])`.execute(trx);
      await trx.deleteFrom('events').where('uuid', 'in', uuids).execute();
      return uuids.length;
    });
  return {
    async removeEventsBefore(before, limit) {
      const { rows } = await sql<{ name: string; upper: string }>`
        select c.relname as name, substring(pg_get_expr(c.relpartbound, c.oid) from 'TO \\(''?(\\d+)''?\\)') as upper
        from pg_inherits i join pg_class c on c.oid = i.inhrelid join pg_class p on p.oid = i.inhparent
        where p.relname = 'events' and p.relnamespace = current_schema()::regnamespace`.execute(db);
      const expired = rows.filter((r) => r.upper !== null && Number(r.upper) <= before).map((r) => r.name);
      let removed = 0;
      for (const name of expired) {
        removed += await db.transaction().execute(async (trx) => {
          const table = sql.table(name);
          const { rows: count } = await sql<{ n: string }>`select count(*) as n from ${table}`.execute(trx);
          const deliveries = sql`select id from deliveries where event_uuid in (select uuid from ${table})`;
          await sql`delete from delivery_attempts where delivery_id in (${deliveries})`.execute(trx);
          await sql`delete from deliveries where event_uuid in (select uuid from ${table})`.execute(trx);
          await sql`delete from event_tags where event_uuid in (select uuid from ${table})`.execute(trx);
          await sql`delete from event_ids where uuid in (select uuid from ${table})`.execute(trx);
          await sql`drop table ${table}`.execute(trx);
          return Number(count[0]!.n);
        });
      }
      return removed > 0 ? removed : removeBatch(before, limit);
    },
  };
}
