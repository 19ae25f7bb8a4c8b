import type BetterSqlite3 from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import type { NewEvent } from '../event-store';

/**
 * The rows an event's matched triggers write in the event's own transaction: a delivery for a plain
 * trigger, a timer (due at event time + within) for a follow-up. The row commits with its event or not
 * at all: no trigger fires, now or later, for an event that was not stored.
 */
export class SqliteOutbox {
  private readonly statements;

  constructor(db: BetterSqlite3.Database) {
    this.statements = {
      // A primary-key read: whether a trigger is a follow-up is decided by the stored row, not the caller.
      withinOf: db.prepare<[string], number | null>('select within_ms from triggers where id = ?').pluck(),
      insertDelivery: db.prepare(
        "insert into deliveries (id, trigger_id, event_uuid, status, attempts, next_attempt_at, created_at) values (?, ?, ?, 'pending', 0, ?, ?)",
      ),
      insertTimer: db.prepare(
        'insert into timers (trigger_id, event_uuid, customer_id, event_time, due_at, next_check_at) values (?, ?, ?, ?, ?, ?) on conflict do nothing',
      ),
    };
  }

  write(e: NewEvent, customerId: string): void {
    const s = this.statements;
    for (const trigger of e.triggers ?? []) {
      const within = s.withinOf.get(trigger);
      if (within == null) s.insertDelivery.run(uuidv7(), trigger, e.uuid, e.receivedAt, e.receivedAt);
      else s.insertTimer.run(trigger, e.uuid, customerId, e.time, e.time + within, e.time + within);
    }
  }
}
