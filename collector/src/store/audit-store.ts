import type { Page } from './page';

export type AuditAction = 'customer.export' | 'customer.erase' | 'suppression.add' | 'suppression.lift';

/** One data-rights action: who did what to whom, with counts. It never holds event data. */
export interface AuditEntry {
  at: number;
  keyId: string | null;
  action: AuditAction;
  /** A customer id, or an identity as type:value. */
  target: string;
  counts: Record<string, number>;
}

export interface AuditRecord extends AuditEntry {
  id: number;
}

export interface AuditStore {
  append(entry: AuditEntry): Promise<void>;
  /** Newest first; the cursor is the last id read. */
  list(page: { limit: number; cursor?: number }): Promise<Page<AuditRecord>>;
}
