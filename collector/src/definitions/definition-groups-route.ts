import { createRoute, z } from '@hono/zod-openapi';
import { v7 as uuidv7 } from 'uuid';
import { requireKey, type KeyEnv } from '../auth/require-key';
import { HttpError } from '../errors/http-error';
import { errorResponse, jsonResponse as json, keyErrorResponses } from '../openapi/openapi-responses';
import { openApiApp } from '../openapi/openapi-app';
import type { Services } from '../services';
import { definitionGroupSchema, idParam, newDefinitionGroupBody } from './definition-schemas';

const tags = ['Definition groups'];
const moveBody = z.strictObject({ ids: z.array(z.string().min(1)).min(1).max(1000) }).openapi('MoveDefinitions');

/** Groups file event definitions for people; ingest ignores them. */
export function definitionGroupsRoute(services: Services) {
  const app = openApiApp<KeyEnv>();
  const { store } = services;
  const admin = requireKey(services.keys, ['admin']);
  const reader = requireKey(services.keys, ['admin', 'read']);

  const existing = async (id: string) => {
    const group = await store.groups.get(id);
    if (!group) throw new HttpError(404, 'not_found', `there is no definition group with the id "${id}"`);
    return group;
  };
  const nameFree = async (name: string, id?: string) => {
    const other = await store.groups.findByName(name);
    if (other && other.id !== id) throw new HttpError(409, 'conflict', `a group named "${name}" already exists (id ${other.id})`);
  };

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/definition-groups',
      tags,
      summary: 'List definition groups',
      middleware: [reader] as const,
      responses: { 200: json(z.object({ items: z.array(definitionGroupSchema) }), 'By name, with how many events each holds'), ...keyErrorResponses },
    }),
    async (c) => c.json({ items: await store.groups.list() }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/definition-groups',
      tags,
      summary: 'Create a definition group',
      middleware: [admin] as const,
      request: { body: { required: true, content: { 'application/json': { schema: newDefinitionGroupBody } } } },
      responses: { 201: json(definitionGroupSchema, 'Created'), 400: errorResponse('No name'), 409: errorResponse('The name is taken'), ...keyErrorResponses },
    }),
    async (c) => {
      const { name } = c.req.valid('json');
      await nameFree(name);
      const id = uuidv7();
      await store.groups.create({ id, name });
      return c.json(await existing(id), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/v1/definition-groups/{id}',
      tags,
      summary: 'Rename a definition group',
      middleware: [admin] as const,
      request: { params: idParam, body: { required: true, content: { 'application/json': { schema: newDefinitionGroupBody } } } },
      responses: {
        200: json(definitionGroupSchema, 'Renamed'),
        404: errorResponse('No such group'),
        409: errorResponse('The name is taken'),
        ...keyErrorResponses,
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { name } = c.req.valid('json');
      await existing(id);
      await nameFree(name, id);
      await store.groups.rename(id, name);
      return c.json(await existing(id), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/v1/definition-groups/{id}',
      tags,
      summary: 'Delete a definition group',
      description: 'Its events are kept, in no group.',
      middleware: [admin] as const,
      request: { params: idParam },
      responses: { 204: { description: 'Deleted' }, 404: errorResponse('No such group'), ...keyErrorResponses },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      if (!(await store.groups.delete(id))) throw new HttpError(404, 'not_found', `there is no definition group with the id "${id}"`);
      await services.definitions.load();
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/definition-groups/{id}/events',
      tags,
      summary: 'Move events into a group',
      description: 'All or none: an id that names no live event is a 400 and nothing moves. To take an event out of every group, PATCH its group to null.',
      middleware: [admin] as const,
      request: { params: idParam, body: { required: true, content: { 'application/json': { schema: moveBody } } } },
      responses: {
        200: json(definitionGroupSchema, 'The group after the move'),
        400: errorResponse('An id names no event'),
        404: errorResponse('No such group'),
        ...keyErrorResponses,
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { ids } = c.req.valid('json');
      await existing(id);
      const unique = [...new Set(ids)];
      const known = new Set((await store.definitions.list()).map((d) => d.id));
      const unknown = unique.filter((e) => !known.has(e));
      if (unknown.length > 0) throw new HttpError(400, 'invalid_request', `ids: no event is defined with the id ${unknown.map((e) => `"${e}"`).join(', ')}; nothing was moved`);
      await store.definitions.setGroup(unique, id);
      await services.definitions.load();
      return c.json(await existing(id), 200);
    },
  );

  return app;
}
