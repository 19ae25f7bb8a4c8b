import { Kysely, Migrator, PostgresDialect } from 'kysely';
import pg from 'pg';
import { defaultStrongIdentityTypes } from '../../config';
import { StorageUnavailableError } from '../../errors/storage-unavailable-error';
import { storeQueries } from '../queries/store-queries';
import { routeReads } from '../read-methods';
import type { Database } from '../schema';
import type { Store } from '../store';
import { postgresMigrations } from './migrations';
import { pgErasure } from './pg-erasure';
import { PgEventWriter } from './pg-event-writer';
import { pgJsonDialect } from './pg-json-dialect';
import { pgReads } from './pg-reads';
import { pgFailure } from './pg-unavailable';
import { pgRetention } from './pg-retention';
import { SchemaDialect } from './schema-dialect';

export interface PostgresStoreOptions {
  /** postgres://user:password@host:port/database */
  url: string;
  /** Schema to keep every table in (created when missing); default: public. Tests use one each. */
  schema?: string;
  /** Identity types whose different values mark two people, never merged (config EVENTLINE_STRONG_IDENTITY_TYPES). */
  strongIdentityTypes?: readonly string[];
  /**
   * Connections: `write` for ingest and every other write (default 10), `read` for the long reads
   * (read-methods.ts; default 5), so reads queue among themselves and never take ingest's.
   */
  pools?: { write: number; read: number };
  /** statement_timeout of the read pool (EVENTLINE_QUERY_TIMEOUT_MS); 0: none. */
  queryTimeoutMs?: number;
}

const jsonOids = new Set([114, 3802]);

/**
 * Rows as the shared queries expect them on SQLite: int8 (counts, epoch-ms times) and numeric (sums)
 * as JS numbers, JSON as its text. Per pool, so no other pg user in the process is changed.
 */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20 || oid === 1700) return Number;
    if (jsonOids.has(oid)) return (value: string) => value;
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

/** Opens the PostgreSQL store and brings its schema up to date. */
export async function openPostgresStore({
  url,
  schema = 'public',
  strongIdentityTypes = defaultStrongIdentityTypes,
  pools = { write: 10, read: 5 },
  queryTimeoutMs = 10_000,
}: PostgresStoreOptions): Promise<Store> {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`database schema must be a lower-case SQL identifier, not ${JSON.stringify(schema)}`);
  // Every connection starts in the schema (the queries name tables unqualified), and is named after it in pg_stat_activity.
  const connect = (max: number, extra: pg.PoolConfig = {}) => {
    const p = new pg.Pool({ connectionString: url, max, types, options: `-c search_path=${schema}`, application_name: `eventline:${schema}`, ...extra });
    // An idle connection the server closed (restart, failover): the pool replaces it; without a listener it would end the process.
    p.on('error', () => {});
    return p;
  };
  const pool = connect(pools.write);
  const readPool = connect(pools.read, { statement_timeout: queryTimeoutMs });
  const db = new Kysely<Database>({ dialect: new SchemaDialect({ pool }, schema) });
  const readDb = new Kysely<Database>({ dialect: new PostgresDialect({ pool: readPool }) });
  try {
    await pool.query(`create schema if not exists ${schema}`).catch((error: { code?: string }) => {
      // Another collector created it at the same moment.
      if (error.code !== '23505' && error.code !== '42P06') throw error;
    });
    const migrator = new Migrator({ db, migrationTableSchema: schema, provider: { getMigrations: async () => postgresMigrations } });
    const { error } = await migrator.migrateToLatest();
    if (error) throw error;
  } catch (error) {
    await Promise.all([db.destroy(), readDb.destroy()]);
    throw pgFailure(error);
  }

  const writer = new PgEventWriter(pool, schema, { strongIdentityTypes });

  const reads = pgReads(readPool, readDb, queryTimeoutMs);
  const queries = routeReads(storeQueries(db, pgJsonDialect, { skipLocked: true }), reads.read);
  return {
    ...queries,
    reads: reads.stats,
    events: { ...queries.events, write: (batch) => writer.group.write(batch), queue: writer.group },
    retention: pgRetention(db),
    erasure: { ...queries.erasure, erase: pgErasure(pool) },
    async checkWritable() {
      // Not ready while ingest commits fail, for as long as their Retry-After asks clients to wait.
      if (Date.now() - writer.group.lastUnavailableAt < StorageUnavailableError.retryAfterMs) throw new StorageUnavailableError();
      try {
        await pool.query("insert into meta (key, value) values ('write_probe', $1) on conflict (key) do update set value = excluded.value", [String(Date.now())]);
      } catch (error) {
        throw pgFailure(error);
      }
    },
    async close() {
      await Promise.all([db.destroy(), readDb.destroy()]);
    },
  };
}
