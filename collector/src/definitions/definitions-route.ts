import { createRoute, z } from '@hono/zod-openapi';
import { requireKey, type KeyEnv } from '../auth/require-key';
import { HttpError } from '../errors/http-error';
import { errorResponse, jsonResponse as json, keyErrorResponses } from '../openapi/openapi-responses';
import { openApiApp } from '../openapi/openapi-app';
import type { Services } from '../services';
import { applyDefinitionChanges, stageProblem } from './apply-definition-changes';
import { definitionCsvRoute } from './definition-csv-route';
import { definitionChangesBody, definitionListQuery, idParam, newDefinitionBody, storedDefinitionSchema } from './definition-schemas';
import { idConflict, toEventDefinition } from './new-definition';

const tags = ['Definitions'];

/**
 * Managing event definitions. Every write refreshes the compiled-definition cache before it answers,
 * so the very next event is checked against the change.
 */
export function definitionsRoute(services: Services) {
  const app = openApiApp<KeyEnv>();
  const { store, definitions, config } = services;
  const admin = requireKey(services.keys, ['admin']);
  const reader = requireKey(services.keys, ['admin', 'read']);

  const notFound = (id: string) => new HttpError(404, 'not_found', `no event is defined with the id "${id}"`);
  const checkGroup = async (group: string | null | undefined) => {
    if (group != null && !(await store.groups.get(group))) throw new HttpError(400, 'invalid_request', `group: there is no definition group with the id "${group}"`);
  };

  // Before /{id}: "template.csv" and "export.csv" would otherwise be taken for ids.
  app.route('/', definitionCsvRoute(services));

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/definitions',
      tags,
      summary: 'List event definitions',
      middleware: [reader] as const,
      request: { query: definitionListQuery },
      responses: { 200: json(z.object({ items: z.array(storedDefinitionSchema) }), 'System events first, then by id'), ...keyErrorResponses, 400: errorResponse('A bad filter') },
    }),
    async (c) => {
      const { q, group, type, system } = c.req.valid('query');
      const items = await store.definitions.list({
        ...(q && { q }),
        ...(group && { group: group === 'none' ? null : group }),
        ...(type && { type }),
        ...(system && { system: system === 'true' }),
      });
      return c.json({ items }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/definitions',
      tags,
      summary: 'Create a custom event definition',
      description: 'The id starts with cl_ and never changes. A deleted event’s id can be used again only with its type and saved properties.',
      middleware: [admin] as const,
      request: { body: { required: true, content: { 'application/json': { schema: newDefinitionBody } } } },
      responses: {
        201: json(storedDefinitionSchema, 'Created; the next event is checked against it'),
        400: errorResponse('A field breaks a rule (the message names it)'),
        409: errorResponse('The id is taken'),
        ...keyErrorResponses,
      },
    }),
    async (c) => {
      const definition = toEventDefinition(c.req.valid('json'));
      const stage = stageProblem(definition.stage, config.stages);
      if (stage) throw new HttpError(400, 'invalid_request', `stage: ${stage.message}`);
      await checkGroup(definition.group);
      const conflict = await idConflict(store.definitions, definition, config.stages);
      if (conflict) throw new HttpError(409, 'conflict', conflict);
      await store.definitions.create(definition);
      await definitions.refresh(definition.id);
      return c.json((await store.definitions.get(definition.id))!, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/definitions/restore-defaults',
      tags,
      summary: 'Put every system event back to its default score and stage',
      description: 'Custom events are not touched.',
      middleware: [admin] as const,
      responses: { 200: json(z.object({ restored: z.number().int() }), 'How many system events were reset'), ...keyErrorResponses },
    }),
    async (c) => {
      const restored = await store.definitions.restoreDefaults();
      await definitions.load();
      return c.json({ restored }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/definitions/{id}',
      tags,
      summary: 'Read one event definition',
      middleware: [reader] as const,
      request: { params: idParam },
      responses: { 200: json(storedDefinitionSchema, 'The definition'), 404: errorResponse('No live definition has this id'), ...keyErrorResponses },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const definition = await store.definitions.get(id);
      if (!definition) throw notFound(id);
      return c.json(definition, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/v1/definitions/{id}',
      tags,
      summary: 'Change an event definition',
      description:
        'Only the fields sent change. The id and type never change; saved properties keep their id and type (rename and add only). ' +
        'A system event’s name and properties are fixed: only its score, stage and group change.',
      middleware: [admin] as const,
      request: { params: idParam, body: { required: true, content: { 'application/json': { schema: definitionChangesBody } } } },
      responses: {
        200: json(storedDefinitionSchema, 'The definition as saved; the next event is checked against it'),
        400: errorResponse('The change breaks a rule (the message names the field)'),
        404: errorResponse('No live definition has this id'),
        ...keyErrorResponses,
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const saved = await store.definitions.get(id);
      if (!saved) throw notFound(id);
      const { changes, problems } = applyDefinitionChanges(saved, c.req.valid('json'), config.stages);
      if (problems.length > 0) {
        throw new HttpError(400, 'invalid_request', problems.map((p) => `${p.path}: ${p.message}`).join('; '), { issues: problems });
      }
      await checkGroup(changes.group);
      await store.definitions.update(id, changes);
      await definitions.refresh(id);
      return c.json((await store.definitions.get(id))!, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/v1/definitions/{id}',
      tags,
      summary: 'Delete a custom event definition',
      description: 'Its recorded events are kept; events sent with its id afterwards are rejected as unknown_event.',
      middleware: [admin] as const,
      request: { params: idParam },
      responses: {
        204: { description: 'Deleted' },
        404: errorResponse('No live definition has this id'),
        409: errorResponse('A system event cannot be deleted'),
        ...keyErrorResponses,
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const saved = await store.definitions.get(id);
      if (!saved) throw notFound(id);
      if (saved.system) {
        throw new HttpError(409, 'conflict', `"${id}" is a system event: it cannot be deleted (its score and stage can be changed, or restored to the defaults)`);
      }
      await store.definitions.delete(id);
      await definitions.refresh(id);
      return c.body(null, 204);
    },
  );

  return app;
}
