import { parentPort, workerData } from 'node:worker_threads';
import { Kysely, SqliteDialect } from 'kysely';
import { storeQueries } from '../queries/store-queries';
import type { Database } from '../schema';
import { lowerThreadPriority } from '../thread/lower-thread-priority';
import { openSqliteConnection } from './open-sqlite-connection';
import { answerReads } from './reader-thread-answers';
import { sqliteJsonDialect } from './sqlite-json-dialect';

/**
 * One reader of the SQLite store (read-pool.ts): its own read-only connection, which WAL lets read
 * beside the writer, answering the same Kysely queries the store runs on its main connection.
 */
const { path } = workerData as { path: string };
// Below ingest when the cores are all busy: 10 nice levels lower, `npm run bench:ingest` phase (c) kept 0.74–0.82
// of ingest alone against 0.66–0.73 at the same priority, the filters' p99 about the same (docs/benchmarks.md).
lowerThreadPriority(10);
const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: openSqliteConnection(path, 'readonly') }) });
answerReads(parentPort!, storeQueries(db, sqliteJsonDialect, { skipLocked: false }));
