import { randomBytes, timingSafeEqual } from 'node:crypto';
import { hashKey } from '../auth/hash-key';
import type { ConsoleSessionRecord, ConsoleSessionStore, Scope } from '../store/store';

/** A session as the pages see it: the stored record, and the zone its pages show times in. */
export type ConsoleSession = ConsoleSessionRecord & { timeZone: string };

const idleMs = 8 * 3_600_000;
/** The idle time restarts on use, written at most this often: not a store write per page. */
const extendAfterMs = 60_000;

export const newToken = () => randomBytes(24).toString('base64url');

/** Equal without leaking, through timing, how much of a guess was right. */
export function sameToken(a: string | undefined, b: string): boolean {
  if (a === undefined) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Console logins. The browser's cookie holds a random token; the store holds its hash, so any collector
 * on the database knows the login (behind a load balancer) and a restart logs nobody out.
 */
export class ConsoleSessions {
  constructor(
    private readonly store: ConsoleSessionStore,
    private readonly now: () => number = Date.now,
  ) {}

  /** A new session, and the token for the browser's cookie. */
  async create(keyHash: string, scope: Scope): Promise<{ token: string; session: ConsoleSessionRecord }> {
    await this.store.deleteExpired(this.now());
    const token = newToken();
    const session: ConsoleSessionRecord = { idHash: hashKey(token), keyHash, scope, csrf: newToken(), expiresAt: this.now() + idleMs, flash: null };
    await this.store.create(session);
    return { token, session };
  }

  /** The live session of this token, its idle time restarted. */
  async get(token: string | undefined): Promise<ConsoleSessionRecord | undefined> {
    if (token === undefined) return undefined;
    const session = await this.store.get(hashKey(token));
    if (!session) return undefined;
    const now = this.now();
    if (session.expiresAt <= now) {
      await this.store.delete(session.idHash);
      return undefined;
    }
    if (now + idleMs - session.expiresAt > extendAfterMs) {
      session.expiresAt = now + idleMs;
      await this.store.update(session.idHash, { expiresAt: session.expiresAt });
    }
    return session;
  }

  /** Keeps the message for the next page (or its removal once shown). */
  saveFlash(session: ConsoleSessionRecord): Promise<void> {
    return this.store.update(session.idHash, { flash: session.flash });
  }

  delete(session: ConsoleSessionRecord): Promise<void> {
    return this.store.delete(session.idHash);
  }
}
