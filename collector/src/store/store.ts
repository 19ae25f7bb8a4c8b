import type { EventDefinition, EventType } from '@eventline/protocol';
import type { AnalysisStore } from './analysis-store';
import type { TriggerStore } from './trigger-store';

export const scopes = ['ingest', 'server', 'read', 'admin'] as const;
/** ingest: public, browser-safe; server: trusted back ends; read: export and analysis; admin: all. */
export type Scope = (typeof scopes)[number];

export interface KeyRecord {
  id: string;
  name: string;
  scope: Scope;
  /** For ingest keys: origins allowed to send with it; empty means any. */
  allowedOrigins: string[];
  createdAt: number;
  /** Events per second it may send; null: the collector's default (EVENTLINE_RATE_LIMIT). */
  rateLimit: number | null;
}

export interface StoredDefinition extends EventDefinition {
  defaultScore: number | null;
  defaultStage: string | null;
  createdAt: number;
  updatedAt: number;
}

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
  /** Ids of the triggers it matches: one outbox delivery each is written with the event. */
  triggers?: string[];
}

/** A rejected event, kept with its reason so it can be replayed once its definition is fixed. */
export interface QuarantineEntry {
  uuid: string | null;
  event: string | null;
  code: string;
  message: string;
  path: string;
  /** The event as received, JSON text. */
  raw: string;
  receivedAt: number;
  sentAt: number | null;
  keyId: string | null;
  scope: Scope;
}

export interface QuarantineRecord extends QuarantineEntry {
  id: number;
  attempts: number;
  status: 'pending' | 'replayed';
}

/** Everything one ingest request (or several, grouped) writes in one transaction. */
export interface WriteBatch {
  events: NewEvent[];
  quarantine: QuarantineEntry[];
  /** Quarantined events that now passed and are in `events`. */
  resolvedQuarantine?: number[];
  dropped?: { count: number; anonymousId: string | null; keyId: string | null };
}

export type WriteOutcome = 'accepted' | 'duplicate';

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

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface KeyStore {
  findByHash(hash: string): Promise<KeyRecord | undefined>;
  /** Does nothing when a key with this hash exists (two collectors bootstrapping the same key at once). */
  create(key: Omit<KeyRecord, 'rateLimit'> & { rateLimit?: number | null; hash: string }): Promise<void>;
  /** The live keys (not revoked), oldest first. */
  list(): Promise<KeyRecord[]>;
  countByScope(scope: Scope): Promise<number>;
  /** Revokes a live key; false when there is none with this id. */
  revoke(id: string, at: number): Promise<boolean>;
}

export interface DefinitionFilter {
  /** Part of the name or id, any case. */
  q?: string;
  /** A group id, or null for the events in no group. */
  group?: string | null;
  type?: EventType;
  system?: boolean;
}

export type DefinitionChangeSet = Partial<Pick<EventDefinition, 'name' | 'score' | 'stage' | 'group' | 'properties'>>;

export interface DefinitionStore {
  /** The live definitions (not deleted), system ones first. */
  list(filter?: DefinitionFilter): Promise<StoredDefinition[]>;
  get(id: string): Promise<StoredDefinition | undefined>;
  /** A deleted definition: its recorded events keep its id. */
  getDeleted(id: string): Promise<StoredDefinition | undefined>;
  /** Inserts the system definitions that are missing; leaves edited ones as they are. */
  seedSystem(definitions: EventDefinition[]): Promise<void>;
  /** Inserts new definitions, or brings deleted ones back with this content; all or none. */
  create(...definitions: EventDefinition[]): Promise<void>;
  update(id: string, changes: DefinitionChangeSet): Promise<void>;
  /** Soft delete: false when there was no live definition with this id. */
  delete(id: string): Promise<boolean>;
  /** Puts every system definition back to its default score and stage; answers how many. */
  restoreDefaults(): Promise<number>;
  /** Moves live definitions into a group (null: no group); answers how many moved. */
  setGroup(ids: string[], group: string | null): Promise<number>;
}

export interface DefinitionGroupRecord {
  id: string;
  name: string;
  createdAt: number;
  /** Live definitions in the group. */
  eventCount: number;
}

export interface DefinitionGroupStore {
  list(): Promise<DefinitionGroupRecord[]>;
  get(id: string): Promise<DefinitionGroupRecord | undefined>;
  findByName(name: string): Promise<DefinitionGroupRecord | undefined>;
  create(group: { id: string; name: string }): Promise<void>;
  rename(id: string, name: string): Promise<void>;
  /** Deletes the group; its definitions are left in no group. */
  delete(id: string): Promise<boolean>;
}

