/** The clock a loop waits on: the global timers, or a test's. */
export interface LoopTimers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface PollingLoopOptions {
  /** The wait between turns. */
  intervalMs: number;
  /** The wait before the first turn; the interval when left out. */
  firstDelayMs?: number;
  /** One turn of work. Answers true when there may be more at once (its batch came back full): the next turn then follows without the interval. */
  turn: () => Promise<boolean>;
  /** A turn that threw: reported here, and the loop goes on at its interval. */
  onError: (error: unknown) => void;
  timers?: LoopTimers;
}

const globalTimers: LoopTimers = {
  setTimeout: (run, ms) => {
    const handle = setTimeout(run, ms);
    // A background loop never keeps the process alive on its own: shutdown is stop()'s job.
    handle.unref();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * The loop every background worker runs (deliveries, follow-up timers, retention): a turn, then a wait,
 * never two turns at once. A full batch is followed by the next turn at once, so a burst is worked off
 * at the speed of the store rather than one batch per interval.
 */
export class PollingLoop {
  private handle: unknown;
  private current: Promise<void> = Promise.resolve();
  private stopped = true;
  private readonly timers: LoopTimers;

  constructor(private readonly options: PollingLoopOptions) {
    this.timers = options.timers ?? globalTimers;
  }

  get running(): boolean {
    return !this.stopped;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(this.options.firstDelayMs ?? this.options.intervalMs);
  }

  /** Stops scheduling turns and waits for the one under way, if any, to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.timers.clearTimeout(this.handle);
    this.handle = undefined;
    await this.current;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.handle = this.timers.setTimeout(() => {
      this.handle = undefined;
      this.current = this.runTurn();
    }, delayMs);
  }

  private async runTurn(): Promise<void> {
    let again = false;
    try {
      again = await this.options.turn();
    } catch (error) {
      this.options.onError(error);
    }
    // A zero wait rather than a loop in place: other callbacks (ingest among them) get their turn between two batches.
    this.schedule(again ? 0 : this.options.intervalMs);
  }
}
