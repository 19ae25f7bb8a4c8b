import { createRoute, z } from '@hono/zod-openapi';
import { v7 as uuidv7 } from 'uuid';
import { checkCustomerCondition } from '../analysis/check-customer-condition';
import { requireKey, type KeyEnv } from '../auth/require-key';
import { documentedCondition } from '../customers/customer-filter-schemas';
import { HttpError } from '../errors/http-error';
import { errorResponse, jsonResponse as json, keyErrorResponses, scopeNote } from '../openapi/openapi-responses';
import { openApiApp } from '../openapi/openapi-app';
import type { Services } from '../services';
import type { SegmentRecord } from '../store/store';
import { segmentMembersRoute } from './segment-members-route';
import { newSegmentBody, segmentChangeBody, segmentIdParam, segmentSchema } from './segment-schemas';

const tags = ['Segments'];
const notFoundResponse = errorResponse('No such segment');
const segmentNotFound = (id: string) => new HttpError(404, 'not_found', `there is no segment with the id "${id}"`);
const badBody = errorResponse('Not JSON, a bad field, an event no definition has, or a condition over the limits of /v1/customers/query');

/** /v1/segments: named customer conditions (the filter's language), their count and members. Read keys read, admin keys change. */
export function segmentsRoute(services: Services) {
  const app = openApiApp<KeyEnv>();
  const { store, config } = services;
  const reader = requireKey(services.keys, ['admin', 'read']);
  const admin = requireKey(services.keys, ['admin']);
  const checkDeps = { definitions: services.definitions, store: store.definitions, levels: config.activenessLevels };
  app.openAPIRegistry.register('CustomerCondition', documentedCondition);

  // Saved as written, so a window such as within: 30d keeps moving with the clock; checked now, as the filter checks it.
  const rawCondition = async (c: { req: { json(): Promise<unknown> } }) => ((await c.req.json()) as { condition?: unknown }).condition;

  app.openapi(
    createRoute({
      method: 'post',
      path: '/',
      tags,
      summary: 'Save a segment: a name and a customer condition',
      description: `The condition is POST /v1/customers/query's, checked the same way. ${scopeNote('admin')}`,
      middleware: [admin] as const,
      request: { body: { required: true, content: { 'application/json': { schema: newSegmentBody(config.conditionLimits) } } } },
      responses: { 201: json(segmentSchema, 'Created'), 400: badBody, ...keyErrorResponses },
    }),
    async (c) => {
      const body = c.req.valid('json');
      await checkCustomerCondition(body.condition, Date.now(), checkDeps);
      const now = Date.now();
      const segment: SegmentRecord = { id: uuidv7(), name: body.name, condition: await rawCondition(c), createdAt: now, updatedAt: now };
      await store.segments.create(segment);
      return c.json(segment, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags,
      summary: 'List segments, oldest first',
      description: scopeNote('read', 'admin'),
      middleware: [reader] as const,
      responses: { 200: json(z.object({ items: z.array(segmentSchema) }), 'The segments'), ...keyErrorResponses },
    }),
    async (c) => c.json({ items: await store.segments.list() }, 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      tags,
      summary: 'One segment',
      description: scopeNote('read', 'admin'),
      middleware: [reader] as const,
      request: { params: segmentIdParam },
      responses: { 200: json(segmentSchema, 'The segment'), 404: notFoundResponse, ...keyErrorResponses },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const segment = await store.segments.get(id);
      if (!segment) throw segmentNotFound(id);
      return c.json(segment, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/{id}',
      tags,
      summary: 'Rename a segment or change its condition',
      description: scopeNote('admin'),
      middleware: [admin] as const,
      request: { params: segmentIdParam, body: { required: true, content: { 'application/json': { schema: segmentChangeBody(config.conditionLimits) } } } },
      responses: { 200: json(segmentSchema, 'The segment after the change'), 400: badBody, 404: notFoundResponse, ...keyErrorResponses },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      if (body.condition !== undefined) await checkCustomerCondition(body.condition, Date.now(), checkDeps);
      const updated = await store.segments.update(id, {
        updatedAt: Date.now(),
        ...(body.name !== undefined && { name: body.name }),
        ...(body.condition !== undefined && { condition: await rawCondition(c) }),
      });
      if (!updated) throw segmentNotFound(id);
      return c.json(updated, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/{id}',
      tags,
      summary: 'Delete a segment',
      description: scopeNote('admin'),
      middleware: [admin] as const,
      request: { params: segmentIdParam },
      responses: { 204: { description: 'Deleted' }, 404: notFoundResponse, ...keyErrorResponses },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      if (!(await store.segments.delete(id))) throw segmentNotFound(id);
      return c.body(null, 204);
    },
  );

  app.route('/', segmentMembersRoute(services));
  return app;
}
