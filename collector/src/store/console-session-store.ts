import type { Scope } from './key-store';

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
