import { createRoute, z } from '@hono/zod-openapi';
import { requireKey, type KeyEnv } from '../auth/require-key';
import { errorResponse, keyErrorResponses, scopeNote, textResponse } from '../openapi/openapi-responses';
import { openApiApp } from '../openapi/openapi-app';
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
        'event, anonymousId, uuid, keyId, origin, raw }. A reader too slow for the arrivals gets an `overflow` event and the stream ends: reconnect. EventSource sends ' +
        `no headers, so the key may come as ?key=. ${scopeNote('read', 'admin')}`,
      // EventSource cannot send headers, so the key comes as ?key= (requireKey reads it there too).
      middleware: [reader] as const,
      request: { query: streamQuery },
      responses: { 200: textResponse('text/event-stream', 'The stream, open until the client leaves'), 400: errorResponse('A bad filter'), ...keyErrorResponses },
    }),
    (c) => {
      const { event, anonymousId } = c.req.valid('query');
      return c.body(bus.subscribe({ event, anonymousId }), 200, {
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
