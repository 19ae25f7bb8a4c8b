import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Sqlite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { defaultStrongIdentityTypes } from '../../config';
import { StorageUnavailableError } from '../../errors/storage-unavailable-error';
import { storeQueries } from '../queries/store-queries';
import { isExportPage, routeReads } from '../read-methods';
import { storageFailure } from '../storage-unavailable';
import type { Database } from '../schema';
import type { Store } from '../store';
import { startWorker } from '../thread/start-worker';
import { SqliteEventWriter } from './event-writer';
import { makeDatabaseFilesPrivate } from './private-database-files';
import { ReadPool } from './read-pool';
import { sqliteMigrations } from './migrations';
import { sqliteErasure } from './sqlite-erasure';
import { sqliteJsonDialect } from './sqlite-json-dialect';
import { sqliteRetention } from './sqlite-retention';

export interface SqliteStoreOptions {
  /** A file path, or ':memory:' for throwaway tests. */
  path: string;
  /** FULL (default) fsyncs every commit; NORMAL may lose the last commits on power loss. */
  synchronous?: 'FULL' | 'NORMAL';
  /** Identity types whose different values mark two people, never merged (config EVENTLINE_STRONG_IDENTITY_TYPES). */
  strongIdentityTypes?: readonly string[];
  /** Reader threads, their queue and the time limit of a read (EVENTLINE_READ_THREADS, _READ_QUEUE, _QUERY_TIMEOUT_MS). */
  reads?: { threads: number; queue: number; timeoutMs: number };
}

const defaultReads = { threads: 2, queue: 64, timeoutMs: 10_000 };

/** Opens (creating if needed) the SQLite store and brings its schema up to date. */
export async function openSqliteStore({ path, synchronous = 'FULL', strongIdentityTypes = defaultStrongIdentityTypes, reads = defaultReads }: SqliteStoreOptions): Promise<Store> {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  let sqlite: Sqlite.Database;
  try {
    if (path !== ':memory:') makeDatabaseFilesPrivate(path);
    sqlite = new Sqlite(path);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma(`synchronous = ${synchronous}`);
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('cache_size = -65536');
    sqlite.pragma('temp_store = MEMORY');
  } catch (error) {
    throw storageFailure(error);
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  const migrator = new Migrator({ db, provider: { getMigrations: async () => sqliteMigrations } });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error;

  const writer = new SqliteEventWriter(sqlite, { strongIdentityTypes });
  const probe = sqlite.prepare("insert into meta (key, value) values ('write_probe', ?) on conflict (key) do update set value = excluded.value");

  // Long reads run on reader threads over the same file; an in-memory database (throwaway tests) has no file to share, so reads stay here.
  const pool =
    path === ':memory:'
      ? undefined
      : new ReadPool({ ...reads, start: () => startWorker(import.meta.url, './reader-thread.ts', 'reader-thread', { path: resolve(path) }) });
  const local = storeQueries(db, sqliteJsonDialect, { skipLocked: false });
  const queries = pool ? routeReads(local, (call) => pool.run(call, { chunk: isExportPage(call.sub, call.method) })) : local;
  return {
    ...queries,
    reads: pool ?? { queued: 0, running: 0, timeouts: 0 },
    events: { ...queries.events, write: (batch) => writer.group.write(batch), queue: writer.group },
    retention: sqliteRetention(sqlite),
    erasure: { ...queries.erasure, erase: sqliteErasure(sqlite) },
    async checkWritable() {
      // Not ready while ingest commits fail, for as long as their Retry-After asks clients to wait.
      if (Date.now() - writer.group.lastUnavailableAt < StorageUnavailableError.retryAfterMs) throw new StorageUnavailableError();
      try {
        probe.run(String(Date.now()));
      } catch (e) {
        throw storageFailure(e);
      }
    },
    async close() {
      await pool?.close();
      await db.destroy();
    },
  };
}
