import type BetterSqlite3 from 'better-sqlite3';
import type { NewEvent } from '../event-store';

interface Totals {
  score: number;
  count: number;
  first: number;
  last: number;
  stageRank: number;
  stage: string | null;
}

/**
 * Each customer's running figures (activeness, event count, first and last seen, forward-only stage),
 * added up over a group and written with one update per customer. An SDK batch is one customer's: one
 * update per event rewrote the same row, and its activeness index entry, fifty times a batch.
 */
export class CustomerTotals {
  private readonly pending = new Map<string, Totals>();
  private readonly update;

  constructor(db: BetterSqlite3.Database) {
    this.update = db.prepare(
      `update customers set activeness = activeness + ?, event_count = event_count + ?,
         first_seen = min(first_seen, ?), last_seen = max(last_seen, ?),
         stage = case when ? > stage_rank then ? else stage end, stage_rank = max(stage_rank, ?)
       where id = ?`,
    );
  }

  add(customerId: string, e: NewEvent): void {
    const t = this.pending.get(customerId);
    if (!t) {
      this.pending.set(customerId, { score: e.score, count: 1, first: e.time, last: e.time, stageRank: e.stageRank, stage: e.stage });
      return;
    }
    t.score += e.score;
    t.count++;
    t.first = Math.min(t.first, e.time);
    t.last = Math.max(t.last, e.time);
    // As one update per event would: the stage moves only on a strictly higher rank, so the first event
    // that reached the highest rank names it.
    if (e.stageRank > t.stageRank) {
      t.stageRank = e.stageRank;
      t.stage = e.stage;
    }
  }

  /** Writes what was added; within the group's transaction, before it commits or a merge reads the rows. */
  flush(): void {
    for (const [id, t] of this.pending) this.update.run(t.score, t.count, t.first, t.last, t.stageRank, t.stage, t.stageRank, id);
    this.pending.clear();
  }

  /** Forgets what was added: the transaction it belonged to rolled back. */
  clear(): void {
    this.pending.clear();
  }
}
