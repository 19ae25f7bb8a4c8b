import type { Context } from 'hono';
import { HttpError } from '../errors/http-error';
import type { KeyRecord } from '../store/store';

/** An ingest key limited to some origins refuses a request from any other (servers send no Origin). */
export function checkOrigin(c: Context, key: KeyRecord): void {
  const origin = c.req.header('origin');
  if (origin && key.scope === 'ingest' && key.allowedOrigins.length > 0 && !key.allowedOrigins.includes(origin)) {
    throw new HttpError(403, 'origin_not_allowed', `this key does not accept events from ${origin}`);
  }
}
