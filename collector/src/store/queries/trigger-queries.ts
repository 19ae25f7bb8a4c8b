import type { Kysely, Selectable } from 'kysely';
import type { PropertyCondition } from '../query-model/property-condition';
import type { Database } from '../schema';
import type { DeliveryStatus, TriggerRecord, TriggerStore } from '../trigger-store';
import { deliveryBatchQueries } from './delivery-batch-queries';
import { timerQueries } from './timer-queries';
import { toUnless } from './trigger-unless-row';

const toTrigger = (r: Selectable<Database['triggers']>): TriggerRecord => ({
  id: r.id,
  event: r.event,
  where: JSON.parse(r.where) as PropertyCondition[],
  url: r.url,
  secret: r.secret,
  createdAt: Number(r.created_at),
  unless: toUnless(r),
  segment: r.segment_id,
});

// Every write is one statement: on SQLite every request of this thread shares the connection (see definition-queries).
/** `skipLocked`: several collectors claim from one PostgreSQL; each skips the rows another is claiming (SQLite has one writer). */
export function triggerQueries(db: Kysely<Database>, { skipLocked = false } = {}): TriggerStore {
  // skipLocked is PostgreSQL's: there a batch may span a transaction, on a pooled connection of its own.
  const batches = deliveryBatchQueries(db, { inTransaction: skipLocked });
  return {
    ...timerQueries(db, { skipLocked }),
    ...batches,

    async create(t) {
      await db
        .insertInto('triggers')
        .values({
          id: t.id,
          event: t.event,
          where: JSON.stringify(t.where),
          url: t.url,
          secret: t.secret,
          created_at: t.createdAt,
          deleted_at: null,
          unless_event: t.unless?.event ?? null,
          unless_where: t.unless ? JSON.stringify(t.unless.where) : null,
          // A plain trigger limited to a segment waits 0 ms: its timer is due at once and checks membership.
          within_ms: t.unless?.withinMs ?? (t.segment != null ? 0 : null),
          segment_id: t.segment ?? null,
        })
        .execute();
    },

    async list() {
      const rows = await db.selectFrom('triggers').selectAll().where('deleted_at', 'is', null).orderBy('created_at').orderBy('id').execute();
      return rows.map(toTrigger);
    },

    async get(id) {
      const row = await db.selectFrom('triggers').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
      return row && toTrigger(row);
    },

    async delete(id, at) {
      const result = await db.updateTable('triggers').set({ deleted_at: at }).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
      if (result.numUpdatedRows === 0n) return false;
      await db.updateTable('deliveries').set({ status: 'cancelled' }).where('trigger_id', '=', id).where('status', '=', 'pending').execute();
      await db.deleteFrom('timers').where('trigger_id', '=', id).execute();
      return true;
    },

    async deliveries(triggerId, { limit, cursor }) {
      let q = db.selectFrom('deliveries').selectAll().where('trigger_id', '=', triggerId).orderBy('id', 'desc').limit(limit + 1);
      if (cursor) q = q.where('id', '<', cursor);
      const rows = await q.execute();
      const page = rows.slice(0, limit);
      const attempts =
        page.length === 0
          ? []
          : await db
              .selectFrom('delivery_attempts')
              .selectAll()
              .where(
                'delivery_id',
                'in',
                page.map((r) => r.id),
              )
              .orderBy('attempt')
              .execute();
      return {
        items: page.map((r) => ({
          id: r.id,
          triggerId: r.trigger_id,
          eventUuid: r.event_uuid,
          status: r.status as DeliveryStatus,
          attempts: r.attempts,
          nextAttemptAt: r.status === 'pending' ? r.next_attempt_at : null,
          createdAt: r.created_at,
          deliveredAt: r.delivered_at,
          lastError: r.last_error,
          attemptLog: attempts
            .filter((a) => a.delivery_id === r.id)
            .map((a) => ({ attempt: a.attempt, at: a.at, durationMs: a.duration_ms, status: a.status, error: a.error })),
        })),
        nextCursor: rows.length > limit ? page[page.length - 1]!.id : null,
      };
    },

    async outboxStats(now) {
      const due = await db
        .selectFrom('deliveries')
        .select((eb) => [eb.fn.countAll<number | string>().as('n'), eb.fn.min('next_attempt_at').as('oldest')])
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', now)
        .executeTakeFirstOrThrow();
      return { due: Number(due.n), oldestDueAt: due.oldest === null ? null : Number(due.oldest) };
    },

    async claimDue(now, limit, leaseMs) {
      let due = db
        .selectFrom('deliveries')
        .select('id')
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', now)
        .orderBy('next_attempt_at')
        .limit(limit);
      if (skipLocked) due = due.forUpdate().skipLocked();
      const claimed = await db
        .updateTable('deliveries')
        .set({ next_attempt_at: now + leaseMs })
        .where('id', 'in', due)
        .returning(['id', 'event_uuid', 'attempts', 'created_at', 'trigger_id'])
        .execute();
      if (claimed.length === 0) return [];
      const triggers = await db
        .selectFrom('triggers')
        .select(['id', 'url', 'secret'])
        .where(
          'id',
          'in',
          claimed.map((c) => c.trigger_id),
        )
        .execute();
      return claimed.flatMap((c) => {
        const t = triggers.find((x) => x.id === c.trigger_id);
        return t ? [{ id: c.id, eventUuid: c.event_uuid, attempts: c.attempts, createdAt: c.created_at, triggerId: c.trigger_id, url: t.url, secret: t.secret }] : [];
      });
    },

    async recordAttempt(deliveryId, attempt, next) {
      await batches.recordAttempts([{ deliveryId, attempt, next }]);
    },
  };
}
