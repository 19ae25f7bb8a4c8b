import type { CustomerRecord } from './customer-store';
import type { StoredEvent } from './event-store';
import type { PropertyCondition } from './query-model/property-condition';
import type { Page } from './page';

/** What makes a trigger a follow-up: it fires when the same customer records no `event` (matching `where`) within `withinMs`. */
export interface TriggerUnless {
  event: string;
  where: PropertyCondition[];
  withinMs: number;
}

export interface TriggerRecord {
  id: string;
  event: string;
  where: PropertyCondition[];
  url: string;
  secret: string;
  createdAt: number;
  /** Null (or left out) for a plain trigger, which fires on the event itself. */
  unless?: TriggerUnless | null;
  /** Fires only for customers in this segment; null (or left out) for everyone. */
  segment?: string | null;
}

/** A follow-up's wait for one event, claimed by the timer worker once due. */
export interface ClaimedTimer {
  triggerId: string;
  eventUuid: string;
  /** As the event was recorded: a merge since may have moved it to a survivor. */
  customerId: string;
  eventTime: number;
  dueAt: number;
  /** What the timer checks, from its trigger; null when the trigger was deleted since (the timer is then dropped). */
  trigger: { unless: TriggerUnless | null; segment: string | null } | null;
}

/** pending: will be (re)tried; delivered: a 2xx came back; failed: gave up after 24 h; cancelled: its trigger was deleted. */
export type DeliveryStatus = 'pending' | 'delivered' | 'failed' | 'cancelled';

export interface DeliveryAttempt {
  attempt: number;
  at: number;
  durationMs: number;
  /** The receiver's HTTP status; null when none came (refused, timed out). */
  status: number | null;
  error: string | null;
}

export interface DeliveryRecord {
  id: string;
  triggerId: string;
  eventUuid: string;
  status: DeliveryStatus;
  attempts: number;
  /** When the next attempt is due, while pending. */
  nextAttemptAt: number | null;
  createdAt: number;
  deliveredAt: number | null;
  lastError: string | null;
  attemptLog: DeliveryAttempt[];
}

/** A delivery the worker has claimed, with what it needs to send it. */
export interface ClaimedDelivery {
  id: string;
  eventUuid: string;
  /** Attempts made before this one. */
  attempts: number;
  createdAt: number;
  url: string;
  secret: string;
  triggerId: string;
}

/** Where an attempt leaves a delivery: done, given up, or due again at `at`. */
export type DeliveryNext = { status: 'delivered' | 'failed' } | { status: 'pending'; at: number };

/** One attempt's outcome, recorded with the others of its batch. */
export interface AttemptRecord {
  deliveryId: string;
  attempt: Omit<DeliveryAttempt, 'attempt'>;
  next: DeliveryNext;
}

/** How a checked timer ends: with `deliveryId`, by writing that one delivery; without, by being dropped. */
export interface TimerSettlement {
  triggerId: string;
  eventUuid: string;
  deliveryId?: string | undefined;
}

export interface TriggerStore {
  create(trigger: TriggerRecord): Promise<void>;
  /** The live triggers, oldest first. */
  list(): Promise<TriggerRecord[]>;
  get(id: string): Promise<TriggerRecord | undefined>;
  /** Deletes a live trigger and cancels its pending deliveries; false when there is none. */
  delete(id: string, at: number): Promise<boolean>;
  /** Newest first, each with its attempts. */
  deliveries(triggerId: string, page: { limit: number; cursor?: string }): Promise<Page<DeliveryRecord>>;
  /**
   * Takes up to `limit` pending deliveries due at `now`, and moves their due time to `now + leaseMs` in
   * the same statement: a second worker skips them, and a crash mid-send leaves them due again later.
   */
  claimDue(now: number, limit: number, leaseMs: number): Promise<ClaimedDelivery[]>;
  /** The outbox at `now`: deliveries due and not delivered, and when the oldest of them fell due (a partial index serves both). */
  outboxStats(now: number): Promise<{ due: number; oldestDueAt: number | null }>;
  /** Logs one attempt and moves the delivery on: delivered, retried at nextAttemptAt, or failed. */
  recordAttempt(deliveryId: string, attempt: Omit<DeliveryAttempt, 'attempt'>, next: DeliveryNext): Promise<void>;
  /** recordAttempt for a whole batch: one transaction where the engine allows it (PostgreSQL), else a few single statements. */
  recordAttempts(records: readonly AttemptRecord[]): Promise<void>;
  /** The events these deliveries carry, with their tags, by uuid; an event no longer stored is missing. */
  deliveryEvents(uuids: readonly string[]): Promise<Map<string, StoredEvent>>;
  /** The live customer each id names (a merged id resolves to its survivor), by the id asked; unknown ids are missing. */
  deliveryCustomers(ids: readonly string[]): Promise<Map<string, CustomerRecord>>;
  /** Like claimDue, for follow-up timers: up to `limit` due at `now`, each held for `leaseMs`. */
  claimDueTimers(now: number, limit: number, leaseMs: number): Promise<ClaimedTimer[]>;
  /**
   * Ends a timer: with `deliveryId`, writes that one pending delivery (a second call with the same id
   * writes nothing) and removes the timer; without, only removes it.
   */
  settleTimer(timer: Pick<ClaimedTimer, 'triggerId' | 'eventUuid'>, now: number, deliveryId?: string): Promise<void>;
  /** settleTimer for a whole batch; as safe to repeat after a crash (the delivery ids derive from the timers). */
  settleTimers(settlements: readonly TimerSettlement[], now: number): Promise<void>;
  /** Timers not yet settled, and when the oldest of them fell due. */
  timerStats(now: number): Promise<{ waiting: number; due: number; oldestDueAt: number | null }>;
}
