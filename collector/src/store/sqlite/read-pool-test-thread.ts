import { parentPort, workerData } from 'node:worker_threads';
import Sqlite from 'better-sqlite3';
import { answerReads } from './reader-thread-answers';

/**
 * A reader thread for read-pool.test.ts, on a file of its own: `analysis.count(n)` counts to n in a
 * recursive CTE, a statement genuinely as slow as asked, stuck in SQLite where no JavaScript runs;
 * `analysis.value()` reads what the test last wrote; `analysis.broken()` fails in the driver.
 */
const sqlite = new Sqlite((workerData as { path: string }).path, { readonly: true, fileMustExist: true });
const count = sqlite.prepare<[number], number>('with recursive n(i) as (select 1 union all select i + 1 from n where i < ?) select count(*) from n').pluck();
const value = sqlite.prepare<[], number>('select max(v) from t').pluck();
answerReads(parentPort!, {
  analysis: {
    count: async (n: number) => count.get(n),
    value: async () => value.get(),
    broken: async () => sqlite.prepare('select * from missing').all(),
  },
});
