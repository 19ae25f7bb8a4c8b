import { sql, type Kysely } from 'kysely';
import type pg from 'pg';
import { QueryTimeoutError } from '../../errors/query-timeout-error';
import { exportQueries } from '../queries/export-queries';
import { storeQueries } from '../queries/store-queries';
import { isExportPage, type ReadCall } from '../read-methods';
import type { ReadStats } from '../read-stats';
import type { Database } from '../schema';
import type { EventQuery } from '../event-store';
import { pgJsonDialect } from './pg-json-dialect';

/** SQLSTATE query_canceled: what statement_timeout ends a statement with. */
const queryCanceled = '57014';

/**
 * The long reads on the read pool, whose connections carry statement_timeout = the query time limit.
 * An export page clears the limit for its own transaction (`set local`): each page is a bounded chunk
 * of a stream that may rightly run for hours, and it keeps to the read pool rather than a third one.
 */
export function pgReads(pool: pg.Pool, db: Kysely<Database>, timeoutMs: number): { read(call: ReadCall): Promise<unknown>; stats: ReadStats } {
  const queries = storeQueries(db, pgJsonDialect, { skipLocked: true });
  let timeouts = 0;
  const run = ({ sub, method, args }: ReadCall): Promise<unknown> => {
    if (isExportPage(sub, method)) {
      return db.transaction().execute(async (trx) => {
        await sql`set local statement_timeout = 0`.execute(trx);
        return exportQueries(trx).page(args[0] as EventQuery);
      });
    }
    return (queries[sub] as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[method]!(...args);
  };
  return {
    async read(call) {
      try {
        return await run(call);
      } catch (error) {
        if ((error as { code?: unknown } | null)?.code !== queryCanceled) throw error;
        timeouts++;
        throw new QueryTimeoutError(timeoutMs);
      }
    },
    stats: {
      get queued() {
        return pool.waitingCount;
      },
      get running() {
        return pool.totalCount - pool.idleCount;
      },
      get timeouts() {
        return timeouts;
      },
    },
  };
}
