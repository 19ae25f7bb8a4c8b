import type { AuditEntry } from './audit-store';

/** What an erasure needs told from above: the store does not know how identities are normalised. */
export interface ErasureRequest {
  customerId: string;
  /** Put the customer's identities on the suppression list in the same transaction. */
  suppress: boolean;
  /** Whether a quarantined event (its raw JSON) names one of these identities. */
  quarantineNames(raw: string, identities: ReadonlySet<string>): boolean;
  /** Written in the same transaction, with the counts added. */
  audit: Omit<AuditEntry, 'counts'>;
}

/** Rows removed (or suppressions added) per table. */
export type ErasureCounts = Record<string, number>;

export interface ErasureOutcome {
  /** The customer and those that were merged into it. */
  erased: string[];
  counts: ErasureCounts;
}

/** One delivery of a trigger about one of a customer's events. */
export interface DeliveryAbout {
  id: string;
  triggerId: string;
  eventUuid: string;
  status: string;
  attempts: number;
  createdAt: number;
  deliveredAt: number | null;
  lastError: string | null;
}

export interface ErasureStore {
  /**
   * Removes the live customer, those merged into it, and everything held about them, in one
   * transaction. Undefined when there is no such live customer.
   */
  erase(request: ErasureRequest): Promise<ErasureOutcome | undefined>;
  /** The deliveries about the customer's events, by id. */
  deliveriesAbout(customerId: string, page: { limit: number; afterId?: string }): Promise<DeliveryAbout[]>;
}
