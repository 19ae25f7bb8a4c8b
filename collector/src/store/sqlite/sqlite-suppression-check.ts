import type BetterSqlite3 from 'better-sqlite3';
import type { NewEvent } from '../event-store';
import { identityKey } from '../identity-key';

/**
 * Whether an event names a suppressed identity, read inside the writer's transaction: an erasure with
 * suppress runs on the same file under the write lock, so the answer cannot go stale before the event is
 * written. Answers are kept for the transaction only (an SDK batch names the same identities fifty
 * times); `clear` when it ends, since an erasure may suppress an identity before the next one.
 */
export class SqliteSuppressionCheck {
  private readonly read;
  private readonly known = new Map<string, boolean>();

  constructor(db: BetterSqlite3.Database) {
    this.read = db.prepare<[string, string], number>('select 1 from suppressions where type = ? and value = ?').pluck();
  }

  has(event: NewEvent): boolean {
    return event.identities.some((i) => {
      const key = identityKey(i);
      let suppressed = this.known.get(key);
      if (suppressed === undefined) this.known.set(key, (suppressed = this.read.get(i.type, i.value) !== undefined));
      return suppressed;
    });
  }

  clear(): void {
    this.known.clear();
  }
}
