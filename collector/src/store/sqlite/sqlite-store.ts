import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type Sqlite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { defaultStrongIdentityTypes } from '../../config';
import { StorageUnavailableError } from '../../errors/storage-unavailable-error';
import { storeQueries } from '../queries/store-queries';
import { storageFailure } from '../storage-unavailable';
import type { Database } from '../schema';
import type { Store } from '../store';
import { makeDatabaseFilesPrivate } from './private-database-files';
import { sqliteMigrations } from './migrations';
import { sqliteErasure } from './sqlite-erasure';
import { sqliteJsonDialect } from './sqlite-json-dialect';
import { openSqliteConnection, type SqliteSynchronous } from './open-sqlite-connection';
import { SqliteWriterClient } from './writer-client';

export interface SqliteStoreOptions {
  /** A file path: the writer thread opens the same file (no ':memory:'). */
  path: string;
  /** FULL (default) fsyncs every commit; NORMAL may lose the last commits on power loss. */
  synchronous?: SqliteSynchronous;
  /** Identity types whose different values mark two people, never merged (config EVENTLINE_STRONG_IDENTITY_TYPES). */
  strongIdentityTypes?: readonly string[];
}

/** Opens (creating if needed) the SQLite store and brings its schema up to date. */
export async function openSqliteStore({ path, synchronous = 'FULL', strongIdentityTypes = defaultStrongIdentityTypes }: SqliteStoreOptions): Promise<Store> {
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
  // Every ingest and retention write runs in the writer thread, on its own connection; it starts while
  // the migrations run and opens the file after them.
  const writer = SqliteWriterClient.start({ path, synchronous, strongIdentityTypes }, migrated);
  const [started] = await Promise.all([writer, migrated]).catch(async (error: unknown) => {
    await Promise.allSettled([writer, migrated]);
    await db.destroy();
    throw error;
  });

  const queries = storeQueries(db, sqliteJsonDialect, { skipLocked: false });
  return {
    ...queries,
    events: { ...queries.events, write: (batch) => started.group.write(batch), queue: started.group },
    retention: { removeEventsBefore: (before, limit) => started.removeEventsBefore(before, limit) },
    erasure: { ...queries.erasure, erase: sqliteErasure(sqlite) },
    async checkWritable() {
      // Not ready while ingest commits fail, for as long as their Retry-After asks clients to wait.
      if (Date.now() - started.group.lastUnavailableAt < StorageUnavailableError.retryAfterMs) throw new StorageUnavailableError();
      await started.probe();
    },
    async close() {
      await started.close();
      await db.destroy();
    },
  };
}
