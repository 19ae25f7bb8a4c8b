import { createRoute } from '@hono/zod-openapi';
import { requireKey, type KeyEnv } from '../auth/require-key';
import { openApiApp } from '../openapi/openapi-app';
import { jsonResponse as json, scopeNote } from '../openapi/openapi-responses';
import type { Services } from '../services';
import { eventBatchBodySchema, ingestErrorResponses, ingestResponseSchema, rawJsonBody } from './ingest-schemas';
import { plausibleSentAt } from '../recorder/event-time';
import { deriveEventUuids } from './derive-event-uuids';
import { checkBrowserOrigin, ingestCorsAnswer, ingestPreflight } from './ingest-cors';
import { parseBatch } from './parse-batch';
import { readBody } from './read-body';

/**
 * POST /v1/events: the SDKs' batch endpoint. Browsers call it cross-origin, so it answers CORS
 * itself: the preflight for any origin (a preflight carries no key to judge by), the response only
 * for origins the key allows.
 */
export function eventsRoute(services: Services) {
  const app = openApiApp<KeyEnv>();
  app.openAPIRegistry.register('EventBatch', eventBatchBodySchema);

  app.options('/', ingestPreflight);

  app.openapi(
    createRoute({
      method: 'post',
      path: '/',
      tags: ['Ingest'],
      summary: 'Send a batch of events',
      description:
        'Each event is checked on its own against its definition; rejected ones are quarantined with their reason. ' +
        'The answer comes once the accepted events are committed. Body may be gzip (Content-Encoding). ' +
        'Browsers may call it cross-origin (it answers the CORS preflight). ' +
        'With a server or admin key, events may leave out time (then: when received) and uuid, given an Idempotency-Key header ' +
        '(each uuid is then derived from the key, the header and the event’s index, so a retry is stored once). ' +
        scopeNote('ingest', 'server', 'admin'),
      middleware: [ingestCorsAnswer, requireKey(services.keys, ['ingest', 'server', 'admin'])] as const,
      request: { body: rawJsonBody('EventBatch') },
      responses: { 200: json(ingestResponseSchema, 'Committed; rejected events listed by index'), ...ingestErrorResponses },
    }),
    async (c) => {
      const key = c.var.key;
      checkBrowserOrigin(c);
      const receivedAt = Date.now();
      const batch = parseBatch(await readBody(c.req.raw));
      // Ingest keys are the SDKs', which always send uuids: a missing one is rejected per event as before.
      const events = key.scope === 'ingest' ? batch.events : deriveEventUuids(batch.events, key.id, c.req.header('idempotency-key'));
      services.rateLimiter.take(key, events.length);
      const firstAnonymousId = (events[0] as { anonymousId?: unknown } | undefined)?.anonymousId;
      const result = await services.recorder.record(
        events,
        { receivedAt, ...plausibleSentAt(batch.sentAt, receivedAt), scope: key.scope, keyId: key.id, source: key.scope === 'ingest' ? 'sdk' : 'api' },
        {
          dropped: { count: batch.dropped, anonymousId: typeof firstAnonymousId === 'string' ? firstAnonymousId : null },
          live: { origin: c.req.header('origin') ?? null },
        },
      );
      if (result.rejected.length > 0) {
        services.log.debug('events rejected', { keyId: key.id, rejected: result.rejected.map((r) => ({ index: r.index, code: r.code, path: r.path })) });
      }
      return c.json(result, 200);
    },
  );

  return app;
}
