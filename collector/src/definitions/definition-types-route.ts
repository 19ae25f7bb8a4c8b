import { createRoute } from '@hono/zod-openapi';
import { requireKey, type KeyEnv } from '../auth/require-key';
import { keyErrorResponses, scopeNote, textResponse } from '../openapi/openapi-responses';
import { openApiApp } from '../openapi/openapi-app';
import type { Services } from '../services';
import { definitionTypes } from './definition-types';

/** GET /v1/definitions/types.d.ts: the definitions as TypeScript, for `createTracker<EventlineEvents>()`. */
export function definitionTypesRoute(services: Services) {
  const app = openApiApp<KeyEnv>();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/types.d.ts',
      tags: ['Developer'],
      summary: 'The event definitions as TypeScript, for createTracker<EventlineEvents>()',
      description: scopeNote('read', 'admin'),
      middleware: [requireKey(services.keys, ['admin', 'read'])] as const,
      responses: { 200: textResponse('text/plain', 'A .d.ts file declaring EventlineEvents'), ...keyErrorResponses },
    }),
    async (c) => {
      c.header('Content-Type', 'text/plain; charset=utf-8');
      return c.body(definitionTypes(await services.store.definitions.list()), 200);
    },
  );
  return app;
}
