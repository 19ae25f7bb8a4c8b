interface Bucket {
  tokens: number;
  at: number;
}

/**
 * One token bucket per key, refilled at `rate` tokens a second up to one second's worth. A request is
 * let in while its key's bucket holds a token; its events are then charged, which may leave the bucket
 * in debt: the average stays at `rate` whatever the batch size, and a burst is at most one batch.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly now: () => number = Date.now) {}

  /** 0 when a request may go ahead now, else the seconds to wait before the bucket holds a token. */
  waitSeconds(id: string, rate: number): number {
    const bucket = this.refill(id, rate);
    return bucket.tokens >= 1 ? 0 : Math.ceil((1 - bucket.tokens) / rate);
  }

  charge(id: string, rate: number, tokens: number): void {
    this.refill(id, rate).tokens -= tokens;
  }

  private refill(id: string, rate: number): Bucket {
    const now = this.now();
    let bucket = this.buckets.get(id);
    if (!bucket) {
      bucket = { tokens: rate, at: now };
      this.buckets.set(id, bucket);
    }
    bucket.tokens = Math.min(rate, bucket.tokens + ((now - bucket.at) / 1000) * rate);
    bucket.at = now;
    return bucket;
  }
}
