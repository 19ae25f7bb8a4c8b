import type BetterSqlite3 from 'better-sqlite3';
import type { ErasureOutcome, ErasureRequest } from '../erasure-store';
import { erasurePlan } from '../queries/erasure-plan';

/**
 * Runs an erasure in one synchronous transaction in the writer thread, on the writer's connection: an
 * ingest group commit runs wholly before or wholly after, never in between.
 */
export function sqliteErasure(db: BetterSqlite3.Database): (request: ErasureRequest) => ErasureOutcome | undefined {
  const erase = db.transaction((request: ErasureRequest) => {
    const plan = erasurePlan(request, 'sqlite');
    let step = plan.next();
    while (!step.done) {
      const { sql, params, rows } = step.value;
      const statement = db.prepare(sql);
      step = plan.next(rows ? statement.all(...params) : statement.run(...params).changes);
    }
    return step.value;
  });
  // Immediate: the plan reads before it writes, and the request thread's connection may write in between.
  return (request) => erase.immediate(request);
}
