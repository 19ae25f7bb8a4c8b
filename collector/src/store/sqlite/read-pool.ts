import type { Worker } from 'node:worker_threads';
import { QueryTimeoutError } from '../../errors/query-timeout-error';
import { ReadsBusyError } from '../../errors/reads-busy-error';
import type { ReadCall } from '../read-methods';
import type { ReadStats } from '../read-stats';
import type { ReadAnswer } from './reader-thread-answers';
import { fromWireError } from './wire-error';

export interface ReadPoolOptions {
  /** Reader threads at most (EVENTLINE_READ_THREADS); each is started on the first read that finds none idle. */
  threads: number;
  /** Calls that may wait for a thread (EVENTLINE_READ_QUEUE); one more is refused with ReadsBusyError. */
  queue: number;
  /** How long a call may run on its thread (EVENTLINE_QUERY_TIMEOUT_MS); 0: no limit. */
  timeoutMs: number;
  /** Starts one reader thread (reader-thread.ts, or a test's). */
  start: () => Promise<Worker>;
}

interface PendingCall {
  call: ReadCall;
  chunk: boolean;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

interface Reader {
  ready: Promise<Worker>;
  running?: PendingCall | undefined;
  timer?: NodeJS.Timeout | undefined;
}

/**
 * Runs reads on SQLite reader threads, so a long one never holds up the thread that answers HTTP and
 * commits ingest. better-sqlite3 cannot interrupt a statement, so a call past the time limit has its
 * thread terminated and replaced: the statement may run on in the dying thread until SQLite returns
 * to JavaScript. At most `threads` such threads may linger; past that no replacement starts until one
 * has exited, so a burst of runaway queries cannot multiply threads without bound.
 */
export class ReadPool implements ReadStats {
  private readonly waiting: PendingCall[] = [];
  private readonly readers = new Set<Reader>();
  private readonly idle: Reader[] = [];
  private lingering = 0;
  private closed = false;
  timeouts = 0;

  constructor(private readonly options: ReadPoolOptions) {}

  get queued(): number {
    return this.waiting.length;
  }

  get running(): number {
    return this.readers.size - this.idle.length;
  }

  /**
   * Runs one read on a thread. A `chunk` (an export page) has no time limit and is never refused for a
   * full queue: it is one piece of a stream already answered 200, which a 503 could only cut short.
   * The export limits (EVENTLINE_MAX_EXPORTS) bound how many such pages wait, one per export.
   */
  run(call: ReadCall, { chunk = false }: { chunk?: boolean } = {}): Promise<unknown> {
    if (this.closed) return Promise.reject(new Error('the store is closed'));
    const threadFree = this.idle.length > 0 || this.readers.size < this.options.threads;
    if (!chunk && !threadFree && this.waiting.length >= this.options.queue) return Promise.reject(new ReadsBusyError(this.options.queue));
    return new Promise((resolve, reject) => {
      this.waiting.push({ call, chunk, resolve, reject });
      this.dispatch();
    });
  }

  /** Terminates every thread; calls still waiting or running fail. */
  async close(): Promise<void> {
    this.closed = true;
    for (const pending of this.waiting.splice(0)) pending.reject(new Error('the store is closed'));
    const readers = [...this.readers];
    this.readers.clear();
    this.idle.length = 0;
    await Promise.all(
      readers.map(async (reader) => {
        clearTimeout(reader.timer);
        reader.running?.reject(new Error('the store is closed'));
        const worker = await reader.ready.catch(() => undefined);
        await worker?.terminate();
      }),
    );
  }

  private dispatch(): void {
    while (this.waiting.length > 0) {
      let reader = this.idle.pop();
      if (!reader) {
        const alive = this.readers.size + this.lingering;
        if (this.readers.size >= this.options.threads || alive >= 2 * this.options.threads) return;
        reader = this.spawn();
      }
      this.send(reader, this.waiting.shift()!);
    }
  }

  private spawn(): Reader {
    const reader: Reader = {
      ready: this.options.start().then(
        (worker) =>
          new Promise<Worker>((resolve) => {
            // A forgotten store must not keep a test process (or a stopping collector) alive.
            worker.unref();
            worker.once('message', () => {
              worker.on('message', (answer: ReadAnswer) => this.answered(reader, answer));
              resolve(worker);
            });
            worker.on('error', (error) => this.lost(reader, error));
            worker.on('exit', (code) => this.lost(reader, new Error(`a reader thread exited (code ${code})`)));
          }),
      ),
    };
    this.readers.add(reader);
    reader.ready.catch((error: unknown) => this.lost(reader, error));
    return reader;
  }

  private send(reader: Reader, pending: PendingCall): void {
    reader.running = pending;
    reader.ready.then(
      (worker) => {
        if (reader.running !== pending) return;
        // The limit counts from when the query reaches its thread: a thread's start or a wait in the queue is not the query's doing.
        if (!pending.chunk && this.options.timeoutMs > 0) reader.timer = setTimeout(() => this.timedOut(reader), this.options.timeoutMs);
        try {
          worker.postMessage(pending.call);
        } catch (error) {
          // Arguments that cannot be cloned: the caller's mistake, the thread is fine.
          this.settle(reader)?.reject(error);
        }
      },
      () => {},
    );
  }

  /** Ends the reader's call and puts the reader back in service; the call, to settle. */
  private settle(reader: Reader): PendingCall | undefined {
    const pending = reader.running;
    clearTimeout(reader.timer);
    reader.running = undefined;
    if (this.readers.has(reader)) this.idle.push(reader);
    queueMicrotask(() => this.dispatch());
    return pending;
  }

  private answered(reader: Reader, answer: ReadAnswer): void {
    if (!this.readers.has(reader) || !reader.running) return;
    const pending = this.settle(reader)!;
    if (answer.ok) pending.resolve(answer.value);
    else pending.reject(fromWireError(answer.error));
  }

  private timedOut(reader: Reader): void {
    const pending = reader.running;
    if (!pending || !this.readers.has(reader)) return;
    this.timeouts++;
    this.retire(reader);
    this.lingering++;
    pending.reject(new QueryTimeoutError(this.options.timeoutMs));
    void reader.ready.then(async (worker) => {
      worker.removeAllListeners();
      // Its answer no longer matters, but an 'error' event with no listener would end the process.
      worker.on('error', () => {});
      // Resolves when the thread has actually exited, that is when SQLite gave the statement back.
      await worker.terminate().catch(() => {});
      this.lingering--;
      this.dispatch();
    });
  }

  /** A thread that failed or exited on its own: its call fails, and the next read starts a new one. */
  private lost(reader: Reader, error: unknown): void {
    if (!this.readers.has(reader)) return;
    const pending = reader.running;
    this.retire(reader);
    pending?.reject(error);
    this.dispatch();
  }

  private retire(reader: Reader): void {
    clearTimeout(reader.timer);
    reader.running = undefined;
    this.readers.delete(reader);
    const at = this.idle.indexOf(reader);
    if (at >= 0) this.idle.splice(at, 1);
  }
}
