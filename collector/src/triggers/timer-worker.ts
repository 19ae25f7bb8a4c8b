import { PollingLoop } from '../background/polling-loop';
import type { Logger } from '../logger';
import type { AnalysisStore } from '../store/analysis-store';
import type { ClaimedTimer, TimerSettlement, TriggerStore } from '../store/trigger-store';
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
  private readonly loop: PollingLoop;

  constructor(
    private readonly stores: { triggers: Pick<TriggerStore, 'claimDueTimers' | 'settleTimers'>; analysis: Pick<AnalysisStore, 'lastEvent'> },
    private readonly log: Logger,
    private readonly options: TimerWorkerOptions,
    private readonly isMember: SegmentMembership = async () => true,
    private readonly clock: () => number = Date.now,
  ) {
    this.loop = new PollingLoop({
      intervalMs: options.intervalMs,
      // Looks again at once while batches come back full, so a minute's worth of timers does not wait one interval per batch.
      turn: async () => (await this.runOnce()) === options.batch,
      onError: (error) => this.log.error('timer worker failed', { error: String(error) }),
    });
  }

  start(): void {
    this.loop.start();
  }

  /** Stops looking and waits for the checks in flight. */
  async stop(): Promise<void> {
    await this.loop.stop();
  }

  /**
   * One look: claims the due timers, checks each, and settles them together (on SQLite, one commit for
   * the batch rather than two per timer). Answers how many were claimed.
   */
  async runOnce(): Promise<number> {
    const now = this.clock();
    const claimed = await this.stores.triggers.claimDueTimers(now, this.options.batch, this.options.leaseMs);
    const checked = await Promise.allSettled(claimed.map((t) => this.check(t)));
    const settlements: TimerSettlement[] = [];
    checked.forEach((outcome, i) => {
      if (outcome.status === 'fulfilled') settlements.push(outcome.value);
      // Left claimed, the timer is checked again once its lease runs out.
      else this.log.error('timer check failed', { trigger: claimed[i]!.triggerId, event: claimed[i]!.eventUuid, error: String(outcome.reason) });
    });
    if (settlements.length > 0) await this.stores.triggers.settleTimers(settlements, now);
    return claimed.length;
  }

  /** How the timer ends: with its one delivery, or dropped. */
  private async check(t: ClaimedTimer): Promise<TimerSettlement> {
    const dropped = { triggerId: t.triggerId, eventUuid: t.eventUuid };
    // A deleted trigger's timers fire nothing.
    if (t.trigger === null) return dropped;
    const { unless, segment } = t.trigger;
    let customerId = t.customerId;
    if (unless !== null) {
      // (event time, event time + within]: lastEvent's range is [from, to), and answers for the survivor of a merge.
      const { event, where, withinMs } = unless;
      const found = await this.stores.analysis.lastEvent(t.customerId, { event, where, from: t.eventTime + 1, to: t.eventTime + withinMs + 1 });
      if (found !== undefined && found.last !== null) return dropped;
      customerId = found?.customerId ?? customerId;
    }
    if (segment !== null && !(await this.isMember(segment, customerId))) return dropped;
    return { ...dropped, deliveryId: timerDeliveryId(t.triggerId, t.eventUuid, t.dueAt) };
  }
}
