import type { AnalysisStore } from './analysis-store';
import type { AuditStore } from './audit-store';
import type { ConsoleSessionStore } from './console-session-store';
import type { CustomerStore } from './customer-store';
import type { DefinitionGroupStore } from './definition-group-store';
import type { DefinitionStore } from './definition-store';
import type { ErasureStore } from './erasure-store';
import type { EventStore } from './event-store';
import type { KeyStore } from './key-store';
import type { MaterialStore } from './material-store';
import type { MetaStore } from './meta-store';
import type { QuarantineStore } from './quarantine-store';
import type { SegmentStore } from './segment-store';
import type { SuppressionStore } from './suppression-store';
import type { TriggerStore } from './trigger-store';
import type { WechatAccountStore } from './wechat-account-store';
import type { RetentionStore } from './retention-store';
import type { ReadStats } from './read-stats';

// Every name the store's files export, from the one path the rest of the collector has always used.
export type { AuditAction, AuditEntry, AuditRecord, AuditStore } from './audit-store';
export type { ConsoleSessionRecord, ConsoleSessionStore } from './console-session-store';
export type { CustomerRecord, CustomerStore, TagCount, TimelineEvent } from './customer-store';
export type { DefinitionGroupRecord, DefinitionGroupStore } from './definition-group-store';
export type { DefinitionChangeSet, DefinitionFilter, DefinitionStore, StoredDefinition } from './definition-store';
export type { DeliveryAbout, ErasureCounts, ErasureOutcome, ErasureRequest, ErasureStore } from './erasure-store';
export type { EventPage, EventPosition, EventQuery, EventSource, EventStore, IdentityRef, NewEvent, StoredEvent, WriteBatch, WriteOutcome } from './event-store';
export { scopes, type KeyRecord, type KeyStore, type Scope } from './key-store';
export { materialTypes, type MaterialRecord, type MaterialStore, type MaterialType } from './material-store';
export type { MetaStore } from './meta-store';
export type { Page } from './page';
export type { ReadStats } from './read-stats';
export type { QuarantineEntry, QuarantineRecord, QuarantineStore } from './quarantine-store';
export type { SegmentRecord, SegmentStore } from './segment-store';
export type { SuppressionRecord, SuppressionStore } from './suppression-store';
export type { WechatAccountRecord, WechatAccountStore } from './wechat-account-store';

export interface Store {
  readonly keys: KeyStore;
  readonly definitions: DefinitionStore;
  readonly groups: DefinitionGroupStore;
  readonly events: EventStore;
  readonly analysis: AnalysisStore;
  readonly triggers: TriggerStore;
  readonly segments: SegmentStore;
  readonly quarantine: QuarantineStore;
  readonly materials: MaterialStore;
  readonly wechat: WechatAccountStore;
  readonly meta: MetaStore;
  readonly customers: CustomerStore;
  readonly consoleSessions: ConsoleSessionStore;
  readonly retention: RetentionStore;
  /** Identities whose events are refused; checked inside the event writer's transaction. */
  readonly suppressions: SuppressionStore;
  readonly audit: AuditStore;
  readonly erasure: ErasureStore;
  /** The long reads (read-methods.ts), run apart from ingest: their queue, for the metrics. */
  readonly reads: ReadStats;
  /** Throws StorageUnavailableError when a write would fail now. */
  checkWritable(): Promise<void>;
  close(): Promise<void>;
}
