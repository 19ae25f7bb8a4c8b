import type { EventType } from '@eventline/protocol';
import type { WriteQueueStats } from './group-commit';
import type { QuarantineEntry } from './quarantine-store';

export type EventSource = 'sdk' | 'api' | 'manual' | 'replay' | 'wechat';

/** An identity already normalised (trimmed, lower-cased email, digits-only mobile). */
export interface IdentityRef {
  type: string;
  value: string;
}

/** An event that passed validation, ready to be recorded. */
export interface NewEvent {
  uuid: string;
  event: string;
  type: EventType;
  /** Corrected for the client's clock skew. */
  time: number;
  /** As the client sent it. */
  clientTime: number;
  receivedAt: number;
  /** The score its definition had when the event was recorded. */
  score: number;
  stage: string | null;
  /** Position of `stage` in the configured stage order; -1 for none. */
  stageRank: number;
  /** JSON text. */
  properties: string;
  context: string | null;
  anonymousId: string | null;
  /** In priority order: the first that names a customer decides whose event this is. */
  identities: IdentityRef[];
  tags: string[];
  keyId: string | null;
  source: EventSource;
  /**
   * False when a public (ingest) key sent it, whatever the route or a later replay: then it may not merge
   * two known customers, and a trusted event with its uuid takes the uuid over (the writers). The recorder
   * sets it from the key's scope; absent counts as trusted, for store-level callers that have no key.
   */
  trusted?: boolean;
  /** Ids of the triggers it matches: one outbox delivery each is written with the event. */
  triggers?: string[];
}

/** Everything one ingest request (or several, grouped) writes in one transaction. */
export interface WriteBatch {
  events: NewEvent[];
  quarantine: QuarantineEntry[];
  /** Quarantined events that now passed and are in `events`. */
  resolvedQuarantine?: number[];
  dropped?: { count: number; anonymousId: string | null; keyId: string | null };
}

/** `suppressed`: the event names a suppressed identity and was not stored (nor quarantined). */
export type WriteOutcome = 'accepted' | 'duplicate' | 'suppressed';

export interface StoredEvent {
  uuid: string;
  event: string;
  type: EventType;
  customerId: string;
  time: number;
  clientTime: number;
  receivedAt: number;
  score: number;
  properties: Record<string, unknown>;
  context: Record<string, unknown> | null;
  anonymousId: string | null;
  tags: string[];
  source: EventSource;
}

/** A merge an event asked for and did not get: see resolve-customer.ts. */
export interface StoredConflict {
  eventUuid: string;
  /** The customer the event went to. */
  customerId: string;
  /** The customer left apart. */
  otherCustomerId: string;
  /** The event's identities that named the other customer. */
  identities: IdentityRef[];
  reason: 'strong_identity' | 'public_key';
  createdAt: number;
}

export interface EventStore {
  /** Commits the batch durably, then answers one outcome per event in order. */
  write(batch: WriteBatch): Promise<WriteOutcome[]>;
  /** The writer's queue: its depth and each group it commits. */
  readonly queue: WriteQueueStats;
  get(uuid: string): Promise<StoredEvent | undefined>;
  /** The merges an event asked for and did not get, oldest first. */
  conflicts(uuid: string): Promise<StoredConflict[]>;
  /** One page of the events matching `query`, in (time, seq) order: export pages and streams with it. */
  page(query: EventQuery): Promise<EventPage>;
}

/** Where a page of events ends: the next page starts after it. */
export interface EventPosition {
  time: number;
  seq: number;
}

export interface EventQuery {
  /** Inclusive, epoch ms. */
  from?: number;
  /** Exclusive, epoch ms. */
  to?: number;
  event?: string;
  /** A customer id; the events of customers merged into it are included. */
  customerId?: string;
  tag?: string;
  after?: EventPosition;
  limit: number;
}

export interface EventPage {
  items: StoredEvent[];
  /** The position of the last item when more may follow; null at the end. */
  next: EventPosition | null;
}
