import { limits } from '@eventline/protocol';
import { z, type OpenAPIHono } from '@hono/zod-openapi';
import { ingestErrorResponses, ingestResponseSchema } from './core-paths';
import { jsonResponse as json, scopeNote } from './openapi-responses';

// The Segment routes check the whole request by hand (ingest/segment-body.ts) and each message through
// the event validator, so there is no zod schema to reuse: this describes the fields they read
// (ingest/segment-to-event.ts). Anything else in a message is ignored.
const segmentMessageSchema = z
  .looseObject({
    type: z.string().optional().openapi({ description: '/v1/batch only: track or identify; other types are quarantined' }),
    event: z.string().optional().openapi({ description: 'track: the definition id, or its name' }),
    messageId: z.string().optional().openapi({ description: 'Made into the event uuid, so a retried message is a duplicate' }),
    userId: z.union([z.string(), z.number()]).optional().openapi({ description: 'Recorded as the external_id identity' }),
    anonymousId: z.union([z.string(), z.number()]).optional(),
    timestamp: z.union([z.string(), z.number()]).optional().openapi({ description: 'ISO-8601 or epoch ms; else originalTimestamp, the batch sentAt, or when received' }),
    originalTimestamp: z.union([z.string(), z.number()]).optional(),
    properties: z.record(z.string(), z.unknown()).optional().openapi({ description: 'track: the event properties' }),
    traits: z.record(z.string(), z.unknown()).optional().openapi({ description: 'identify: kept in context.traits; email and phone become identities' }),
    context: z.record(z.string(), z.unknown()).optional(),
  })
  .openapi('SegmentMessage');

const segmentBatchSchema = z
  .object({
    batch: z.array(segmentMessageSchema).max(limits.maxEventsPerBatch),
    sentAt: z.union([z.string(), z.number()]).optional(),
    context: z.record(z.string(), z.unknown()).optional().openapi({ description: 'Under each message’s own context' }),
  })
  .openapi('SegmentBatch');

const about =
  'Segment HTTP Tracking API: a back end keeps its Segment library, pointed at the collector with an Eventline key as the write key ' +
  '(sent as the HTTP Basic username). Messages go through the same checks, dedupe and quarantine as POST /v1/events; a rejected ' +
  `message is listed by its index. ${scopeNote('ingest', 'server', 'admin')}`;

/** POST /v1/batch, /v1/track, /v1/identify (ingest/segment-route.ts). */
export function registerSegmentPaths(registry: OpenAPIHono['openAPIRegistry']): void {
  const routes = [
    ['/v1/batch', 'Send a Segment batch', segmentBatchSchema],
    ['/v1/track', 'Send one Segment track message', segmentMessageSchema],
    ['/v1/identify', 'Send one Segment identify message (the system event identify)', segmentMessageSchema],
  ] as const;
  for (const [path, summary, schema] of routes) {
    registry.registerPath({
      method: 'post',
      path,
      tags: ['Segment'],
      summary,
      description: about,
      request: { body: { required: true, content: { 'application/json': { schema } } } },
      responses: { 200: json(ingestResponseSchema, 'Committed; rejected messages listed by index'), ...ingestErrorResponses },
    });
  }
}
