import type pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import type { RecordedRow } from './pg-recorded-row';

/**
 * The rows the accepted events' matched triggers write in the events' own transaction: a delivery for
 * a plain trigger, a timer (due at event time + within) for a follow-up. They commit with their events
 * or not at all: no trigger fires, now or later, for an event that was not stored.
 */
export async function writeOutbox(q: pg.PoolClient, rows: RecordedRow[]): Promise<void> {
  const matched = rows.flatMap((r) => (r.event.triggers ?? []).map((trigger) => ({ trigger, row: r })));
  if (matched.length === 0) return;
  // Whether a trigger is a follow-up is decided by the stored row, not the caller.
  const { rows: follow } = await q.query<{ id: string; within_ms: string | number }>(
    'select id, within_ms from triggers where id = any($1::text[]) and within_ms is not null',
    [[...new Set(matched.map((m) => m.trigger))]],
  );
  const within = new Map(follow.map((t) => [t.id, Number(t.within_ms)]));
  const deliveries = matched.filter((m) => !within.has(m.trigger));
  if (deliveries.length > 0) {
    await q.query(
      `insert into deliveries (id, trigger_id, event_uuid, status, attempts, next_attempt_at, created_at)
       select id, t, u, 'pending', 0, at, at from unnest($1::text[], $2::text[], $3::text[], $4::bigint[]) as d(id, t, u, at)`,
      [deliveries.map(() => uuidv7()), deliveries.map((d) => d.trigger), deliveries.map((d) => d.row.event.uuid), deliveries.map((d) => d.row.event.receivedAt)],
    );
  }
  const timers = matched.filter((m) => within.has(m.trigger));
  if (timers.length > 0) {
    const due = timers.map((t) => t.row.event.time + within.get(t.trigger)!);
    await q.query(
      `insert into timers (trigger_id, event_uuid, customer_id, event_time, due_at, next_check_at)
       select t, u, c, et, d, d from unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::bigint[]) as x(t, u, c, et, d) on conflict do nothing`,
      [timers.map((t) => t.trigger), timers.map((t) => t.row.event.uuid), timers.map((t) => t.row.customerId), timers.map((t) => t.row.event.time), due],
    );
  }
}
