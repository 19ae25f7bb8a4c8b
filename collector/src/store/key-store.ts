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
