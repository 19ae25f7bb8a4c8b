import type { MiddlewareHandler } from 'hono';
import { HttpError } from '../errors/http-error';
import type { Services } from '../services';
import { presentedKey } from './require-key';
import { TokenBuckets } from './token-buckets';

/**
 * Limits the events each key sends per second (its own rateLimit, else EVENTLINE_RATE_LIMIT) on the
 * ingest routes, in this process. Over the limit the answer is 429 rate_limited with Retry-After, which
 * the SDKs and Segment's libraries wait for before resending. Requests without a live key pass through
 * untouched: the route's own key check answers them.
 */
export function rateLimit(services: Pick<Services, 'keys' | 'config'>, buckets = new TokenBuckets()): MiddlewareHandler {
  return async (c, next) => {
    const presented = presentedKey(c);
    const key = presented === undefined ? undefined : await services.keys.resolve(presented);
    const rate = key ? (key.rateLimit ?? services.config.rateLimit) : 0;
    if (!key || rate <= 0) return next();

    const wait = buckets.waitSeconds(key.id, rate);
    if (wait > 0) {
      const origin = c.req.header('origin');
      // A browser only lets the SDK read the status and Retry-After of a cross-origin answer it was allowed.
      if (origin) {
        c.header('Access-Control-Allow-Origin', origin);
        c.header('Access-Control-Expose-Headers', 'Retry-After');
        c.header('Vary', 'Origin');
      }
      throw new HttpError(429, 'rate_limited', `this key may send ${rate} events per second; retry in ${wait} s`, {}, { 'Retry-After': String(wait) });
    }
    buckets.charge(key.id, rate, 1);
    await next();
    if (c.res.status === 200) buckets.charge(key.id, rate, Math.max(0, (await eventsIn(c.res)) - 1));
  };
}

/** How many events an ingest answer ({accepted, duplicates, rejected}) accounts for. */
async function eventsIn(response: Response): Promise<number> {
  try {
    const body = (await response.clone().json()) as { accepted?: unknown; duplicates?: unknown; rejected?: unknown };
    const count = (v: unknown) => (typeof v === 'number' ? v : 0);
    return count(body.accepted) + count(body.duplicates) + (Array.isArray(body.rejected) ? body.rejected.length : 0);
  } catch {
    return 1;
  }
}
