import type BetterSqlite3 from 'better-sqlite3';
import type { RetentionStore } from '../retention-store';

/**
 * Retention on SQLite: the oldest events first, one small synchronous transaction per batch on the
 * writer's own connection. Synchronous on purpose: an awaited transaction on this connection would let
 * the writer's group commit run inside it, as a savepoint that commits nothing.
 */
export function sqliteRetention(db: BetterSqlite3.Database): RetentionStore {
  const oldest = db.prepare<[number, number], string>('select uuid from events where time < ? order by time limit ?').pluck();
  const perEvent = [
    'delete from delivery_attempts where delivery_id in (select id from deliveries where event_uuid = ?)',
    'delete from deliveries where event_uuid = ?',
    'delete from event_tags where event_uuid = ?',
    'delete from events where uuid = ?',
  ].map((statement) => db.prepare<[string]>(statement));
  const remove = db.transaction((before: number, limit: number) => {
    const uuids = oldest.all(before, limit);
    for (const uuid of uuids) for (const statement of perEvent) statement.run(uuid);
    return uuids.length;
  });
  return { removeEventsBefore: async (before, limit) => remove(before, limit) };
}
