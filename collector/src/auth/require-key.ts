import type { Context, MiddlewareHandler } from 'hono';
import { HttpError } from '../errors/http-error';
import type { KeyRecord, Scope } from '../store/store';
import type { KeyResolver } from './key-resolver';

export type KeyEnv = { Variables: { key: KeyRecord } };

/** A key and where the request carried it. */
export interface PresentedKey {
  value: string;
  /** ?key=: URLs end up in access logs, proxy logs and browser history. */
  inUrl: boolean;
}

/** The key a request presents: a Bearer token, HTTP Basic username (Segment's libraries), or ?key= (sendBeacon). */
export function presentedKey(c: Context): PresentedKey | undefined {
  const auth = c.req.header('authorization');
  if (auth) {
    const [scheme, value = ''] = auth.split(' ', 2);
    if (scheme?.toLowerCase() === 'bearer') return value.trim() ? { value: value.trim(), inUrl: false } : undefined;
    if (scheme?.toLowerCase() === 'basic') {
      const decoded = Buffer.from(value, 'base64').toString('utf8').split(':', 1)[0];
      return decoded ? { value: decoded, inUrl: false } : undefined;
    }
  }
  const query = c.req.query('key');
  return query ? { value: query, inUrl: true } : undefined;
}

/**
 * Lets the request through only with a live key of one of `scopes`; the key is then `c.var.key`.
 * A key in the URL is taken only where a beacon needs it: on the routes an ingest key may call, and
 * only when it is an ingest key (public anyway: it ships in the page). Any other key in a URL would
 * be written to every log the URL passes through, so it is refused without being looked up.
 */
export function requireKey(resolver: KeyResolver, scopes: readonly Scope[]): MiddlewareHandler<KeyEnv> {
  const acceptsUrlKey = scopes.includes('ingest');
  return async (c, next) => {
    const presented = presentedKey(c);
    if (!presented || (presented.inUrl && !acceptsUrlKey)) throw new HttpError(401, 'invalid_key', 'send a key as "Authorization: Bearer KEY"');
    const key = await resolver.resolve(presented.value);
    if (!key) throw new HttpError(401, 'invalid_key', 'the key is not known or was revoked');
    if (presented.inUrl && key.scope !== 'ingest') {
      throw new HttpError(401, 'invalid_key', `a ${key.scope} key is not accepted in the URL (?key=): send it as "Authorization: Bearer KEY", and revoke it if the URL was logged`);
    }
    if (!scopes.includes(key.scope)) {
      throw new HttpError(403, 'forbidden', `${/^[aeiou]/.test(key.scope) ? 'an' : 'a'} ${key.scope} key cannot do this — use a key with scope ${scopes.join(' or ')}`);
    }
    c.set('key', key);
    await next();
  };
}
