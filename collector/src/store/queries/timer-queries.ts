import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema';
import type { TriggerStore } from '../trigger-store';
import { chunks } from './chunks';
import { toUnless } from './trigger-unless-row';

/** Timers per statement: three parameters each stays far below either engine's limit on parameters. */
const chunkSize = 500;

/** The follow-up timers of the trigger store; `skipLocked` as for deliveries: several collectors claim from one PostgreSQL. */
export function timerQueries(db: Kysely<Database>, { skipLocked }: { skipLocked: boolean }): Pick<TriggerStore, 'claimDueTimers' | 'settleTimer' | 'settleTimers' | 'timerStats'> {
  const settleTimers: TriggerStore['settleTimers'] = async (settlements, now) => {
    for (const chunk of chunks(settlements, chunkSize)) {
      if (skipLocked) {
        // PostgreSQL: one statement, so a delivery is written if and only if this call removed its timer.
        const values = sql.join(chunk.map((s) => sql`(${s.triggerId}, ${s.eventUuid}, ${s.deliveryId ?? null})`));
        await sql`with s (trigger_id, event_uuid, delivery_id) as (values ${values}),
          gone as (delete from timers t using s where t.trigger_id = s.trigger_id and t.event_uuid = s.event_uuid returning t.trigger_id, t.event_uuid)
          insert into deliveries (id, trigger_id, event_uuid, status, attempts, next_attempt_at, created_at)
          select s.delivery_id, gone.trigger_id, gone.event_uuid, 'pending', 0, ${now}, ${now}
          from gone join s on s.trigger_id = gone.trigger_id and s.event_uuid = gone.event_uuid
          where s.delivery_id is not null on conflict (id) do nothing`.execute(db);
        continue;
      }
      // On SQLite every request of the thread shares the connection, so no transaction spans two awaits: the
      // delivery ids derive from the timers, so if the process stops between the two statements, the
      // timers' second turn writes nothing new and only removes them.
      const deliveries = chunk.flatMap((s) =>
        s.deliveryId === undefined ? [] : [{ id: s.deliveryId, trigger_id: s.triggerId, event_uuid: s.eventUuid, status: 'pending', attempts: 0, next_attempt_at: now, created_at: now }],
      );
      if (deliveries.length > 0) await db.insertInto('deliveries').values(deliveries).onConflict((oc) => oc.column('id').doNothing()).execute();
      await db
        .deleteFrom('timers')
        .where((eb) =>
          eb(
            eb.refTuple('trigger_id', 'event_uuid'),
            'in',
            chunk.map((s) => eb.tuple(s.triggerId, s.eventUuid)),
          ),
        )
        .execute();
    }
  };

  return {
    settleTimers,

    async claimDueTimers(now, limit, leaseMs) {
      let due = db
        .selectFrom('timers')
        .select(['trigger_id', 'event_uuid'])
        .where('next_check_at', '<=', now)
        .orderBy('next_check_at')
        .limit(limit);
      if (skipLocked) due = due.forUpdate().skipLocked();
      const claimed = await db
        .updateTable('timers')
        .set({ next_check_at: now + leaseMs })
        .where((eb) => eb(eb.refTuple('trigger_id', 'event_uuid'), 'in', due.$asTuple('trigger_id', 'event_uuid')))
        .returning(['trigger_id', 'event_uuid', 'customer_id', 'event_time', 'due_at'])
        .execute();
      if (claimed.length === 0) return [];
      const triggers = await db
        .selectFrom('triggers')
        .select(['id', 'unless_event', 'unless_where', 'within_ms', 'segment_id', 'deleted_at'])
        .where('id', 'in', [...new Set(claimed.map((c) => c.trigger_id))])
        .execute();
      return claimed.map((c) => {
        const t = triggers.find((x) => x.id === c.trigger_id);
        return {
          triggerId: c.trigger_id,
          eventUuid: c.event_uuid,
          customerId: c.customer_id,
          eventTime: Number(c.event_time),
          dueAt: Number(c.due_at),
          trigger: t !== undefined && t.deleted_at === null ? { unless: toUnless(t), segment: t.segment_id } : null,
        };
      });
    },

    async settleTimer({ triggerId, eventUuid }, now, deliveryId) {
      await settleTimers([{ triggerId, eventUuid, deliveryId }], now);
    },

    async timerStats(now) {
      const row = await db
        .selectFrom('timers')
        .select((eb) => [
          eb.fn.countAll<number | string>().as('waiting'),
          eb.fn.sum<number | string | null>(eb.case().when('due_at', '<=', now).then(1).else(0).end()).as('due'),
          eb.fn.min(eb.case().when('due_at', '<=', now).then(eb.ref('due_at')).end()).as('oldest'),
        ])
        .executeTakeFirstOrThrow();
      return { waiting: Number(row.waiting), due: Number(row.due ?? 0), oldestDueAt: row.oldest === null ? null : Number(row.oldest) };
    },
  };
}
