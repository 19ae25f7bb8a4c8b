import { z, type OpenAPIHono } from '@hono/zod-openapi';
import { errorResponse, jsonResponse as json } from './openapi-responses';

// Routes written as plain Hono apps, documented here from the schemas they validate with. A route
// module that moves to openApiApp() documents itself: take it out of here then.

/** Health. */
export function registerCorePaths(registry: OpenAPIHono['openAPIRegistry']): void {
  registry.registerPath({
    method: 'get',
    path: '/healthz',
    tags: ['Health'],
    summary: 'Liveness: the process answers',
    security: [],
    responses: { 200: json(z.object({ status: z.literal('ok') }), 'Alive') },
  });

  registry.registerPath({
    method: 'get',
    path: '/readyz',
    tags: ['Health'],
    summary: 'Readiness: the store takes writes',
    security: [],
    responses: { 200: json(z.object({ status: z.literal('ready') }), 'Ready'), 503: errorResponse('The store cannot take writes') },
  });
}
