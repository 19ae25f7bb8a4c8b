import { createRoute, z } from '@hono/zod-openapi';
import { requireKey, type KeyEnv } from '../auth/require-key';
import { errorResponse, jsonResponse as json, keyErrorResponses, scopeNote } from '../openapi/openapi-responses';
import { openApiApp } from '../openapi/openapi-app';
import type { Services } from '../services';
import { createGroup, deleteGroup, moveToGroup, renameGroup } from './definition-group-changes';
import { definitionGroupSchema, idParam, newDefinitionGroupBody } from './definition-schemas';

const tags = ['Definition groups'];
const moveBody = z.strictObject({ ids: z.array(z.string().min(1)).min(1).max(1000) }).openapi('MoveDefinitions');

/** Groups file event definitions for people; ingest ignores them. */
export function definitionGroupsRoute(services: Services) {
  const app = openApiApp<KeyEnv>();
  const { store } = services;
  const admin = requireKey(services.keys, ['admin']);
  const reader = requireKey(services.keys, ['admin', 'read']);

  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags,
      summary: 'List definition groups',
      description: scopeNote('read', 'admin'),
      middleware: [reader] as const,
      responses: { 200: json(z.object({ items: z.array(definitionGroupSchema) }), 'By name, with how many events each holds'), ...keyErrorResponses },
    }),
    async (c) => c.json({ items: await store.groups.list() }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/',
      tags,
      summary: 'Create a definition group',
      description: scopeNote('admin'),
      middleware: [admin] as const,
      request: { body: { required: true, content: { 'application/json': { schema: newDefinitionGroupBody } } } },
      responses: { 201: json(definitionGroupSchema, 'Created'), 400: errorResponse('No name'), 409: errorResponse('The name is taken'), ...keyErrorResponses },
    }),
    async (c) => c.json(await createGroup(services, c.req.valid('json').name), 201),
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/{id}',
      tags,
      summary: 'Rename a definition group',
      description: scopeNote('admin'),
      middleware: [admin] as const,
      request: { params: idParam, body: { required: true, content: { 'application/json': { schema: newDefinitionGroupBody } } } },
      responses: {
        200: json(definitionGroupSchema, 'Renamed'),
        404: errorResponse('No such group'),
        409: errorResponse('The name is taken'),
        ...keyErrorResponses,
      },
    }),
    async (c) => c.json(await renameGroup(services, c.req.valid('param').id, c.req.valid('json').name), 200),
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/{id}',
      tags,
      summary: 'Delete a definition group',
      description: 'Its events are kept, in no group. ' + scopeNote('admin'),
      middleware: [admin] as const,
      request: { params: idParam },
      responses: { 204: { description: 'Deleted' }, 404: errorResponse('No such group'), ...keyErrorResponses },
    }),
    async (c) => {
      await deleteGroup(services, c.req.valid('param').id);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/events',
      tags,
      summary: 'Move events into a group',
      description: 'All or none: an id that names no live event is a 400 and nothing moves. To take an event out of every group, PATCH its group to null. ' + scopeNote('admin'),
      middleware: [admin] as const,
      request: { params: idParam, body: { required: true, content: { 'application/json': { schema: moveBody } } } },
      responses: {
        200: json(definitionGroupSchema, 'The group after the move'),
        400: errorResponse('An id names no event'),
        404: errorResponse('No such group'),
        ...keyErrorResponses,
      },
    }),
    async (c) => c.json(await moveToGroup(services, c.req.valid('param').id, c.req.valid('json').ids), 200),
  );

  return app;
}
