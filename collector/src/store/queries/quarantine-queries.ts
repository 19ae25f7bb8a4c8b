import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../schema';
import type { Scope } from '../key-store';
import type { QuarantineRecord, QuarantineStore } from '../quarantine-store';

const toRecord = (row: Selectable<Database['quarantine']>): QuarantineRecord => ({
  id: row.id,
  uuid: row.uuid,
  event: row.event,
  code: row.code,
  message: row.message,
  path: row.path,
  raw: row.raw,
  receivedAt: row.received_at,
  sentAt: row.sent_at,
  keyId: row.key_id,
  scope: row.scope as Scope,
  attempts: row.attempts,
  status: row.status as QuarantineRecord['status'],
});

export function quarantineQueries(db: Kysely<Database>): QuarantineStore {
  return {
    async list({ status, limit, cursor }) {
      let q = db.selectFrom('quarantine').selectAll().orderBy('id', 'desc').limit(limit + 1);
      if (status) q = q.where('status', '=', status);
      if (cursor != null) q = q.where('id', '<', cursor);
      const rows = await q.execute();
      const items = rows.slice(0, limit).map(toRecord);
      return { items, nextCursor: rows.length > limit ? String(items[items.length - 1]!.id) : null };
    },
    async countPending() {
      const row = await db.selectFrom('quarantine').select((eb) => eb.fn.countAll<number | string>().as('n')).where('status', '=', 'pending').executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async pending(limit, afterId) {
      const rows = await db
        .selectFrom('quarantine')
        .selectAll()
        .where('status', '=', 'pending')
        .where('id', '>', afterId)
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map(toRecord);
    },
  };
}
