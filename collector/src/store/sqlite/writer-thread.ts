// The SQLite writer thread: it owns the writer's connection, every write statement of ingest and retention,
// and the customer-id counter. The request thread posts it groups (writer-client.ts) and gathers
// the next group while this one commits; each request is answered after its transaction committed.
import { parentPort, workerData } from 'node:worker_threads';
import type Sqlite from 'better-sqlite3';
import { SqliteEventWriter } from './event-writer';
import { openSqliteConnection } from './open-sqlite-connection';
import { sqliteRetention } from './sqlite-retention';
import { toWireError } from './wire-error';
import type { WriterMessage, WriterRequest, WriterResults, WriterThreadOptions } from './writer-messages';

const port = parentPort!;
const post = (message: WriterMessage) => port.postMessage(message);
const { path, synchronous, strongIdentityTypes } = workerData as WriterThreadOptions;

type Handlers = { [K in WriterRequest['kind']]: (request: Extract<WriterRequest, { kind: K }>) => WriterResults[K] };

function open(db: Sqlite.Database): Handlers {
  const writer = new SqliteEventWriter(db, { strongIdentityTypes });
  const removeEventsBefore = sqliteRetention(db);
  const probe = db.prepare("insert into meta (key, value) values ('write_probe', ?) on conflict (key) do update set value = excluded.value");
  return {
    commit: ({ batches }) => writer.commit(batches),
    'remove-events-before': ({ before, limit }) => removeEventsBefore(before, limit),
    probe: () => {
      probe.run(String(Date.now()));
      return null;
    },
  };
}

let db: Sqlite.Database | undefined;
let handlers: Handlers | undefined;

port.on('message', (request: WriterRequest | { kind: 'open' } | { kind: 'close' }) => {
  if (request.kind === 'open') {
    // Sent once the schema is migrated: the thread starts while the migrations run, and opens after.
    try {
      db = openSqliteConnection(path, synchronous);
      handlers = open(db);
      post({ ready: true });
    } catch (error) {
      post({ ready: false, error: toWireError(error) });
      process.exit(1);
    }
    return;
  }
  if (request.kind === 'close') {
    // Every earlier request was answered (messages are handled in order): the thread can end.
    db?.close();
    port.close();
    return;
  }
  try {
    const handle = handlers![request.kind] as (request: WriterRequest) => WriterResults[keyof WriterResults];
    post({ id: request.id, result: handle(request) });
  } catch (error) {
    post({ id: request.id, error: toWireError(error) });
  }
});
