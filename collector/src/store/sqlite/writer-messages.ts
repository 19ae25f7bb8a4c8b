import Sqlite from 'better-sqlite3';
import type { WriteBatch, WriteOutcome } from '../event-store';
import type { SqliteSynchronous } from './open-sqlite-connection';

/** What the writer thread is started with (its `workerData`). */
export interface WriterThreadOptions {
  path: string;
  synchronous: SqliteSynchronous;
  strongIdentityTypes: readonly string[];
}

/** A request posted to the writer thread; each is answered once, by id, in the order posted. */
export type WriterRequest =
  | { id: number; kind: 'commit'; batches: WriteBatch[] }
  | { id: number; kind: 'remove-events-before'; before: number; limit: number }
  | { id: number; kind: 'probe' };

/** The result each request kind answers with. */
export interface WriterResults {
  commit: WriteOutcome[][];
  'remove-events-before': number;
  probe: null;
}

/** An error as it crosses the thread: a structured clone would drop the SQLite `code` it is judged by. */
export interface WireError {
  name: string;
  message: string;
  code?: string;
  stack?: string;
}

/** What the writer thread posts: `ready` once, after it opened its connection, then one answer per request. */
export type WriterMessage =
  | { ready: true }
  | { ready: false; error: WireError }
  | { id: number; result: WriterResults[keyof WriterResults] }
  | { id: number; error: WireError };

export function toWireError(error: unknown): WireError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const code = (error as { code?: unknown }).code;
  return { name: error.name, message: error.message, ...(typeof code === 'string' ? { code } : {}), ...(error.stack ? { stack: error.stack } : {}) };
}

/** Rebuilds the error on the request thread: a SqliteError stays one, with its code, as if thrown here. */
export function fromWireError(wire: WireError): Error {
  const error = wire.name === 'SqliteError' && wire.code !== undefined ? new Sqlite.SqliteError(wire.message, wire.code) : new Error(wire.message);
  if (!(error instanceof Sqlite.SqliteError)) {
    error.name = wire.name;
    if (wire.code !== undefined) Object.assign(error, { code: wire.code });
  }
  if (wire.stack) error.stack = wire.stack;
  return error;
}
