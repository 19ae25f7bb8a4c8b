import { z, type OpenAPIHono } from '@hono/zod-openapi';
import { newKeySchema } from '../keys/keys-route';
import { scopes, type KeyRecord } from '../store/store';
import { errorResponse, jsonResponse as json, keyErrorResponses, scopeNote } from './openapi-responses';

const keyRecordSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    scope: z.enum(scopes),
    allowedOrigins: z.array(z.string()),
    createdAt: z.number().int(),
    rateLimit: z.number().int().nullable().openapi({ description: 'Events per second; null: the collector’s default' }),
  })
  .openapi('KeyRecord') satisfies z.ZodType<KeyRecord>;

const idParam = z.object({ id: z.string() });
const tags = ['Keys'];

/** Managing keys (keys/keys-route.ts). */
export function registerKeysPaths(registry: OpenAPIHono['openAPIRegistry']): void {
  registry.registerPath({
    method: 'post',
    path: '/v1/keys',
    tags,
    summary: 'Create a key',
    description: `The key itself is in this answer only: the collector keeps its hash. ${scopeNote('admin')}`,
    request: { body: { required: true, content: { 'application/json': { schema: newKeySchema.openapi('NewKey') } } } },
    responses: {
      201: json(keyRecordSchema.extend({ key: z.string() }), 'Created, with the key'),
      400: errorResponse('Not JSON, or a bad field'),
      ...keyErrorResponses,
    },
  });

  registry.registerPath({
    method: 'get',
    path: '/v1/keys',
    tags,
    summary: 'List live keys, oldest first',
    description: `Never the keys or their hashes. ${scopeNote('admin')}`,
    responses: { 200: json(z.object({ items: z.array(keyRecordSchema) }), 'The live keys'), ...keyErrorResponses },
  });

  registry.registerPath({
    method: 'delete',
    path: '/v1/keys/{id}',
    tags,
    summary: 'Revoke a key',
    description: `Other collector processes stop accepting it within seconds (their key cache). ${scopeNote('admin')}`,
    request: { params: idParam },
    responses: {
      204: { description: 'Revoked' },
      404: errorResponse('No live key with this id'),
      409: errorResponse('The last admin key: create another admin key first'),
      ...keyErrorResponses,
    },
  });
}
