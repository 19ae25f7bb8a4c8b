import type { Worker } from 'node:worker_threads';
import { StorageUnavailableError } from '../../errors/storage-unavailable-error';
import type { WriteBatch, WriteOutcome } from '../event-store';
import { GroupCommit } from '../group-commit';
import { isStorageUnavailable, storageFailure } from '../storage-unavailable';
import { startWorker } from '../thread/start-worker';
import { fromWireError } from './wire-error';
import type { WriterMessage, WriterRequest, WriterResults, WriterThreadOptions } from './writer-messages';

/** Starts a writer thread; tests pass their own to hold the Worker and end it as a crash would. */
export type StartWriterThread = (options: WriterThreadOptions) => Promise<Worker>;

const startWriterThread: StartWriterThread = (options) => startWorker(import.meta.url, './writer-thread.ts', 'sqlite-writer', options);

type Body = WriterRequest extends infer R ? (R extends WriterRequest ? Omit<R, 'id'> : never) : never;

interface Pending {
  resolve: (result: never) => void;
  reject: (error: unknown) => void;
}

/**
 * The request thread's side of the SQLite writer thread. GroupCommit stays here: while the thread
 * commits one group, the next gathers, and each batch's promise settles when the thread answers that
 * its transaction committed. If the thread dies, what it held fails as storage-unavailable (nothing of
 * it was acknowledged) and a new thread takes the next writes.
 */
export class SqliteWriterClient {
  /** Ingest writes go through it; its `lastUnavailableAt` tells readiness, its queue the metrics. */
  readonly group: GroupCommit<WriteBatch, WriteOutcome[]>;
  private thread: Promise<Worker> | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private worker: Worker | undefined;
  private readonly idleWaiters: (() => void)[] = [];
  private closed = false;

  /**
   * Starts the thread at once, lets it open the file once `schemaReady` settles (the migrations), and
   * waits until it did, so a store that cannot write fails to open.
   */
  static async start(options: WriterThreadOptions, schemaReady: Promise<unknown> = Promise.resolve(), startThread = startWriterThread): Promise<SqliteWriterClient> {
    const client = new SqliteWriterClient(options, startThread, schemaReady);
    await client.running();
    return client;
  }

  private constructor(
    private readonly options: WriterThreadOptions,
    private readonly startThread: StartWriterThread,
    private readonly schemaReady: Promise<unknown>,
  ) {
    this.group = new GroupCommit({
      commit: (batches) => this.request({ kind: 'commit', batches }),
      unavailable: (error) => (isStorageUnavailable(error) ? storageFailure(error) : undefined),
    });
  }

  async removeEventsBefore(before: number, limit: number): Promise<number> {
    return this.request({ kind: 'remove-events-before', before, limit });
  }

  /** A tiny write in the thread: whether the file takes writes now. */
  async probe(): Promise<void> {
    await this.request({ kind: 'probe' }).catch((error: unknown) => Promise.reject(storageFailure(error)));
  }

  /** Waits for the writes under way and those queued, then ends the thread. */
  async close(): Promise<void> {
    await this.group.drained();
    while (this.pending.size > 0) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    this.closed = true;
    const worker = await this.thread?.catch(() => undefined);
    this.thread = undefined;
    if (!worker) return;
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    worker.ref();
    worker.postMessage({ kind: 'close' });
    await exited;
  }

  private async request<K extends WriterRequest['kind']>(body: Extract<Body, { kind: K }>): Promise<WriterResults[K]> {
    if (this.closed) throw new StorageUnavailableError(new Error('the store is closed'));
    const worker = await this.running();
    const id = this.nextId++;
    return new Promise<WriterResults[K]>((resolve, reject) => {
      // Ref'd only while it owes an answer: an idle writer thread must not keep the process alive.
      if (this.pending.size === 0) worker.ref();
      this.pending.set(id, { resolve: resolve as (result: never) => void, reject });
      worker.postMessage({ ...body, id });
    });
  }

  /** Unrefs the idle thread and wakes a closing store once nothing is owed. */
  private noteIdle(): void {
    if (this.pending.size > 0) return;
    this.worker?.unref();
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private running(): Promise<Worker> {
    this.thread ??= this.launch().catch((error: unknown) => {
      this.thread = undefined;
      throw storageFailure(error);
    });
    return this.thread;
  }

  private async launch(): Promise<Worker> {
    const worker = await this.startThread(this.options);
    worker.unref();
    try {
      await this.schemaReady;
    } catch (error) {
      await worker.terminate();
      throw error;
    }
    const opened = new Promise<Worker>((resolve, reject) => {
      let ready = false;
      let failure: unknown;
      worker.on('message', (message: WriterMessage) => {
        if ('ready' in message) {
          ready = message.ready;
          if (message.ready) this.worker = worker;
          return message.ready ? resolve(worker) : reject(fromWireError(message.error));
        }
        this.answer(message);
      });
      worker.on('error', (error) => (failure = error));
      worker.on('exit', (code) => {
        const cause = failure ?? new Error(`the SQLite writer thread exited with code ${code}`);
        if (!ready) return reject(cause);
        this.exited(worker, cause);
      });
    });
    worker.postMessage({ kind: 'open' });
    return opened;
  }

  private answer(message: Exclude<WriterMessage, { ready: boolean }>): void {
    const entry = this.pending.get(message.id);
    if (!entry) return;
    this.pending.delete(message.id);
    if ('error' in message) entry.reject(fromWireError(message.error));
    else entry.resolve(message.result as never);
    this.noteIdle();
  }

  /** A thread that crashed or ran out of memory: its unanswered writes never committed, as far as anyone knows. */
  private exited(worker: Worker, cause: unknown): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    this.thread = undefined;
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const entry of pending) entry.reject(new StorageUnavailableError(cause));
    this.noteIdle();
    if (!this.closed) void this.running().catch(() => {});
  }
}
