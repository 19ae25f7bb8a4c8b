import { createRoute, z } from '@hono/zod-openapi';
import { requireKey, type KeyEnv } from '../auth/require-key';
import { errorResponse, keyErrorResponses, scopeNote, textResponse } from '../openapi/openapi-responses';
import { openApiApp } from '../openapi/openapi-app';
import { concurrencyGate } from '../http/concurrency-gate';
import type { Services } from '../services';
import { DebugBus } from './debug-bus';
import { debugPage } from './debug-page';

export const streamQuery = z.object({
  event: z.string().min(1).max(64).optional(),
  anonymousId: z.string().min(1).max(256).optional(),
});

/**
 * The live debugger: a Server-Sent Events stream of what arrives (GET /v1/debug/stream), and the page
 * that shows it (GET /debug, HTML, not in the document). The definitions as TypeScript are
 * /v1/definitions/types.d.ts, in definitions/.
 */
export function devloopRoute(services: Services) {
  const app = openApiApp<KeyEnv>();
  const reader = requireKey(services.keys, ['admin', 'read']);
  // Services put together by hand (not createServices) get their bus here; ingest reads it per request.
  const bus = (services.debug ??= new DebugBus());

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/debug/stream',
      tags: ['Developer'],
      summary: 'Live debugger: every event as it arrives, with what became of it',
      description:
        'Server-Sent Events. Each `data:` line is one arrival as JSON: { receivedAt, result (accepted, duplicate, rejected), rejection?, ' +
        'event, anonymousId, uuid, keyId, origin, raw }; `raw`, the event as sent, only for an admin key. A reader too slow for the arrivals gets an `overflow` event and the stream ends: reconnect. ' +
        `Read it with fetch and an Authorization header (not EventSource, which would need the key in the URL). ${scopeNote('read', 'admin')}`,
      // Retry-After 5: what EventSource-style clients wait before reconnecting anyway.
      middleware: [reader, concurrencyGate('debugger streams', services.config.concurrency.debugStreams, 5)] as const,
      request: { query: streamQuery },
      responses: {
        200: textResponse('text/event-stream', 'The stream, open until the client leaves'),
        400: errorResponse('A bad filter'),
        429: errorResponse('Too many streams open for this key or in all (EVENTLINE_MAX_DEBUG_STREAMS_PER_KEY, EVENTLINE_MAX_DEBUG_STREAMS); see Retry-After'),
        ...keyErrorResponses,
      },
    }),
    (c) => {
      const { event, anonymousId } = c.req.valid('query');
      return c.body(bus.subscribe({ event, anonymousId }, { raw: c.var.key.scope === 'admin' }), 200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        // Tells nginx not to hold the stream back in its buffer.
        'X-Accel-Buffering': 'no',
      });
    },
  );

  // The key is typed into the page, never put in it by the server.
  app.get('/debug', (c) => c.html(debugPage()));

  return app;
}
