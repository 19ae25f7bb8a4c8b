import { parentPort, workerData } from 'node:worker_threads';
import Sqlite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { storeQueries } from '../queries/store-queries';
import type { Database } from '../schema';
import { answerReads } from './reader-thread-answers';
import { sqliteJsonDialect } from './sqlite-json-dialect';

/**
 * One reader of the SQLite store (read-pool.ts): its own read-only connection, which WAL lets read
 * beside the writer, answering the same Kysely queries the store runs on its main connection.
 */
const { path } = workerData as { path: string };
const sqlite = new Sqlite(path, { readonly: true, fileMustExist: true });
sqlite.pragma('busy_timeout = 5000');
sqlite.pragma('cache_size = -65536');
sqlite.pragma('temp_store = MEMORY');
const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
answerReads(parentPort!, storeQueries(db, sqliteJsonDialect, { skipLocked: false }));
