import { z } from '@hono/zod-openapi';
import type { KeyEnv } from '../auth/require-key';
import { errorResponse, itemsResponse, jsonResponse as json } from '../openapi/openapi-responses';
import { idParam } from '../openapi/id-param';
import { jsonBody } from '../openapi/json-body';
import { keyAccess, keyedRoute } from '../openapi/keyed-route';
import { openApiApp } from '../openapi/openapi-app';
import type { Services } from '../services';
import { createGroup, deleteGroup, moveToGroup, renameGroup } from './definition-group-changes';
import { definitionGroupSchema, newDefinitionGroupBody } from './definition-schemas';
import { noSuchGroup } from './no-such-group';

const tags = ['Definition groups'];
const moveBody = z.strictObject({ ids: z.array(z.string().min(1)).min(1).max(1000) }).openapi('MoveDefinitions');

/** Groups file event definitions for people; ingest ignores them. */
export function definitionGroupsRoute(services: Services) {
  const app = openApiApp<KeyEnv>();
  const { store } = services;
  const admin = keyAccess(services.keys, ['admin']);
  const reader = keyAccess(services.keys, ['admin', 'read']);

  app.openapi(
    keyedRoute(reader, {
      method: 'get',
      path: '/',
      tags,
      summary: 'List definition groups',
      responses: { 200: itemsResponse(definitionGroupSchema, 'By name, with how many events each holds') },
    }),
    async (c) => c.json({ items: await store.groups.list() }, 200),
  );

  app.openapi(
    keyedRoute(admin, {
      method: 'post',
      path: '/',
      tags,
      summary: 'Create a definition group',
      request: { body: jsonBody(newDefinitionGroupBody) },
      responses: { 201: json(definitionGroupSchema, 'Created'), 400: errorResponse('No name'), 409: errorResponse('The name is taken') },
    }),
    async (c) => c.json(await createGroup(services, c.req.valid('json').name), 201),
  );

  app.openapi(
    keyedRoute(admin, {
      method: 'patch',
      path: '/{id}',
      tags,
      summary: 'Rename a definition group',
      request: { params: idParam, body: jsonBody(newDefinitionGroupBody) },
      responses: {
        200: json(definitionGroupSchema, 'Renamed'),
        404: noSuchGroup.response,
        409: errorResponse('The name is taken'),
      },
    }),
    async (c) => c.json(await renameGroup(services, c.req.valid('param').id, c.req.valid('json').name), 200),
  );

  app.openapi(
    keyedRoute(admin, {
      method: 'delete',
      path: '/{id}',
      tags,
      summary: 'Delete a definition group',
      description: 'Its events are kept, in no group.',
      request: { params: idParam },
      responses: { 204: { description: 'Deleted' }, 404: noSuchGroup.response },
    }),
    async (c) => {
      await deleteGroup(services, c.req.valid('param').id);
      return c.body(null, 204);
    },
  );

  app.openapi(
    keyedRoute(admin, {
      method: 'post',
      path: '/{id}/events',
      tags,
      summary: 'Move events into a group',
      description: 'All or none: an id that names no live event is a 400 and nothing moves. To take an event out of every group, PATCH its group to null.',
      request: { params: idParam, body: jsonBody(moveBody) },
      responses: {
        200: json(definitionGroupSchema, 'The group after the move'),
        400: errorResponse('An id names no event'),
        404: noSuchGroup.response,
      },
    }),
    async (c) => c.json(await moveToGroup(services, c.req.valid('param').id, c.req.valid('json').ids), 200),
  );

  return app;
}
