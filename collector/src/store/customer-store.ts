import type { EventType } from '@eventline/protocol';
import type { EventSource } from './event-store';
import type { Page } from './page';

/** A customer as stored; `mergedInto` names the survivor once it was merged (its data moved there). */
export interface CustomerRecord {
  id: string;
  createdAt: number;
  firstSeen: number;
  lastSeen: number;
  /** Sum of the scores of the customer's events, as each was when recorded. */
  activeness: number;
  eventCount: number;
  stage: string | null;
  mergedInto: string | null;
  identities: { type: string; value: string; createdAt: number }[];
}

/** One event of a customer's timeline, with its definition's current name. */
export interface TimelineEvent {
  uuid: string;
  event: string;
  /** The definition's name, also when it was deleted since; null only when no definition has this id. */
  name: string | null;
  type: EventType;
  time: number;
  receivedAt: number;
  score: number;
  properties: Record<string, unknown>;
  tags: string[];
  source: EventSource;
}

export interface TagCount {
  tag: string;
  count: number;
}

export interface CustomerStore {
  get(id: string): Promise<CustomerRecord | undefined>;
  /** The customer holding this (normalised) identity. */
  findByIdentity(type: string, value: string): Promise<CustomerRecord | undefined>;
  /** Live customers with activeness in [min, max) (null: open), most active first. */
  listByActiveness(range: { min: number | null; max: number | null }, page: { limit: number; cursor?: string }): Promise<Page<CustomerRecord>>;
  /** Newest first; the cursor is a position, so events recorded meanwhile do not shift later pages. */
  timeline(customerId: string, page: { limit: number; cursor?: string }): Promise<Page<TimelineEvent>>;
  /** How many of the customer's events carry each tag, most frequent first. */
  tagCounts(customerId: string, limit: number): Promise<TagCount[]>;
}
