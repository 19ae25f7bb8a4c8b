import { eventBatchSchema, rejectionCodes, wireEventSchema, type IngestResponse, type Rejection } from '@eventline/protocol';
import { z } from '@hono/zod-openapi';
import { errorResponse, keyErrorResponses } from '../openapi/openapi-responses';

const rejectionSchema = z.object({
  index: z.number().int(),
  uuid: z.string().nullable(),
  code: z.enum(rejectionCodes),
  message: z.string(),
  path: z.string(),
}) satisfies z.ZodType<Rejection>;

/** What POST /v1/events and the Segment routes answer once the batch is committed. */
export const ingestResponseSchema = z
  .object({ accepted: z.number().int(), duplicates: z.number().int(), rejected: z.array(rejectionSchema) })
  .openapi('IngestResponse') satisfies z.ZodType<IngestResponse>;

/** The body of POST /v1/events as documented; the route reads it by hand (gzip, text/plain). */
export const eventBatchBodySchema = eventBatchSchema.extend({ events: z.array(wireEventSchema) }).openapi('EventBatch');

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

/**
 * A request body the route reads itself (readBody: gzip or deflate, JSON sent as application/json or
 * text/plain), described by a registered schema's name. A reference rather than the zod schema, so
 * the route's declaration does not check the body a second time.
 */
export const rawJsonBody = (schemaName: string) => {
  const content = { schema: { $ref: `#/components/schemas/${schemaName}` } };
  return { required: true, content: { 'application/json': content, 'text/plain': content } };
};
