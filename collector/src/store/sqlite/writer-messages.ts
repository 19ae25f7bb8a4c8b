import type { WriteBatch, WriteOutcome } from '../event-store';
import type { SqliteSynchronous } from './open-sqlite-connection';
import type { WireError } from './wire-error';

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


/** What the writer thread posts: `ready` once, after it opened its connection, then one answer per request. */
export type WriterMessage =
  | { ready: true }
  | { ready: false; error: WireError }
  | { id: number; result: WriterResults[keyof WriterResults] }
  | { id: number; error: WireError };
