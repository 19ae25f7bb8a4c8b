import type { Scope } from './key-store';
import type { Page } from './page';

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

export interface QuarantineStore {
  list(options: { status?: 'pending' | 'replayed'; limit: number; cursor?: number }): Promise<Page<QuarantineRecord>>;
  pending(limit: number, afterId: number): Promise<QuarantineRecord[]>;
  /** How many rejected events wait for a replay. */
  countPending(): Promise<number>;
}
