import { createRoute, z } from '@hono/zod-openapi';
import { errorResponse, jsonResponse as json } from '../openapi/openapi-responses';
import { openApiApp } from '../openapi/openapi-app';
import type { Services } from '../services';

const tags = ['Health'];

/** Liveness (the process answers) and readiness (the store takes writes). */
export function healthRoute(services: Services) {
  const app = openApiApp();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/healthz',
      tags,
      summary: 'Liveness: the process answers',
      security: [],
      responses: { 200: json(z.object({ status: z.literal('ok') }), 'Alive') },
    }),
    (c) => c.json({ status: 'ok' as const }, 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/readyz',
      tags,
      summary: 'Readiness: the store takes writes',
      security: [],
      responses: { 200: json(z.object({ status: z.literal('ready') }), 'Ready'), 503: errorResponse('The store cannot take writes') },
    }),
    async (c) => {
      await services.store.checkWritable();
      return c.json({ status: 'ready' as const }, 200);
    },
  );
  return app;
}
