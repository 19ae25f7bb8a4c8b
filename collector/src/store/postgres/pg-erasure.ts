import type pg from 'pg';
import type { ErasureOutcome, ErasureRequest } from '../erasure-store';
import { erasurePlan } from '../queries/erasure-plan';
import { pgFailure } from './pg-unavailable';

const numbered = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

/** Runs an erasure in one transaction on one pooled connection. */
export function pgErasure(pool: pg.Pool) {
  return async (request: ErasureRequest): Promise<ErasureOutcome | undefined> => {
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      throw pgFailure(error);
    }
    let broken = false;
    try {
      await client.query('begin');
      const plan = erasurePlan(request, 'postgres');
      let step = plan.next();
      while (!step.done) {
        const { sql, params, rows } = step.value;
        const result = await client.query(numbered(sql), params);
        step = plan.next(rows ? result.rows : (result.rowCount ?? 0));
      }
      await client.query('commit');
      return step.value;
    } catch (error) {
      await client.query('rollback').catch(() => (broken = true));
      throw pgFailure(error);
    } finally {
      client.release(broken);
    }
  };
}
