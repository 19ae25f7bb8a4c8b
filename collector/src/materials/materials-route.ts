import { createRoute, z } from '@hono/zod-openapi';
import { v7 as uuidv7 } from 'uuid';
import { requireKey, type KeyEnv } from '../auth/require-key';
import { HttpError } from '../errors/http-error';
import { errorResponse, jsonResponse as json, keyErrorResponses, scopeNote } from '../openapi/openapi-responses';
import { openApiApp } from '../openapi/openapi-app';
import type { Services } from '../services';
import { createBody, listQuery, materialIdParam, materialSchema, patchBody } from './material-schemas';

const tags = ['Materials'];
const description = scopeNote('admin');
const notFoundResponse = errorResponse('No such material');
const badBody = errorResponse('Not JSON, or a bad field');

/** /v1/materials (admin): content materials, whose tags the events that happen on them carry. */
export function materialsRoute(services: Services) {
  const app = openApiApp<KeyEnv>();
  const admin = requireKey(services.keys, ['admin']);
  const { materials } = services.store;
  const notFound = (id: string) => new HttpError(404, 'not_found', `there is no material "${id}"`);

  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags,
      summary: 'List materials',
      description,
      middleware: [admin] as const,
      request: { query: listQuery },
      responses: { 200: json(z.object({ items: z.array(materialSchema) }), 'The materials'), 400: errorResponse('An unknown type'), ...keyErrorResponses },
    }),
    async (c) => {
      const { type } = c.req.valid('query');
      return c.json({ items: await materials.list(type ? { type } : {}) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/',
      tags,
      summary: 'Create a material',
      description: `Its id is what events name in properties.target_id (for a WeChat QR code, its scene value); a uuid when not given. ${description}`,
      middleware: [admin] as const,
      request: { body: { required: true, content: { 'application/json': { schema: createBody } } } },
      responses: { 201: json(materialSchema, 'Created'), 400: badBody, 409: errorResponse('The id is taken'), ...keyErrorResponses },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const id = body.id ?? uuidv7();
      if (!(await materials.create({ id, name: body.name, type: body.type, tags: body.tags }))) {
        throw new HttpError(409, 'conflict', `a material with id "${id}" exists`);
      }
      await services.caches.changed('materials');
      return c.json((await materials.get(id))!, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      tags,
      summary: 'One material',
      description,
      middleware: [admin] as const,
      request: { params: materialIdParam },
      responses: { 200: json(materialSchema, 'The material'), 404: notFoundResponse, ...keyErrorResponses },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const material = await materials.get(id);
      if (!material) throw notFound(id);
      return c.json(material, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/{id}',
      tags,
      summary: 'Change a material’s name, type or tags',
      description,
      middleware: [admin] as const,
      request: { params: materialIdParam, body: { required: true, content: { 'application/json': { schema: patchBody } } } },
      responses: { 200: json(materialSchema, 'The material after the change'), 400: badBody, 404: notFoundResponse, ...keyErrorResponses },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const updated = await materials.update(id, {
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.type !== undefined ? { type: body.type } : {}),
        ...(body.tags !== undefined ? { tags: body.tags } : {}),
      });
      if (!updated) throw notFound(id);
      await services.caches.changed('materials');
      return c.json(updated, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/{id}',
      tags,
      summary: 'Delete a material',
      description,
      middleware: [admin] as const,
      request: { params: materialIdParam },
      responses: { 204: { description: 'Deleted' }, 404: notFoundResponse, ...keyErrorResponses },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      if (!(await materials.delete(id))) throw notFound(id);
      await services.caches.changed('materials');
      return c.body(null, 204);
    },
  );

  return app;
}
