import type { Context, MiddlewareHandler } from 'hono';
import { HttpError } from '../errors/http-error';
import type { KeyRecord, Scope } from '../store/store';
import type { KeyResolver } from './key-resolver';

export type KeyEnv = { Variables: { key: KeyRecord } };

/** The key a request presents: a Bearer token, HTTP Basic username (Segment's libraries), or ?key= (sendBeacon). */
export function presentedKey(c: Context): string | undefined {
  const auth = c.req.header('authorization');
  if (auth) {
    const [scheme, value = ''] = auth.split(' ', 2);
    if (scheme?.toLowerCase() === 'bearer') return value.trim() || undefined;
    if (scheme?.toLowerCase() === 'basic') {
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      return decoded.split(':', 1)[0] || undefined;
    }
  }
  return c.req.query('key') || undefined;
}

/** Lets the request through only with a live key of one of `scopes`; the key is then `c.var.key`. */
export function requireKey(resolver: KeyResolver, scopes: readonly Scope[]): MiddlewareHandler<KeyEnv> {
  return async (c, next) => {
    const presented = presentedKey(c);
    if (!presented) throw new HttpError(401, 'invalid_key', 'send a key as "Authorization: Bearer KEY" or ?key=KEY');
    const key = await resolver.resolve(presented);
    if (!key) throw new HttpError(401, 'invalid_key', 'the key is not known or was revoked');
    if (!scopes.includes(key.scope)) {
      throw new HttpError(403, 'forbidden', `${/^[aeiou]/.test(key.scope) ? 'an' : 'a'} ${key.scope} key cannot do this — use a key with scope ${scopes.join(' or ')}`);
    }
    c.set('key', key);
    await next();
  };
}
