import { existsSync } from 'node:fs';
import Sqlite from 'better-sqlite3';
import pg from 'pg';
import type { Config } from '../config';
import { openStore } from '../store/open-store';
import { UsageError, type CliCommand } from './cli-io';
import { loadCliConfig } from './load-cli-config';

const usage = `usage: eventline migrate

  Brings the store's schema up to date, as the collector does when it starts, and says which
  version it is at. Run it before starting new collectors when several share one PostgreSQL.
  Reads the same environment as the collector: EVENTLINE_DATABASE_URL and EVENTLINE_DATABASE_SCHEMA
  for PostgreSQL, else the SQLite file EVENTLINE_DB (default ./data/eventline.db).
`;

type StoreConfig = Pick<Config, 'databaseUrl' | 'databaseSchema' | 'dbPath'>;

/** The migrations the store has recorded as applied (Kysely's migration table), in order; none for a new database. */
async function appliedMigrations(config: StoreConfig): Promise<string[]> {
  if (config.databaseUrl) {
    const client = new pg.Client({ connectionString: config.databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ name: string }>(`select name from "${config.databaseSchema}".kysely_migration order by name`);
      return rows.map((r) => r.name);
    } catch (error) {
      if ((error as { code?: string }).code === '42P01') return []; // no such table (or schema): a new database
      throw error;
    } finally {
      await client.end();
    }
  }
  if (!existsSync(config.dbPath)) return [];
  const db = new Sqlite(config.dbPath, { readonly: true, fileMustExist: true });
  try {
    const table = db.prepare("select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'").get();
    if (!table) return [];
    return (db.prepare('select name from kysely_migration order by name').all() as { name: string }[]).map((r) => r.name);
  } finally {
    db.close();
  }
}

/** Where the store is, never with the database password. */
function describeStore(config: StoreConfig): string {
  if (!config.databaseUrl) return `SQLite ${config.dbPath}`;
  const url = new URL(config.databaseUrl);
  return `PostgreSQL ${url.host}${url.pathname}, schema ${config.databaseSchema}`;
}

/** `eventline migrate`: the store's schema migrations, run on their own. */
export const migrateCommand: CliCommand = {
  summary: "bring the store's schema up to date and say which version it is at",
  usage,
  async run(args, io) {
    if (args.length > 0) throw new UsageError(`unexpected arguments: ${args.join(' ')}`);
    const config = loadCliConfig(io);
    if (!config) return 1;
    const where = describeStore(config);
    try {
      const before = await appliedMigrations(config);
      const store = await openStore(config);
      await store.close();
      const after = await appliedMigrations(config);
      const version = after.at(-1) ?? 'none';
      const ran = after.filter((name) => !before.includes(name));
      io.stdout(
        ran.length === 0
          ? `${where}: schema up to date at ${version}\n`
          : `${where}: applied ${ran.join(', ')}; schema now at ${version}\n`,
      );
      return 0;
    } catch (error) {
      io.stderr(`eventline: cannot migrate ${where}: ${(error as Error).message}\n`);
      return 1;
    }
  },
};
