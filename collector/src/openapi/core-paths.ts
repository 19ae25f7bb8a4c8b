import { eventBatchSchema, rejectionCodes, wireEventSchema, type IngestResponse, type Rejection } from '@eventline/protocol';
import { z, type OpenAPIHono } from '@hono/zod-openapi';
import { listQuery as quarantineListQuery } from '../quarantine/quarantine-route';
import { errorResponse, jsonResponse as json, keyErrorResponses, scopeNote } from './openapi-responses';

// Routes written as plain Hono apps, documented here from the schemas they validate with. A route
// module that moves to openApiApp() documents itself: take it out of here then.

const rejectionSchema = z.object({
  index: z.number().int(),
  uuid: z.string().nullable(),
  code: z.enum(rejectionCodes),
  message: z.string(),
  path: z.string(),
}) satisfies z.ZodType<Rejection>;

export const ingestResponseSchema = z
  .object({ accepted: z.number().int(), duplicates: z.number().int(), rejected: z.array(rejectionSchema) })
  .openapi('IngestResponse') satisfies z.ZodType<IngestResponse>;

/** What the ingest routes (POST /v1/events and the Segment routes) answer besides 200. */
export const ingestErrorResponses = {
  400: errorResponse('The body is not JSON (invalid_json) or not a batch (invalid_batch)'),
  ...keyErrorResponses,
  403: errorResponse('The key lacks the scope (forbidden), or it is an ingest key limited to origins and the Origin is not one (origin_not_allowed)'),
  413: errorResponse('The body or the batch is too large'),
  415: errorResponse('A Content-Type other than application/json or text/plain, or a Content-Encoding other than gzip or deflate'),
  429: errorResponse('Over the key’s events per second; Retry-After says when to retry. Nothing was recorded'),
  503: errorResponse('The store cannot take writes; nothing was recorded, retry later'),
} as const;

/** Ingest and quarantine. */
export function registerCorePaths(registry: OpenAPIHono['openAPIRegistry']): void {
  registry.registerPath({
    method: 'post',
    path: '/v1/events',
    tags: ['Ingest'],
    summary: 'Send a batch of events',
    description:
      'Each event is checked on its own against its definition; rejected ones are quarantined with their reason. ' +
      'The answer comes once the accepted events are committed. Body may be gzip (Content-Encoding). ' +
      'Browsers may call it cross-origin (it answers the CORS preflight). ' +
      scopeNote('ingest', 'server', 'admin'),
    request: {
      body: { required: true, content: { 'application/json': { schema: eventBatchSchema.extend({ events: z.array(wireEventSchema) }).openapi('EventBatch') } } },
    },
    responses: {
      200: json(ingestResponseSchema, 'Committed; rejected events listed by index'),
      ...ingestErrorResponses,
    },
  });

  registry.registerPath({
    method: 'get',
    path: '/v1/quarantine',
    tags: ['Quarantine'],
    summary: 'List rejected events with their reasons',
    description: scopeNote('admin'),
    request: { query: quarantineListQuery },
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
      400: errorResponse('A bad status, limit or cursor'),
      ...keyErrorResponses,
    },
  });

  registry.registerPath({
    method: 'post',
    path: '/v1/quarantine/replay',
    tags: ['Quarantine'],
    summary: 'Re-check pending quarantined events against today’s definitions',
    description: scopeNote('admin'),
    responses: {
      200: json(z.object({ replayed: z.number().int(), duplicates: z.number().int(), stillRejected: z.number().int() }), 'What happened to them'),
      ...keyErrorResponses,
    },
  });
}
