import type { Context, Handler, MiddlewareHandler } from 'hono';
import { checkOrigin } from '../auth/check-origin';
import type { KeyEnv } from '../auth/require-key';

/**
 * The CORS of a route a page posts to with the key in an Authorization header (analytics.js does):
 * such a request is preflighted, and a preflight carries no key to judge by, so it is answered for any
 * origin; the answer itself is readable only by an origin the key allows. The same rules as
 * POST /v1/events, which uses them too.
 */
export const ingestPreflight: Handler = (c) => {
  c.header('Access-Control-Allow-Origin', c.req.header('origin') ?? '*');
  c.header('Access-Control-Allow-Methods', 'POST, OPTIONS');
  // analytics.js marks each resend with X-Retry-Count: without it here, every retry after a 429 or 503 would fail its preflight.
  c.header('Access-Control-Allow-Headers', 'Authorization, Content-Type, Content-Encoding, X-Retry-Count');
  c.header('Access-Control-Max-Age', '86400');
  c.header('Vary', 'Origin');
  return c.body(null, 204);
};

/** Lets the page read the answer (errors included: a 401 says why), and Retry-After on a 429 or 503. */
export const ingestCorsAnswer: MiddlewareHandler = async (c, next) => {
  const origin = c.req.header('origin');
  if (origin) {
    c.header('Access-Control-Allow-Origin', origin);
    c.header('Access-Control-Expose-Headers', 'Retry-After');
    c.header('Vary', 'Origin');
  }
  await next();
};

/**
 * Withdraws the answer from the page unless the key is a public ingest key whose origins include the
 * page's: a server or admin key does not belong in a browser, and a refused origin must not read the
 * refusal as if it were allowed. Throws origin_not_allowed as checkOrigin does.
 */
export function checkBrowserOrigin(c: Context<KeyEnv>): void {
  const key = c.var.key;
  if (key.scope !== 'ingest') c.header('Access-Control-Allow-Origin', undefined);
  try {
    checkOrigin(c, key);
  } catch (error) {
    c.header('Access-Control-Allow-Origin', undefined);
    throw error;
  }
}
