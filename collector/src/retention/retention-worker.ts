import { PollingLoop } from '../background/polling-loop';
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
  private halted = false;
  private readonly loop: PollingLoop;

  constructor(
    private readonly store: RetentionStore,
    private readonly log: Logger,
    private readonly options: RetentionOptions,
  ) {
    this.loop = new PollingLoop({
      intervalMs: options.intervalMs,
      firstDelayMs: 0,
      turn: async () => (await this.runOnce(), false),
      onError: (error) => this.log.error('retention failed', { error: String(error) }),
    });
  }

  start(): void {
    this.halted = false;
    this.loop.start();
  }

  /** Stops looking; a batch in progress finishes (it is one transaction either way). */
  async stop(): Promise<void> {
    this.halted = true;
    await this.loop.stop();
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
}
