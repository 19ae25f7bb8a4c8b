import type BetterSqlite3 from 'better-sqlite3';
import type { NewEvent } from '../event-store';

/**
 * Whether an event names a suppressed identity, read inside the writer's transaction: an erasure with
 * suppress runs on the same connection, so the answer cannot go stale before the event is written.
 */
export function sqliteSuppressionCheck(db: BetterSqlite3.Database): (event: NewEvent) => boolean {
  const suppressed = db.prepare<[string, string], number>('select 1 from suppressions where type = ? and value = ?').pluck();
  return (event) => event.identities.some((i) => suppressed.get(i.type, i.value) !== undefined);
}
