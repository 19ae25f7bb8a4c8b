import Sqlite from 'better-sqlite3';

/** FULL fsyncs every commit; NORMAL may lose the last commits on power loss. */
export type SqliteSynchronous = 'FULL' | 'NORMAL';

/**
 * Opens a connection to the store's file with the store's pragmas. The request thread and the writer
 * thread each open one, and each reader thread a `readonly` one: WAL lets them read while the writer
 * commits (a reader neither sets the journal mode nor writes, so it leaves both alone).
 */
export function openSqliteConnection(path: string, mode: SqliteSynchronous | 'readonly'): Sqlite.Database {
  const readonly = mode === 'readonly';
  const sqlite = new Sqlite(path, readonly ? { readonly, fileMustExist: true } : {});
  try {
    if (!readonly) {
      sqlite.pragma('journal_mode = WAL');
      sqlite.pragma(`synchronous = ${mode}`);
    }
    // Two connections now take the write lock in turn: the request thread's writes (definitions, keys…)
    // and the writer thread's group commits wait for each other rather than fail.
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('cache_size = -65536');
    sqlite.pragma('temp_store = MEMORY');
  } catch (error) {
    sqlite.close();
    throw error;
  }
  return sqlite;
}
