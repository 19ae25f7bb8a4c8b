import type { IdentityRef } from './event-store';
import type { Page } from './page';

/** A (normalised) identity whose events the collector refuses and does not keep. */
export interface SuppressionRecord extends IdentityRef {
  createdAt: number;
}

export interface SuppressionStore {
  /** Newest first. */
  list(page: { limit: number; cursor?: string }): Promise<Page<SuppressionRecord>>;
  /** False when it was suppressed already. */
  add(identity: IdentityRef, at: number): Promise<boolean>;
  /** False when it was not suppressed. */
  lift(identity: IdentityRef): Promise<boolean>;
}
