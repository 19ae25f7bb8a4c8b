import type BetterSqlite3 from 'better-sqlite3';
import type { ErasureOutcome, ErasureRequest } from '../erasure-store';
import { erasurePlan } from '../queries/erasure-plan';
import { storageFailure } from '../storage-unavailable';

/**
 * Runs an erasure in one synchronous transaction on the writer's own connection: an ingest group
 * commit on it runs wholly before or wholly after, never in between.
 */
export function sqliteErasure(db: BetterSqlite3.Database) {
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
  return async (request: ErasureRequest): Promise<ErasureOutcome | undefined> => {
    try {
      return erase(request);
    } catch (error) {
      throw storageFailure(error);
    }
  };
}
