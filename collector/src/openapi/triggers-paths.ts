import { z, type OpenAPIHono } from '@hono/zod-openapi';
import { propertyConditionsSchema } from '../analysis/property-condition';
import { deliveriesQuery, triggerBody } from '../triggers/triggers-route';
import type { DeliveryRecord, TriggerRecord } from '../store/trigger-store';
import { errorResponse, jsonResponse as json, keyErrorResponses, scopeNote } from './openapi-responses';

const triggerSchema = z
  .object({ id: z.string(), event: z.string(), where: propertyConditionsSchema, url: z.string(), createdAt: z.number().int() })
  .openapi('Trigger', { description: 'Never its secret' }) satisfies z.ZodType<Omit<TriggerRecord, 'secret'>>;

const deliverySchema = z
  .object({
    id: z.string(),
    triggerId: z.string(),
    eventUuid: z.string(),
    status: z.enum(['pending', 'delivered', 'failed', 'cancelled']),
    attempts: z.number().int(),
    nextAttemptAt: z.number().int().nullable(),
    createdAt: z.number().int(),
    deliveredAt: z.number().int().nullable(),
    lastError: z.string().nullable(),
    attemptLog: z.array(
      z.object({ attempt: z.number().int(), at: z.number().int(), durationMs: z.number().int(), status: z.number().int().nullable(), error: z.string().nullable() }),
    ),
  })
  .openapi('Delivery') satisfies z.ZodType<DeliveryRecord>;

const idParam = z.object({ id: z.string() });
const tags = ['Triggers'];
const admin = scopeNote('admin');
const notFound = errorResponse('No such trigger');

/** Event triggers and their deliveries (flows/triggers-route.ts). */
export function registerTriggersPaths(registry: OpenAPIHono['openAPIRegistry']): void {
  registry.registerPath({
    method: 'post',
    path: '/v1/triggers',
    tags,
    summary: 'Create a trigger: a signed webhook for each matching event',
    description: `Delivered at least once, retried for 24 h; each request is signed with the secret. ${admin}`,
    request: { body: { required: true, content: { 'application/json': { schema: triggerBody.openapi('NewTrigger') } } } },
    responses: { 201: json(triggerSchema, 'Created'), 400: errorResponse('Not JSON, a bad field, or an event no definition has'), ...keyErrorResponses },
  });

  registry.registerPath({
    method: 'get',
    path: '/v1/triggers',
    tags,
    summary: 'List live triggers, oldest first',
    description: admin,
    responses: { 200: json(z.object({ items: z.array(triggerSchema) }), 'The triggers'), ...keyErrorResponses },
  });

  registry.registerPath({
    method: 'get',
    path: '/v1/triggers/{id}',
    tags,
    summary: 'One trigger',
    description: admin,
    request: { params: idParam },
    responses: { 200: json(triggerSchema, 'The trigger'), 404: notFound, ...keyErrorResponses },
  });

  registry.registerPath({
    method: 'delete',
    path: '/v1/triggers/{id}',
    tags,
    summary: 'Delete a trigger; its pending deliveries are cancelled',
    description: admin,
    request: { params: idParam },
    responses: { 204: { description: 'Deleted' }, 404: notFound, ...keyErrorResponses },
  });

  registry.registerPath({
    method: 'get',
    path: '/v1/triggers/{id}/deliveries',
    tags,
    summary: 'A trigger’s deliveries, newest first, with their attempts',
    description: admin,
    request: { params: idParam, query: deliveriesQuery },
    responses: {
      200: json(z.object({ items: z.array(deliverySchema), nextCursor: z.string().nullable() }), 'One page'),
      400: errorResponse('A bad limit or cursor'),
      404: notFound,
      ...keyErrorResponses,
    },
  });
}
