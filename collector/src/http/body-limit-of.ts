import type { Context } from 'hono';
import type { BodyLimits } from '../config';

/**
 * The ingest routes read their own body (events/read-body.ts): they count it on the wire and again
 * while gunzipping, and answer 413 themselves, so the app-wide limit leaves them alone.
 */
const ingestPaths = new Set([
  '/v1/events',
  // The Segment routes: back-end libraries, then analytics.js (the first letter of each call type, /v1/b its batch).
  '/v1/batch',
  '/v1/track',
  '/v1/identify',
  '/v1/t',
  '/v1/p',
  '/v1/i',
  '/v1/s',
  '/v1/g',
  '/v1/a',
  '/v1/b',
]);

/** The body limit of a request's route family; undefined for the ingest routes. */
export function bodyLimitOf(limits: BodyLimits): (c: Context) => number | undefined {
  return (c) => {
    const path = c.req.path;
    if (ingestPaths.has(path)) return undefined;
    if (/^\/v1\/wechat\/[^/]+\/callback$/.test(path)) return limits.wechat;
    if (path === '/v1/definitions/import' || path === '/console/events/batch') return limits.csv;
    if (path === '/console' || path.startsWith('/console/')) return limits.form;
    return limits.json;
  };
}
