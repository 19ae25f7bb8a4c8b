import { z } from '@hono/zod-openapi';
import type { KeyEnv } from '../auth/require-key';
import { errorResponse, itemsResponse, jsonResponse as json } from '../openapi/openapi-responses';
import { idParam } from '../openapi/id-param';
import { jsonBody } from '../openapi/json-body';
import { keyAccess, keyedRoute } from '../openapi/keyed-route';
import { addListRoute } from '../openapi/list-route';
import { openApiApp } from '../openapi/openapi-app';
import { addReadByIdRoute } from '../openapi/read-by-id-route';
import type { Services } from '../services';
import { definitionCsvRoute } from './definition-csv-route';
import { definitionTypesRoute } from './definition-types-route';
import { definitionChangesBody, definitionListQuery, newDefinitionBody, storedDefinitionSchema } from './definition-schemas';
import { changeDefinition, createDefinition, deleteDefinition, restoreSystemDefaults } from './save-definition';
import { noSuchDefinition } from './no-such-definition';

const tags = ['Definitions'];

/**
 * /v1/definitions: managing event definitions. Every write refreshes the compiled-definition cache before it answers,
 * so the very next event is checked against the change.
 */
export function definitionsRoute(services: Services) {
  const app = openApiApp<KeyEnv>();
  const { store } = services;
  const admin = keyAccess(services.keys, ['admin']);
  const reader = keyAccess(services.keys, ['admin', 'read']);

  // Static paths first: "template.csv" or "types.d.ts" would otherwise be taken for an {id}.
  app.route('/', definitionCsvRoute(services));
  app.route('/', definitionTypesRoute(services));

  addListRoute(app, reader, {
    tags,
    summary: 'List event definitions',
    query: definitionListQuery,
    response: itemsResponse(storedDefinitionSchema, 'System events first, then by id'),
    badQuery: 'A bad filter',
    list: async ({ q, group, type, system }) => ({
      items: await store.definitions.list({
        ...(q && { q }),
        ...(group && { group: group === 'none' ? null : group }),
        ...(type && { type }),
        ...(system && { system: system === 'true' }),
      }),
    }),
  });

  app.openapi(
    keyedRoute(admin, {
      method: 'post',
      path: '/',
      tags,
      summary: 'Create a custom event definition',
      description: 'The id starts with cl_ and never changes. A deleted event’s id can be used again only with its type and saved properties.',
      request: { body: jsonBody(newDefinitionBody) },
      responses: {
        201: json(storedDefinitionSchema, 'Created; the next event is checked against it'),
        400: errorResponse('A field breaks a rule (the message names it)'),
        409: errorResponse('The id is taken'),
      },
    }),
    async (c) => c.json(await createDefinition(services, c.req.valid('json')), 201),
  );

  app.openapi(
    keyedRoute(admin, {
      method: 'post',
      path: '/restore-defaults',
      tags,
      summary: 'Put every system event back to its default score and stage',
      description: 'Custom events are not touched.',
      responses: { 200: json(z.object({ restored: z.number().int() }), 'How many system events were reset') },
    }),
    async (c) => c.json({ restored: await restoreSystemDefaults(services) }, 200),
  );

  addReadByIdRoute(app, reader, {
    tags,
    summary: 'Read one event definition',
    found: 'The definition',
    schema: storedDefinitionSchema,
    notFound: noSuchDefinition,
    read: (id) => store.definitions.get(id),
  });

  app.openapi(
    keyedRoute(admin, {
      method: 'patch',
      path: '/{id}',
      tags,
      summary: 'Change an event definition',
      description:
        'Only the fields sent change. The id and type never change; saved properties keep their id and type (rename and add only). ' +
        'A system event’s name and properties are fixed: only its score, stage and group change.',
      request: { params: idParam, body: jsonBody(definitionChangesBody) },
      responses: {
        200: json(storedDefinitionSchema, 'The definition as saved; the next event is checked against it'),
        400: errorResponse('The change breaks a rule (the message names the field)'),
        404: noSuchDefinition.response,
      },
    }),
    async (c) => c.json(await changeDefinition(services, c.req.valid('param').id, c.req.valid('json')), 200),
  );

  app.openapi(
    keyedRoute(admin, {
      method: 'delete',
      path: '/{id}',
      tags,
      summary: 'Delete a custom event definition',
      description: 'Its recorded events are kept; events sent with its id afterwards are rejected as unknown_event.',
      request: { params: idParam },
      responses: {
        204: { description: 'Deleted' },
        404: noSuchDefinition.response,
        409: errorResponse('A system event cannot be deleted'),
      },
    }),
    async (c) => {
      await deleteDefinition(services, c.req.valid('param').id);
      return c.body(null, 204);
    },
  );

  return app;
}
