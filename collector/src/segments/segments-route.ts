import { v7 as uuidv7 } from 'uuid';
import { checkCustomerCondition } from '../analysis/check-customer-condition';
import type { KeyEnv } from '../auth/require-key';
import { documentedCondition } from '../customers/customer-filter-schemas';
import { errorResponse, itemsResponse, jsonResponse as json } from '../openapi/openapi-responses';
import { idParam } from '../openapi/id-param';
import { jsonBody } from '../openapi/json-body';
import { keyAccess, keyedRoute } from '../openapi/keyed-route';
import { openApiApp } from '../openapi/openapi-app';
import { addDeleteByIdRoute } from '../openapi/delete-by-id-route';
import { addReadByIdRoute } from '../openapi/read-by-id-route';
import type { Services } from '../services';
import type { SegmentRecord } from '../store/store';
import { noSuchSegment } from './no-such-segment';
import { segmentMembersRoute } from './segment-members-route';
import { newSegmentBody, segmentChangeBody, segmentSchema } from './segment-schemas';

const tags = ['Segments'];
const badBody = errorResponse('Not JSON, a bad field, an event no definition has, or a condition over the limits of /v1/customers/query');

/** /v1/segments: named customer conditions (the filter's language), their count and members. Read keys read, admin keys change. */
export function segmentsRoute(services: Services) {
  const app = openApiApp<KeyEnv>();
  const { store, config } = services;
  const reader = keyAccess(services.keys, ['admin', 'read']);
  const admin = keyAccess(services.keys, ['admin']);
  const checkDeps = { definitions: services.definitions, store: store.definitions, levels: config.activenessLevels };
  app.openAPIRegistry.register('CustomerCondition', documentedCondition);

  // Saved as written, so a window such as within: 30d keeps moving with the clock; checked now, as the filter checks it.
  const rawCondition = async (c: { req: { json(): Promise<unknown> } }) => ((await c.req.json()) as { condition?: unknown }).condition;

  app.openapi(
    keyedRoute(admin, {
      method: 'post',
      path: '/',
      tags,
      summary: 'Save a segment: a name and a customer condition',
      description: `The condition is POST /v1/customers/query's, checked the same way.`,
      request: { body: jsonBody(newSegmentBody(config.conditionLimits)) },
      responses: { 201: json(segmentSchema, 'Created'), 400: badBody },
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
    keyedRoute(reader, {
      method: 'get',
      path: '/',
      tags,
      summary: 'List segments, oldest first',
      responses: { 200: itemsResponse(segmentSchema, 'The segments') },
    }),
    async (c) => c.json({ items: await store.segments.list() }, 200),
  );

  addReadByIdRoute(app, reader, { tags, summary: 'One segment', found: 'The segment', schema: segmentSchema, notFound: noSuchSegment, read: (id) => store.segments.get(id) });

  app.openapi(
    keyedRoute(admin, {
      method: 'patch',
      path: '/{id}',
      tags,
      summary: 'Rename a segment or change its condition',
      request: { params: idParam, body: jsonBody(segmentChangeBody(config.conditionLimits)) },
      responses: { 200: json(segmentSchema, 'The segment after the change'), 400: badBody, 404: noSuchSegment.response },
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
      return c.json(noSuchSegment.unless(updated, id), 200);
    },
  );

  addDeleteByIdRoute(app, admin, { tags, summary: 'Delete a segment', done: 'Deleted', notFound: noSuchSegment, delete: (id) => store.segments.delete(id) });

  app.route('/', segmentMembersRoute(services));
  return app;
}
