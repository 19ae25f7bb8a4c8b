import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Sqlite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { defaultStrongIdentityTypes } from '../../config';
import { StorageUnavailableError } from '../../errors/storage-unavailable-error';
import { storeQueries } from '../queries/store-queries';
import { storageFailure } from '../storage-unavailable';
import type { Database } from '../schema';
import type { Store } from '../store';
import { SqliteEventWriter } from './event-writer';
import { makeDatabaseFilesPrivate } from './private-database-files';
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
}

/** Opens (creating if needed) the SQLite store and brings its schema up to date. */
export async function openSqliteStore({ path, synchronous = 'FULL', strongIdentityTypes = defaultStrongIdentityTypes }: SqliteStoreOptions): Promise<Store> {
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

  const queries = storeQueries(db, sqliteJsonDialect, { skipLocked: false });
  return {
    ...queries,
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
      await db.destroy();
    },
  };
}
