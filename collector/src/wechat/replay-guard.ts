/** What a guard makes of a signed push: first seen, WeChat sending the same push again, or a replay. */
export type ReplayVerdict = 'fresh' | 'stale' | 'retry' | 'replayed';

/**
 * Remembers the (timestamp, nonce) of each plaintext push for as long as its timestamp is accepted.
 * A plaintext push's signature covers token, timestamp and nonce but not the body, so a signed query
 * string copied from any proxy log would otherwise carry any forged body: it is accepted once, and
 * again only with the same body (WeChat's own retries, which ingest deduplicates).
 *
 * Per process: collectors behind a load balancer each keep their own, so a replay sent to another
 * node within the window gets through there (docs/wechat.md: use safe mode).
 */
export class ReplayGuard {
  private readonly seen = new Map<string, { digest: string; expiresAt: number }>();

  constructor(
    /** How far a push's timestamp may be from the collector's clock, either way. */
    readonly windowMs: number,
    /** Most (timestamp, nonce) pairs held; past it the oldest is forgotten first. */
    private readonly maxEntries = 100_000,
  ) {}

  /** WeChat's timestamp is in seconds; one that is not a number is as stale as one an hour old. */
  isFresh(timestamp: string, now = Date.now()): boolean {
    const ms = /^\d{1,12}$/.test(timestamp) ? Number(timestamp) * 1000 : NaN;
    return Math.abs(now - ms) <= this.windowMs;
  }

  /** Judges a push whose signature matched; `digest` stands for what the signature does not cover. */
  admit(scope: string, timestamp: string, nonce: string, digest: string, now = Date.now()): ReplayVerdict {
    if (!this.isFresh(timestamp, now)) return 'stale';
    this.forgetExpired(now);
    const key = `${scope}\n${timestamp}\n${nonce}`;
    const known = this.seen.get(key);
    if (known) return known.digest === digest ? 'retry' : 'replayed';
    if (this.seen.size >= this.maxEntries) this.seen.delete(this.seen.keys().next().value!);
    this.seen.set(key, { digest, expiresAt: Number(timestamp) * 1000 + this.windowMs });
    return 'fresh';
  }

  /** Entries go in roughly in expiry order, so the expired ones are at the front. */
  private forgetExpired(now: number): void {
    for (const [key, { expiresAt }] of this.seen) {
      if (expiresAt >= now) return;
      this.seen.delete(key);
    }
  }

  get size(): number {
    return this.seen.size;
  }
}
