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
  const { error } = await migrator.migrateToLatest();
  if (error) throw error;

  // Every ingest and retention write runs in the writer thread, on its own connection.
  const writer = await SqliteWriterClient.start({ path, synchronous, strongIdentityTypes }).catch(async (e: unknown) => {
    await db.destroy();
    throw e;
  });

  const queries = storeQueries(db, sqliteJsonDialect, { skipLocked: false });
  return {
    ...queries,
    events: { ...queries.events, write: (batch) => writer.group.write(batch), queue: writer.group },
    retention: { removeEventsBefore: (before, limit) => writer.removeEventsBefore(before, limit) },
    erasure: { ...queries.erasure, erase: sqliteErasure(sqlite) },
    async checkWritable() {
      // Not ready while ingest commits fail, for as long as their Retry-After asks clients to wait.
      if (Date.now() - writer.group.lastUnavailableAt < StorageUnavailableError.retryAfterMs) throw new StorageUnavailableError();
      await writer.probe();
    },
    async close() {
      await writer.close();
      await db.destroy();
    },
  };
}
