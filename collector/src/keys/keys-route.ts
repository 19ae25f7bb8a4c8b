import { createRoute, z } from '@hono/zod-openapi';
import { v7 as uuidv7 } from 'uuid';
import { generateKey } from '../auth/generate-key';
import { hashKey } from '../auth/hash-key';
import { requireKey, type KeyEnv } from '../auth/require-key';
import { HttpError } from '../errors/http-error';
import { errorResponse, jsonResponse as json, keyErrorResponses, scopeNote } from '../openapi/openapi-responses';
import { openApiApp } from '../openapi/openapi-app';
import type { Services } from '../services';
import type { KeyRecord } from '../store/store';
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
      const input = c.req.valid('json');
      const key = generateKey(input.scope);
      const record: KeyRecord = { id: uuidv7(), ...input, createdAt: Date.now() };
      await keys.create({ ...record, hash: hashKey(key) });
      return c.json({ ...record, key }, 201);
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
      const { id } = c.req.valid('param');
      const target = (await keys.list()).find((k) => k.id === id);
      if (!target) throw new HttpError(404, 'not_found', `there is no live key with the id "${id}"`);
      if (target.scope === 'admin' && (await keys.countByScope('admin')) === 1) {
        throw new HttpError(409, 'conflict', 'this is the last admin key: create another admin key before revoking it');
      }
      await keys.revoke(id, Date.now());
      // Other collector processes stop accepting it when their key cache expires (seconds).
      await services.caches.changed('keys');
      return c.body(null, 204);
    },
  );

  return app;
}
