import { Hono } from 'hono';
import { checkOrigin } from '../auth/check-origin';
import { requireKey, type KeyEnv } from '../auth/require-key';
import type { Services } from '../services';
import { ingestEvents } from './ingest-events';
import { parseBatch } from './parse-batch';
import { readBody } from './read-body';

/**
 * POST /v1/events: the SDKs' batch endpoint. Browsers call it cross-origin, so it answers CORS
 * itself: the preflight for any origin (a preflight carries no key to judge by), the response only
 * for origins the key allows.
 */
export function eventsRoute(services: Services) {
  const app = new Hono<KeyEnv>();

  app.options('/v1/events', (c) => {
    c.header('Access-Control-Allow-Origin', c.req.header('origin') ?? '*');
    c.header('Access-Control-Allow-Methods', 'POST, OPTIONS');
    c.header('Access-Control-Allow-Headers', 'Authorization, Content-Type, Content-Encoding');
    c.header('Access-Control-Max-Age', '86400');
    c.header('Vary', 'Origin');
    return c.body(null, 204);
  });

  app.post(
    '/v1/events',
    async (c, next) => {
      const origin = c.req.header('origin');
      if (origin) {
        c.header('Access-Control-Allow-Origin', origin);
        // Without this a page cannot read Retry-After on a 503, and the SDK can only guess its backoff.
        c.header('Access-Control-Expose-Headers', 'Retry-After');
        c.header('Vary', 'Origin');
      }
      await next();
    },
    requireKey(services.keys, ['ingest', 'server', 'admin']),
    async (c) => {
      const key = c.var.key;
      // Only public ingest keys belong in a browser: with a server or admin key the page may not read the answer.
      if (key.scope !== 'ingest') c.header('Access-Control-Allow-Origin', undefined);
      try {
        checkOrigin(c, key);
      } catch (error) {
        // The browser must not read the refusal as if the origin were allowed.
        c.header('Access-Control-Allow-Origin', undefined);
        throw error;
      }
      const receivedAt = Date.now();
      const batch = parseBatch(await readBody(c.req.raw));
      services.rateLimiter.take(key, batch.events.length);
      const firstAnonymousId = (batch.events[0] as { anonymousId?: unknown } | undefined)?.anonymousId;
      const result = await ingestEvents(
        {
          events: batch.events,
          context: { receivedAt, sentAt: batch.sentAt, scope: key.scope, keyId: key.id, source: key.scope === 'ingest' ? 'sdk' : 'api' },
          dropped: { count: batch.dropped, anonymousId: typeof firstAnonymousId === 'string' ? firstAnonymousId : null },
        },
        { validator: services.validator, events: services.store.events, triggers: services.triggers },
      );
      // The live debugger (devloop/debug-bus.ts): returns at once when no one is watching.
      services.debug?.publish(batch.events, result, { receivedAt, keyId: key.id, origin: c.req.header('origin') ?? null });
      if (result.rejected.length > 0) {
        services.log.debug('events rejected', { keyId: key.id, rejected: result.rejected.map((r) => ({ index: r.index, code: r.code, path: r.path })) });
      }
      return c.json(result);
    },
  );

  return app;
}
