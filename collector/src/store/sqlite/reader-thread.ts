import { parentPort, workerData } from 'node:worker_threads';
import { Kysely, SqliteDialect } from 'kysely';
import { storeQueries } from '../queries/store-queries';
import type { Database } from '../schema';
import { openSqliteConnection } from './open-sqlite-connection';
import { answerReads } from './reader-thread-answers';
import { sqliteJsonDialect } from './sqlite-json-dialect';

/**
 * One reader of the SQLite store (read-pool.ts): its own read-only connection, which WAL lets read
 * beside the writer, answering the same Kysely queries the store runs on its main connection.
 */
const { path } = workerData as { path: string };
const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: openSqliteConnection(path, 'readonly') }) });
answerReads(parentPort!, storeQueries(db, sqliteJsonDialect, { skipLocked: false }));
