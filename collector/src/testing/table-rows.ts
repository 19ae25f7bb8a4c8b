import Sqlite from 'better-sqlite3';
import pg from 'pg';
import type { TestCollector } from './test-collector';

/**
 * Reads (or writes) a test collector's tables directly, bypassing the store, to check what an operation
 * left: `sql` uses `?` placeholders and SQL both engines read alike.
 */
export async function tableRows<T = Record<string, unknown>>(collector: TestCollector, sql: string, params: unknown[] = []): Promise<T[]> {
  if (collector.dbPath) {
    const db = new Sqlite(collector.dbPath);
    try {
      const statement = db.prepare(sql);
      return (statement.reader ? statement.all(...params) : (statement.run(...params), [])) as T[];
    } finally {
      db.close();
    }
  }
  const { databaseUrl, databaseSchema } = collector.services.config;
  const client = new pg.Client({ connectionString: databaseUrl, options: `-c search_path=${databaseSchema}` });
  await client.connect();
  try {
    let n = 0;
    return (await client.query(sql.replace(/\?/g, () => `$${++n}`), params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** How many rows `from … where …` counts. */
export async function countRows(collector: TestCollector, fromWhere: string, params: unknown[] = []): Promise<number> {
  const [row] = await tableRows<{ n: number | string }>(collector, `select count(*) as n from ${fromWhere}`, params);
  return Number(row!.n);
}
