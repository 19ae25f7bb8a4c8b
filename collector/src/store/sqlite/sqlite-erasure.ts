import type BetterSqlite3 from 'better-sqlite3';
import type { ErasureOutcome, ErasureRequest } from '../erasure-store';
import { erasurePlan } from '../queries/erasure-plan';
import { storageFailure } from '../storage-unavailable';

/**
 * Runs an erasure in one synchronous transaction on the request thread's connection. It stays off the
 * writer thread because the request carries a function (which quarantined events name the customer)
 * that cannot cross to it. Immediate, so it holds the write lock from its first read: a writer-thread
 * group commit runs wholly before or wholly after it, and its suppressions are seen by the next one.
 */
export function sqliteErasure(db: BetterSqlite3.Database): (request: ErasureRequest) => Promise<ErasureOutcome | undefined> {
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
  return async (request) => {
    try {
      return erase.immediate(request);
    } catch (error) {
      throw storageFailure(error);
    }
  };
}
