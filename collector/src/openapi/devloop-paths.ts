import type { OpenAPIHono } from '@hono/zod-openapi';
import { streamQuery } from '../devloop/devloop-route';
import { errorResponse, keyErrorResponses, scopeNote, textResponse } from './openapi-responses';

/** The developer loop (devloop/devloop-route.ts); its /debug page is HTML and not in the document. */
export function registerDevloopPaths(registry: OpenAPIHono['openAPIRegistry']): void {
  registry.registerPath({
    method: 'get',
    path: '/v1/definitions/types.d.ts',
    tags: ['Developer'],
    summary: 'The event definitions as TypeScript, for createTracker<EventlineEvents>()',
    description: scopeNote('read', 'admin'),
    responses: { 200: textResponse('text/plain', 'A .d.ts file declaring EventlineEvents'), ...keyErrorResponses },
  });

  registry.registerPath({
    method: 'get',
    path: '/v1/debug/stream',
    tags: ['Developer'],
    summary: 'Live debugger: every event as it arrives, with what became of it',
    description:
      'Server-Sent Events. Each `data:` line is one arrival as JSON: { receivedAt, result (accepted, duplicate, rejected), rejection?, ' +
      'event, anonymousId, uuid, keyId, origin, raw }; `raw`, the event as sent, only for an admin key. A reader too slow for the arrivals gets an `overflow` event and the stream ends: reconnect. ' +
      `Read it with fetch and an Authorization header (not EventSource, which would need the key in the URL). ${scopeNote('read', 'admin')}`,
    request: { query: streamQuery },
    responses: {
      200: textResponse('text/event-stream', 'The stream, open until the client leaves'),
      400: errorResponse('A bad filter'),
      429: errorResponse('Too many streams open for this key or in all (EVENTLINE_MAX_DEBUG_STREAMS_PER_KEY, EVENTLINE_MAX_DEBUG_STREAMS); see Retry-After'),
      ...keyErrorResponses,
    },
  });
}
