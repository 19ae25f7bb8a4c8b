import { z } from '@hono/zod-openapi';
import type { KeyEnv } from '../auth/require-key';
import { errorResponse, itemsResponse, jsonResponse as json } from '../openapi/openapi-responses';
import { idParam } from '../openapi/id-param';
import { jsonBody } from '../openapi/json-body';
import { keyAccess, keyedRoute } from '../openapi/keyed-route';
import { openApiApp } from '../openapi/openapi-app';
import type { Services } from '../services';
import { createKey, revokeKey } from './key-changes';
import { keyRecordSchema, newKeySchema } from './key-schemas';

const tags = ['Keys'];

/** /v1/keys (admin only). A key is shown once, when it is created; only its hash is kept. */
export function keysRoute(services: Services) {
  const app = openApiApp<KeyEnv>();
  const admin = keyAccess(services.keys, ['admin']);
  const { keys } = services.store;

  app.openapi(
    keyedRoute(admin, {
      method: 'post',
      path: '/',
      tags,
      summary: 'Create a key',
      description: 'The key itself is in this answer only: the collector keeps its hash.',
      request: { body: jsonBody(newKeySchema) },
      responses: { 201: json(keyRecordSchema.extend({ key: z.string() }), 'Created, with the key'), 400: errorResponse('Not JSON, or a bad field') },
    }),
    async (c) => {
      return c.json(await createKey(services, c.req.valid('json')), 201);
    },
  );

  app.openapi(
    keyedRoute(admin, {
      method: 'get',
      path: '/',
      tags,
      summary: 'List live keys, oldest first',
      description: 'Never the keys or their hashes.',
      responses: { 200: itemsResponse(keyRecordSchema, 'The live keys') },
    }),
    async (c) => c.json({ items: await keys.list() }, 200),
  );

  app.openapi(
    keyedRoute(admin, {
      method: 'delete',
      path: '/{id}',
      tags,
      summary: 'Revoke a key',
      description: 'Other collector processes stop accepting it within seconds (their key cache).',
      request: { params: idParam },
      responses: {
        204: { description: 'Revoked' },
        404: errorResponse('No live key with this id'),
        409: errorResponse('The last admin key: create another admin key first'),
      },
    }),
    async (c) => {
      await revokeKey(services, c.req.valid('param').id);
      return c.body(null, 204);
    },
  );

  return app;
}
