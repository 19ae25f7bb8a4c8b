import type { CustomerCondition } from './query-model/customer-condition';
import type { PropertyCondition } from './query-model/property-condition';
import type { ZoneInterval } from './query-model/zone-interval';
import type { Page } from './page';

export interface FilteredCustomer {
  id: string;
  activeness: number;
  stage: string | null;
  firstSeen: number;
  lastSeen: number;
  eventCount: number;
}

export interface EventScope {
  event: string;
  /** Epoch ms, inclusive. */
  from: number;
  /** Epoch ms, exclusive. */
  to: number;
  where: PropertyCondition[];
}

/** How to read local time: hour of day, day of week (0 = Sunday) or the local date as days since 1970-01-01. */
export type BucketBy = 'hour' | 'weekday' | 'day';

/** One funnel step: an event, and conditions on that event's properties (all must hold, as well as the query's `where`). */
export interface FunnelStepQuery {
  event: string;
  where: PropertyCondition[];
}

export interface FunnelQuery {
  steps: FunnelStepQuery[];
  /** Every step must happen within this many ms after the first. */
  window: number;
  /** When the first step may happen: epoch ms, from inclusive, to exclusive. */
  from: number;
  to: number;
  /** Conditions every step's event must meet, besides its own. */
  where: PropertyCondition[];
}

/** For each customer that did the first step: the time of each step reached, in order. */
export type FunnelPath = number[];

export interface AnalysisStore {
  /** The live customer an id names: itself, or the survivor it was merged into; undefined if unknown. */
  liveCustomerId(id: string): Promise<string | undefined>;
  /** How many live customers match, and one page of them in id order. */
  filterCustomers(condition: CustomerCondition, page: { limit: number; cursor?: string }): Promise<Page<FilteredCustomer> & { count: number }>;
  /**
   * The live customer an id names and the time of their latest matching event in [from, to) (null if
   * none), in one round trip; undefined if the id is unknown.
   */
  lastEvent(id: string, scope: Omit<EventScope, 'from' | 'to'> & { from: number | null; to: number | null }): Promise<{ customerId: string; last: number | null } | undefined>;
  /** Event counts per local-time bucket; `intervals` split the scope where the zone's UTC offset changes. */
  distribution(scope: EventScope, by: BucketBy, intervals: ZoneInterval[]): Promise<Map<number, number>>;
  funnel(query: FunnelQuery): Promise<FunnelPath[]>;
}
