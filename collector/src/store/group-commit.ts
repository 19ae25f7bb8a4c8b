/** What the write queue tells whoever watches it (metrics): its depth, and the size of each group committed. */
export interface WriteQueueStats {
  /** Batches waiting for the next transaction. */
  readonly queued: number;
  onCommit(listener: (batches: number) => void): void;
}

export interface Committer<B, R> {
  /** Writes the batches in one transaction and answers each one's result, in order, once it committed. */
  commit(batches: B[]): R[] | Promise<R[]>;
  /** The error every batch of the group fails with when `error` means the store cannot write now; undefined when it does not. */
  unavailable(error: unknown): unknown;
}

interface Pending<B, R> {
  batch: B;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: the batches that arrive while a transaction commits (or in the same turn of the event
 * loop as the first) share the next transaction, so one fsync acknowledges many requests. A batch's
 * promise settles only after its transaction committed.
 */
export class GroupCommit<B, R> implements WriteQueueStats {
  private pending: Pending<B, R>[] = [];
  private readonly listeners: ((batches: number) => void)[] = [];
  private readonly drainWaiters: (() => void)[] = [];
  private running = false;
  /**
   * When a commit last failed because the store could not write (0 after a success). Readiness looks
   * at it: a tiny probe write can still fit on a full disk that refuses every real batch.
   */
  lastUnavailableAt = 0;

  constructor(private readonly committer: Committer<B, R>) {}

  get queued(): number {
    return this.pending.length;
  }

  onCommit(listener: (batches: number) => void): void {
    this.listeners.push(listener);
  }

  /** Settles once every batch written so far has been answered (a store closing waits for it). */
  drained(): Promise<void> {
    if (this.pending.length === 0 && !this.running) return Promise.resolve();
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  write(batch: B): Promise<R> {
    return new Promise((resolve, reject) => {
      if (this.pending.length === 0 && !this.running) setImmediate(() => void this.flush());
      this.pending.push({ batch, resolve, reject });
    });
  }

  private async flush(): Promise<void> {
    this.running = true;
    const items = this.pending;
    this.pending = [];
    try {
      await this.commitGroup(items);
    } finally {
      this.running = false;
      if (this.pending.length > 0) setImmediate(() => void this.flush());
      else for (const resolve of this.drainWaiters.splice(0)) resolve();
    }
  }

  private async commitGroup(items: Pending<B, R>[]): Promise<void> {
    let results: R[];
    try {
      results = await this.committer.commit(items.map((item) => item.batch));
    } catch (error) {
      const unavailable = this.committer.unavailable(error);
      if (unavailable !== undefined) {
        this.lastUnavailableAt = Date.now();
        for (const item of items) item.reject(unavailable);
      } else if (items.length > 1) {
        // One batch the database refuses (say a NUL character in a text) must not fail the requests
        // that happened to share its transaction: each goes alone.
        for (const item of items) await this.commitGroup([item]);
      } else {
        items[0]!.reject(error);
      }
      return;
    }
    this.lastUnavailableAt = 0;
    for (const listener of this.listeners) listener(items.length);
    items.forEach((item, i) => item.resolve(results[i]!));
  }
}
