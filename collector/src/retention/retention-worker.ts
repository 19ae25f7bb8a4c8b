import type { Logger } from '../logger';
import type { RetentionStore } from '../store/retention-store';

export interface RetentionOptions {
  /** EVENTLINE_RETENTION_DAYS: events older than this many days are removed. */
  days: number;
  /** Events per transaction: the writer waits at most one batch. */
  batchSize: number;
  /** How often it looks for events past their retention. */
  intervalMs: number;
  now?: () => number;
}

const dayMs = 86_400_000;

/**
 * Removes events older than EVENTLINE_RETENTION_DAYS, off the request path: at start and then every
 * interval, a small batch at a time with a turn of the event loop between batches, so ingest goes on.
 */
export class RetentionWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();
  private halted = false;

  constructor(
    private readonly store: RetentionStore,
    private readonly log: Logger,
    private readonly options: RetentionOptions,
  ) {}

  start(): void {
    this.halted = false;
    this.schedule(0);
  }

  /** Stops looking; a batch in progress finishes (it is one transaction either way). */
  async stop(): Promise<void> {
    this.halted = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** Removes every event past its retention now, batch by batch; answers how many went. */
  async runOnce(): Promise<number> {
    const before = (this.options.now ?? Date.now)() - this.options.days * dayMs;
    let removed = 0;
    while (!this.halted) {
      const n = await this.store.removeEventsBefore(before, this.options.batchSize);
      removed += n;
      if (n === 0) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (removed > 0) this.log.info('retention removed events', { removed, before: new Date(before).toISOString() });
    return removed;
  }

  private schedule(delay: number): void {
    this.timer = setTimeout(() => {
      this.running = this.runOnce()
        .catch((error: unknown) => this.log.error('retention failed', { error: String(error) }))
        .finally(() => {
          if (!this.halted) this.schedule(this.options.intervalMs);
        });
    }, delay);
    this.timer.unref();
  }
}
