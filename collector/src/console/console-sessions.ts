import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Scope } from '../store/store';

export interface ConsoleSession {
  id: string;
  /** The hash of the key logged in with (never the key): checked on each request, so a revoked key logs out. */
  keyHash: string;
  scope: Scope;
  /** Sent in every form and checked on every POST. */
  csrf: string;
  expiresAt: number;
  /** A message for the next page shown, then dropped. */
  flash?: { kind: 'ok' | 'error'; text: string };
}

const idleMs = 8 * 3_600_000;
const maxSessions = 10_000;

export const newToken = () => randomBytes(24).toString('base64url');

/** Equal without leaking, through timing, how much of a guess was right. */
export function sameToken(a: string | undefined, b: string): boolean {
  if (a === undefined) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Console logins, held in memory: the browser's cookie holds only a random session id. A restart logs
 * everybody out, which a console can afford.
 */
export class ConsoleSessions {
  private readonly sessions = new Map<string, ConsoleSession>();

  constructor(private readonly now: () => number = Date.now) {}

  create(keyHash: string, scope: Scope): ConsoleSession {
    if (this.sessions.size >= maxSessions) this.sweep();
    const session: ConsoleSession = { id: newToken(), keyHash, scope, csrf: newToken(), expiresAt: this.now() + idleMs };
    this.sessions.set(session.id, session);
    return session;
  }

  /** The live session with this id, its idle time restarted. */
  get(id: string | undefined): ConsoleSession | undefined {
    const session = id === undefined ? undefined : this.sessions.get(id);
    if (!session) return undefined;
    if (session.expiresAt <= this.now()) {
      this.sessions.delete(session.id);
      return undefined;
    }
    session.expiresAt = this.now() + idleMs;
    return session;
  }

  delete(id: string): void {
    this.sessions.delete(id);
  }

  private sweep() {
    const now = this.now();
    for (const [id, s] of this.sessions) if (s.expiresAt <= now) this.sessions.delete(id);
    // Still full: the oldest logins (first inserted) go first.
    for (const id of this.sessions.keys()) {
      if (this.sessions.size < maxSessions) break;
      this.sessions.delete(id);
    }
  }
}
