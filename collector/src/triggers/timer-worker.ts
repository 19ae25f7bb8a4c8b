import type { Logger } from '../logger';
import type { AnalysisStore } from '../store/analysis-store';
import type { ClaimedTimer, TriggerStore } from '../store/trigger-store';
import { timerDeliveryId } from './timer-delivery-id';

export interface TimerWorkerOptions {
  /** How often to look for due timers. */
  intervalMs: number;
  /** Timers checked at once per look. */
  batch: number;
  /** How long a claimed timer is held before another look may take it again (a worker that stopped mid-check). */
  leaseMs: number;
}

export const defaultTimerOptions: TimerWorkerOptions = { intervalMs: 1_000, batch: 200, leaseMs: 60_000 };

/** Whether a customer belongs to a segment now; a trigger without a segment never asks. */
export type SegmentMembership = (segmentId: string, customerId: string) => Promise<boolean>;

/**
 * Settles timers once due. A follow-up trigger's: when the customer (the survivor, after a merge) recorded no
 * matching `unless` event in (event time, event time + within], writes the one outbox delivery of the
 * timer; either way removes it. A plain trigger limited to a segment sets a timer due at once: it
 * delivers when the customer is a member (the customer is known only once the writer has resolved it,
 * so membership is read here, right after the event, not inside the ingest transaction). Everything it knows is in the store: after a restart, or a kill, the
 * timers still waiting are checked then, once each.
 */
export class TimerWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();
  private stopped = true;

  constructor(
    private readonly stores: { triggers: Pick<TriggerStore, 'claimDueTimers' | 'settleTimer'>; analysis: Pick<AnalysisStore, 'lastEvent'> },
    private readonly log: Logger,
    private readonly options: TimerWorkerOptions,
    private readonly isMember: SegmentMembership = async () => true,
    private readonly clock: () => number = Date.now,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule();
  }

  /** Stops looking and waits for the checks in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.drain()
        .catch((error: unknown) => this.log.error('timer worker failed', { error: String(error) }))
        .finally(() => this.schedule());
    }, this.options.intervalMs);
    this.timer.unref();
  }

  /** Looks until no timer is due, so a minute's worth of timers does not wait one interval per batch. */
  private async drain(): Promise<void> {
    while (!this.stopped && (await this.runOnce()) === this.options.batch);
  }

  /** One look: claims the due timers and settles each. Answers how many were claimed. */
  async runOnce(): Promise<number> {
    const now = this.clock();
    const claimed = await this.stores.triggers.claimDueTimers(now, this.options.batch, this.options.leaseMs);
    await Promise.all(claimed.map((t) => this.settle(t, now)));
    return claimed.length;
  }

  private async settle(t: ClaimedTimer, now: number): Promise<void> {
    const { triggers } = this.stores;
    // A deleted trigger's timers fire nothing.
    if (t.trigger === null) return triggers.settleTimer(t, now);
    const { unless, segment } = t.trigger;
    let customerId = t.customerId;
    if (unless !== null) {
      // (event time, event time + within]: lastEvent's range is [from, to), and answers for the survivor of a merge.
      const { event, where, withinMs } = unless;
      const found = await this.stores.analysis.lastEvent(t.customerId, { event, where, from: t.eventTime + 1, to: t.eventTime + withinMs + 1 });
      if (found !== undefined && found.last !== null) return triggers.settleTimer(t, now);
      customerId = found?.customerId ?? customerId;
    }
    if (segment !== null && !(await this.isMember(segment, customerId))) return triggers.settleTimer(t, now);
    await triggers.settleTimer(t, now, timerDeliveryId(t.triggerId, t.eventUuid, t.dueAt));
  }
}
