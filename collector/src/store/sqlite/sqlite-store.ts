import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type Sqlite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { defaultReadThreads, defaultStrongIdentityTypes } from '../../config';
import { StorageUnavailableError } from '../../errors/storage-unavailable-error';
import { storeQueries } from '../queries/store-queries';
import { isExportPage, routeReads } from '../read-methods';
import { storageFailure } from '../storage-unavailable';
import type { Database } from '../schema';
import type { Store } from '../store';
import { startWorker } from '../thread/start-worker';
import { makeDatabaseFilesPrivate } from './private-database-files';
import { ReadPool } from './read-pool';
import { sqliteMigrations } from './migrations';
import { sqliteErasure } from './sqlite-erasure';
import { sqliteJsonDialect } from './sqlite-json-dialect';
import { openSqliteConnection, type SqliteSynchronous } from './open-sqlite-connection';
import { SqliteWriterClient } from './writer-client';

export interface SqliteStoreOptions {
  /** A file path: the writer and reader threads open the same file (no ':memory:'). */
  path: string;
  /** FULL (default) fsyncs every commit; NORMAL may lose the last commits on power loss. */
  synchronous?: SqliteSynchronous;
  /** Identity types whose different values mark two people, never merged (config EVENTLINE_STRONG_IDENTITY_TYPES). */
  strongIdentityTypes?: readonly string[];
  /** Reader threads, their queue and the time limit of a read (EVENTLINE_READ_THREADS, _READ_QUEUE, _QUERY_TIMEOUT_MS). */
  reads?: { threads: number; queue: number; timeoutMs: number };
}

const defaultReads = { threads: defaultReadThreads, queue: 64, timeoutMs: 10_000 };

/**
 * Opens (creating if needed) the SQLite store and brings its schema up to date. Three kinds of
 * connection share the file: ingest and retention writes in the writer thread, long reads in the
 * reader threads, and everything else (definitions, keys, short reads, erasure) on this thread.
 */
export async function openSqliteStore({ path, synchronous = 'FULL', strongIdentityTypes = defaultStrongIdentityTypes, reads = defaultReads }: SqliteStoreOptions): Promise<Store> {
  mkdirSync(dirname(path), { recursive: true });
  let sqlite: Sqlite.Database;
  try {
    makeDatabaseFilesPrivate(path);
    sqlite = openSqliteConnection(path, synchronous);
  } catch (error) {
    throw storageFailure(error);
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  const migrator = new Migrator({ db, provider: { getMigrations: async () => sqliteMigrations } });
  const migrated = migrator.migrateToLatest().then(({ error }) => {
    if (error) throw error;
  });
  // The writer thread starts while the migrations run and opens the file after them.
  const writer = SqliteWriterClient.start({ path, synchronous, strongIdentityTypes }, migrated);
  const [started] = await Promise.all([writer, migrated]).catch(async (error: unknown) => {
    await Promise.allSettled([writer, migrated]);
    await db.destroy();
    throw error;
  });

  const pool = new ReadPool({ ...reads, start: () => startWorker(import.meta.url, './reader-thread.ts', 'sqlite-reader', { path: resolve(path) }) });
  const queries = routeReads(storeQueries(db, sqliteJsonDialect, { skipLocked: false }), (call) => pool.run(call, { chunk: isExportPage(call.sub, call.method) }));
  return {
    ...queries,
    reads: pool,
    events: { ...queries.events, write: (batch) => started.group.write(batch), queue: started.group },
    retention: { removeEventsBefore: (before, limit) => started.removeEventsBefore(before, limit) },
    erasure: { ...queries.erasure, erase: sqliteErasure(sqlite) },
    async checkWritable() {
      // Not ready while ingest commits fail, for as long as their Retry-After asks clients to wait.
      if (Date.now() - started.group.lastUnavailableAt < StorageUnavailableError.retryAfterMs) throw new StorageUnavailableError();
      await started.probe();
    },
    async close() {
      await pool.close();
      await started.close();
      await db.destroy();
    },
  };
}
