import { createRoute, z } from '@hono/zod-openapi';
import { requireKey, type KeyEnv } from '../auth/require-key';
import { errorResponse, jsonResponse as json, keyErrorResponses, scopeNote } from '../openapi/openapi-responses';
import { openApiApp } from '../openapi/openapi-app';
import type { Services } from '../services';
import { createKey, revokeKey } from './key-changes';
import { keyIdParam, keyRecordSchema, newKeySchema } from './key-schemas';

const tags = ['Keys'];

/** /v1/keys (admin only). A key is shown once, when it is created; only its hash is kept. */
export function keysRoute(services: Services) {
  const app = openApiApp<KeyEnv>();
  const admin = requireKey(services.keys, ['admin']);
  const { keys } = services.store;

  app.openapi(
    createRoute({
      method: 'post',
      path: '/',
      tags,
      summary: 'Create a key',
      description: `The key itself is in this answer only: the collector keeps its hash. ${scopeNote('admin')}`,
      middleware: [admin] as const,
      request: { body: { required: true, content: { 'application/json': { schema: newKeySchema } } } },
      responses: { 201: json(keyRecordSchema.extend({ key: z.string() }), 'Created, with the key'), 400: errorResponse('Not JSON, or a bad field'), ...keyErrorResponses },
    }),
    async (c) => {
      return c.json(await createKey(services, c.req.valid('json')), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags,
      summary: 'List live keys, oldest first',
      description: `Never the keys or their hashes. ${scopeNote('admin')}`,
      middleware: [admin] as const,
      responses: { 200: json(z.object({ items: z.array(keyRecordSchema) }), 'The live keys'), ...keyErrorResponses },
    }),
    async (c) => c.json({ items: await keys.list() }, 200),
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/{id}',
      tags,
      summary: 'Revoke a key',
      description: `Other collector processes stop accepting it within seconds (their key cache). ${scopeNote('admin')}`,
      middleware: [admin] as const,
      request: { params: keyIdParam },
      responses: {
        204: { description: 'Revoked' },
        404: errorResponse('No live key with this id'),
        409: errorResponse('The last admin key: create another admin key first'),
        ...keyErrorResponses,
      },
    }),
    async (c) => {
      await revokeKey(services, c.req.valid('param').id);
      return c.body(null, 204);
    },
  );

  return app;
}
