import { HttpError } from '../errors/http-error';
import type { Config } from '../config';
import type { KeyRecord } from '../store/store';
import { TokenBuckets } from './token-buckets';

/**
 * Limits the events each key sends per second (its own rateLimit, else EVENTLINE_RATE_LIMIT) on the
 * ingest routes, in this process. A request is let in while its key's bucket holds a token, and all of
 * its events are taken at once, before anything is written: requests sent together cannot all slip in
 * before the first is counted. Over the limit the answer is 429 rate_limited with Retry-After, which
 * the SDKs and Segment's libraries wait for before resending.
 */
export class RateLimiter {
  constructor(
    private readonly config: Pick<Config, 'rateLimit'>,
    private readonly buckets = new TokenBuckets(),
  ) {}

  /** Takes `events` from the key's bucket; throws the 429 when it holds no token. */
  take(key: Pick<KeyRecord, 'id' | 'rateLimit'>, events: number): void {
    const rate = key.rateLimit ?? this.config.rateLimit;
    if (rate <= 0) return;
    const wait = this.buckets.waitSeconds(key.id, rate);
    if (wait > 0) throw new HttpError(429, 'rate_limited', `this key may send ${rate} events per second; retry in ${wait} s`, {}, { 'Retry-After': String(wait) });
    this.buckets.charge(key.id, rate, events);
  }
}
