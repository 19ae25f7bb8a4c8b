import { eventBatchSchema, rejectionCodes, wireEventSchema, type IngestResponse, type Rejection } from '@eventline/protocol';
import { z, type OpenAPIHono } from '@hono/zod-openapi';
import { errorResponse, jsonResponse as json, keyErrorResponses } from './openapi-responses';

// Routes written as plain Hono apps, documented here from the protocol's schemas without touching
// their files. A route module that moves to openApiApp() documents itself: take it out of here then.

const rejectionSchema = z.object({
  index: z.number().int(),
  uuid: z.string().nullable(),
  code: z.enum(rejectionCodes),
  message: z.string(),
  path: z.string(),
}) satisfies z.ZodType<Rejection>;

const ingestResponseSchema = z
  .object({ accepted: z.number().int(), duplicates: z.number().int(), rejected: z.array(rejectionSchema) })
  .openapi('IngestResponse') satisfies z.ZodType<IngestResponse>;


/** Ingest, quarantine and health. */
export function registerCorePaths(registry: OpenAPIHono['openAPIRegistry']): void {
  registry.registerPath({
    method: 'post',
    path: '/v1/events',
    tags: ['Ingest'],
    summary: 'Send a batch of events',
    description:
      'Each event is checked on its own against its definition; rejected ones are quarantined with their reason. ' +
      'The answer comes once the accepted events are committed. Body may be gzip (Content-Encoding).',
    request: {
      body: { required: true, content: { 'application/json': { schema: eventBatchSchema.extend({ events: z.array(wireEventSchema) }).openapi('EventBatch') } } },
    },
    responses: {
      200: json(ingestResponseSchema, 'Committed; rejected events listed by index'),
      400: errorResponse('The body is not a batch'),
      413: errorResponse('The batch is too large'),
      503: errorResponse('The store cannot take writes; nothing was recorded, retry later'),
      ...keyErrorResponses,
    },
  });

  registry.registerPath({
    method: 'get',
    path: '/v1/quarantine',
    tags: ['Quarantine'],
    summary: 'List rejected events with their reasons',
    request: {
      query: z.object({
        status: z.enum(['pending', 'replayed']).default('pending'),
        limit: z.coerce.number().int().min(1).max(500).default(100),
        cursor: z.coerce.number().int().positive().optional(),
      }),
    },
    responses: {
      200: json(
        z.object({
          items: z.array(
            z.looseObject({ id: z.number().int(), uuid: z.string().nullable(), event: z.string().nullable(), code: z.string(), message: z.string(), path: z.string(), raw: z.unknown() }),
          ),
          nextCursor: z.string().nullable(),
        }),
        'Newest first',
      ),
      ...keyErrorResponses,
    },
  });

  registry.registerPath({
    method: 'post',
    path: '/v1/quarantine/replay',
    tags: ['Quarantine'],
    summary: 'Re-check pending quarantined events against today’s definitions',
    responses: {
      200: json(z.object({ replayed: z.number().int(), duplicates: z.number().int(), stillRejected: z.number().int() }), 'What happened to them'),
      ...keyErrorResponses,
    },
  });

  registry.registerPath({
    method: 'get',
    path: '/healthz',
    tags: ['Health'],
    summary: 'Liveness: the process answers',
    security: [],
    responses: { 200: json(z.object({ status: z.literal('ok') }), 'Alive') },
  });

  registry.registerPath({
    method: 'get',
    path: '/readyz',
    tags: ['Health'],
    summary: 'Readiness: the store takes writes',
    security: [],
    responses: { 200: json(z.object({ status: z.literal('ready') }), 'Ready'), 503: errorResponse('The store cannot take writes') },
  });
}
