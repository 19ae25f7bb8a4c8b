import type BetterSqlite3 from 'better-sqlite3';

/**
 * Retention on SQLite, in the writer thread: the oldest events first, one small transaction per call on
 * the writer's connection, so it takes turns with the group commits instead of waiting on their lock.
 */
export function sqliteRetention(db: BetterSqlite3.Database): (before: number, limit: number) => number {
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
  return (before, limit) => remove.immediate(before, limit);
}