export interface EventStore {
  /** Commits the batch durably, then answers one outcome per event in order. */
  write(batch: WriteBatch): Promise<WriteOutcome[]>;
  get(uuid: string): Promise<StoredEvent | undefined>;
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

export interface QuarantineStore {
  list(options: { status?: 'pending' | 'replayed'; limit: number; cursor?: number }): Promise<Page<QuarantineRecord>>;
  pending(limit: number, afterId: number): Promise<QuarantineRecord[]>;
}

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

export const materialTypes = ['qrcode', 'wechat_page', 'email', 'sms', 'web_page'] as const;
export type MaterialType = (typeof materialTypes)[number];

/** Content a customer meets (a QR code, a WeChat page, an email…): events on it carry its tags. */
export interface MaterialRecord {
  id: string;
  name: string;
  type: MaterialType;
  tags: string[];
  createdAt: number;
  updatedAt: number;
}

export interface MaterialStore {
  list(filter?: { type?: MaterialType }): Promise<MaterialRecord[]>;
  get(id: string): Promise<MaterialRecord | undefined>;
  /** false when the id is taken. */
  create(material: Pick<MaterialRecord, 'id' | 'name' | 'type' | 'tags'>): Promise<boolean>;
  /** The material after the change; undefined when there is none with this id. */
  update(id: string, changes: Partial<Pick<MaterialRecord, 'name' | 'type' | 'tags'>>): Promise<MaterialRecord | undefined>;
  delete(id: string): Promise<boolean>;
}

/** A connected WeChat official account. `token` and `encodingAesKey` are sealed (encrypted) text. */
export interface WechatAccountRecord {
  id: string;
  name: string;
  appId: string;
  sealedToken: string;
  /** null: plaintext mode only. */
  sealedEncodingAesKey: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface WechatAccountStore {
  list(): Promise<WechatAccountRecord[]>;
  get(id: string): Promise<WechatAccountRecord | undefined>;
  /** false when the id or the AppID is taken. */
  create(account: Omit<WechatAccountRecord, 'createdAt' | 'updatedAt'>): Promise<boolean>;
  update(id: string, changes: Partial<Pick<WechatAccountRecord, 'name' | 'sealedToken' | 'sealedEncodingAesKey'>>): Promise<WechatAccountRecord | undefined>;
  delete(id: string): Promise<boolean>;
}

/** A console login, kept in the database so that any collector behind a load balancer knows it. */
export interface ConsoleSessionRecord {
  /** SHA-256 of the session token the browser holds. */
  idHash: string;
  /** The hash of the key logged in with (never the key). */
  keyHash: string;
  scope: Scope;
  /** Sent in every form and checked on every POST. */
  csrf: string;
  expiresAt: number;
  /** A message for the next page shown, then dropped. */
  flash: { kind: 'ok' | 'error'; text: string } | null;
}

export interface ConsoleSessionStore {
  create(session: ConsoleSessionRecord): Promise<void>;
  /** The session, expired or not. */
  get(idHash: string): Promise<ConsoleSessionRecord | undefined>;
  update(idHash: string, changes: Partial<Pick<ConsoleSessionRecord, 'expiresAt' | 'flash'>>): Promise<void>;
  delete(idHash: string): Promise<void>;
  /** Removes the sessions expired at `now`; answers how many. */
  deleteExpired(now: number): Promise<number>;
}

/** The collector's own settings kept in the database. */
export interface MetaStore {
  /** The stored value of `key`, storing `value` first when there is none. */
  getOrInsert(key: string, value: string): Promise<string>;
  /** Raises the change counter `name` (a shared cache's) and answers its new value: collectors on this database poll the counters. */
  bumpVersion(name: string): Promise<number>;
  /** Every change counter by name. */
  versions(): Promise<Record<string, number>>;
}

export interface Store {
  readonly keys: KeyStore;
  readonly definitions: DefinitionStore;
  readonly groups: DefinitionGroupStore;
  readonly events: EventStore;
  readonly analysis: AnalysisStore;
  readonly triggers: TriggerStore;
  readonly quarantine: QuarantineStore;
  readonly materials: MaterialStore;
  readonly wechat: WechatAccountStore;
  readonly meta: MetaStore;
  readonly customers: CustomerStore;
  readonly consoleSessions: ConsoleSessionStore;
  /** Throws StorageUnavailableError when a write would fail now. */
  checkWritable(): Promise<void>;
  close(): Promise<void>;
}
