import { Hono } from 'hono';
import { z } from 'zod';
import { requireKey, type KeyEnv } from '../auth/require-key';
import { concurrencyGate } from '../http/concurrency-gate';
import { readQuery } from '../http/read-query';
import type { Services } from '../services';
import { DebugBus } from './debug-bus';
import { debugPage } from './debug-page';
import { definitionTypes } from './definition-types';

export const streamQuery = z.object({
  event: z.string().min(1).max(64).optional(),
  anonymousId: z.string().min(1).max(256).optional(),
});

/**
 * The developer loop: the definitions as TypeScript for `createTracker<EventlineEvents>()`, and the
 * live debugger (a Server-Sent Events stream of what arrives, and the page that shows it).
 * Mount before the definitions routes: "types.d.ts" would otherwise be taken for an event id.
 */
export function devloopRoute(services: Services) {
  const app = new Hono<KeyEnv>();
  const reader = requireKey(services.keys, ['admin', 'read']);
  // Services put together by hand (not createServices) get their bus here; ingest reads it per request.
  const bus = (services.debug ??= new DebugBus());

  app.get('/v1/definitions/types.d.ts', reader, async (c) => {
    c.header('Content-Type', 'text/plain; charset=utf-8');
    return c.body(definitionTypes(await services.store.definitions.list()));
  });

  // The key comes as a Bearer header (the page reads the stream with fetch): a key in a URL is logged.
  // Retry-After 5: what EventSource-style clients wait before reconnecting anyway.
  app.get('/v1/debug/stream', reader, concurrencyGate('debugger streams', services.config.concurrency.debugStreams, 5), (c) => {
    const { event, anonymousId } = readQuery(c, streamQuery);
    return c.body(bus.subscribe({ event, anonymousId }, { raw: c.var.key.scope === 'admin' }), 200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      // Tells nginx not to hold the stream back in its buffer.
      'X-Accel-Buffering': 'no',
    });
  });

  // The key is typed into the page, never put in it by the server.
  app.get('/debug', (c) => c.html(debugPage()));

  return app;
}
