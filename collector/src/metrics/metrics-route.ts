import { createRoute } from '@hono/zod-openapi';
import { requireKey, type KeyEnv } from '../auth/require-key';
import { keyErrorResponses, scopeNote, textResponse } from '../openapi/openapi-responses';
import { openApiApp } from '../openapi/openapi-app';
import type { Services } from '../services';

/** GET /metrics for an admin key; EVENTLINE_METRICS_PORT serves the same text without one, on its own port. */
export function metricsRoute(services: Services) {
  const app = openApiApp<KeyEnv>();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: ['Operations'],
      summary: 'Prometheus metrics: events by outcome, request latency, writer queue, quarantine, trigger outbox',
      description: `${scopeNote('admin')} Scrapers without a key use EVENTLINE_METRICS_PORT instead (docs/operations.md).`,
      middleware: [requireKey(services.keys, ['admin'])] as const,
      responses: { 200: textResponse('text/plain', 'The Prometheus text exposition format'), ...keyErrorResponses },
    }),
    async (c) => c.body(await services.metrics.text(), 200, { 'Content-Type': services.metrics.contentType }),
  );
  return app;
}
