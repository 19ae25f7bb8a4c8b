import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface TestDatabase {
  store: 'sqlite' | 'postgres';
  /** The configuration naming it: EVENTLINE_DB, or EVENTLINE_DATABASE_URL and EVENTLINE_DATABASE_SCHEMA. */
  env: Record<string, string>;
  /** The SQLite file; undefined on PostgreSQL. */
  dbPath: string | undefined;
  /** Removes it (the PostgreSQL schema, with everything in it); the SQLite file is left in the temp dir. */
  drop(): Promise<void>;
}

const ensurePostgresHint = 'export EVENTLINE_TEST_DATABASE_URL=$(bash scripts/ensure-postgres.sh | tail -1)';

/**
 * A database of its own for one test: a fresh SQLite file, or, when EVENTLINE_TEST_STORE=postgres
 * (the vitest "postgres" project), a fresh schema in the database of EVENTLINE_TEST_DATABASE_URL, so
 * test files running side by side never see each other's rows.
 */
export function createTestDatabase(store: TestDatabase['store'] = process.env.EVENTLINE_TEST_STORE === 'postgres' ? 'postgres' : 'sqlite'): TestDatabase {
  if (store === 'sqlite') {
    const dbPath = join(mkdtempSync(join(tmpdir(), 'eventline-')), 'eventline.db');
    return { store: 'sqlite', env: { EVENTLINE_DB: dbPath }, dbPath, drop: async () => {} };
  }
  const url = process.env.EVENTLINE_TEST_DATABASE_URL;
  if (!url) throw new Error(`the PostgreSQL tests need EVENTLINE_TEST_DATABASE_URL: ${ensurePostgresHint}`);
  const schema = `t_${randomBytes(6).toString('hex')}`;
  return {
    store: 'postgres',
    env: { EVENTLINE_DATABASE_URL: url, EVENTLINE_DATABASE_SCHEMA: schema },
    dbPath: undefined,
    async drop() {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`drop schema if exists "${schema}" cascade`);
      } finally {
        await client.end();
      }
    },
  };
}
