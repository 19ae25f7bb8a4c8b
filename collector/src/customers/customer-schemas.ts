import { eventTypes } from '@eventline/protocol';
import { z } from '@hono/zod-openapi';
import { jsonResponse } from '../openapi/openapi-responses';
import { isCursorNumber } from '../http/cursor-number';

// The wire schemas of the customer routes, named for the OpenAPI document. Times are epoch ms.

export const customerIdParam = z.object({
  id: z
    .string()
    .min(1)
    .openapi({ param: { name: 'id', in: 'path' }, description: 'A customer id, or - to name the customer by ?identity=type:value' }),
});

/** Beside the path id `-`: the customer holding this identity. */
export const identityQuery = z.object({
  identity: z.string().optional().openapi({ description: 'With the path id -: type:value, normalised like ingest; 404 when nobody holds it', example: 'email:ann@example.com' }),
});

export const customerSummarySchema = z
  .object({
    id: z.string(),
    identities: z.array(z.object({ type: z.string(), value: z.string(), since: z.number().int() })),
    activeness: z.number().int().openapi({ description: 'Sum of the scores of the customer’s events, each as its definition had it when the event happened' }),
    activenessLevel: z.string().openapi({ description: 'The configured level the activeness falls in (EVENTLINE_ACTIVENESS_LEVELS)' }),
    stage: z.string().nullable().openapi({ description: 'The furthest lifecycle stage the customer’s events reached' }),
    firstSeen: z.number().int(),
    lastSeen: z.number().int(),
    eventCount: z.number().int(),
    createdAt: z.number().int(),
  })
  .openapi('CustomerSummary');

export const tagCountSchema = z.object({ tag: z.string(), count: z.number().int() }).openapi('TagCount');

export const customerSchema = customerSummarySchema.extend({ topTags: z.array(tagCountSchema) }).openapi('Customer');

export const customerPageSchema = z.object({ items: z.array(customerSummarySchema), nextCursor: z.string().nullable() }).openapi('CustomerPage');

/** `numbers`: how many leading `_`-separated parts are integers (they reach bigint columns). */
const cursor = (shape: RegExp, numbers: 1 | 2) =>
  z
    .string()
    .regex(shape, 'not a cursor this route answered')
    .refine((v) => v.split('_', numbers).every(isCursorNumber), 'not a cursor this route answered')
    .optional()
    .openapi({ description: 'nextCursor of the previous page' });

export const customerListQuery = z.object({
  identity: z.string().optional().openapi({ description: 'type:value, e.g. mobile:13800000000 (normalised like ingest)', example: 'mobile:13800000000' }),
  activeness: z.string().optional().openapi({ description: 'an activeness level name, e.g. high' }),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: cursor(/^-?\d+_.+$/, 1),
});

export const timelineQuery = identityQuery.extend({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: cursor(/^-?\d+_\d+$/, 2),
});

export const tagsQuery = identityQuery.extend({ limit: z.coerce.number().int().min(1).max(1000).default(100) });

export const timelineEventSchema = z
  .object({
    uuid: z.string(),
    event: z.string().openapi({ description: 'The definition id' }),
    name: z.string().nullable().openapi({ description: 'The definition’s current name' }),
    type: z.enum(eventTypes),
    time: z.number().int(),
    receivedAt: z.number().int(),
    score: z.number().int().openapi({ description: 'As recorded: a later change to the definition’s score does not alter it' }),
    properties: z.record(z.string(), z.unknown()),
    tags: z.array(z.string()),
    source: z.string().openapi({ description: 'How it arrived: sdk, api, manual (added by hand), replay (from quarantine)…' }),
  })
  .openapi('TimelineEvent');

export const timelinePageSchema = z.object({ items: z.array(timelineEventSchema), nextCursor: z.string().nullable() }).openapi('TimelinePage');

export const mergedSchema = z
  .object({ id: z.string(), mergedInto: z.string() })
  .openapi('MergedCustomer', { description: 'The customer was merged; Location names the same resource on the survivor' });

/** What every /v1/customers/{id}… route answers for a merged id. */
export const mergedResponse = { 308: jsonResponse(mergedSchema, 'The customer was merged: Location is this path on the survivor') };

export const recordedEventSchema = timelineEventSchema
  .omit({ name: true })
  .extend({
    customerId: z.string(),
    clientTime: z.number().int(),
    context: z.record(z.string(), z.unknown()).nullable(),
    anonymousId: z.string().nullable(),
  })
  .openapi('RecordedEvent');

/**
 * An event as POST /v1/events takes it, minus what the path decides (the customer's identities) and
 * with uuid and time optional. Checked by the ingest validator itself, not here, so the rules and
 * messages are ingest's.
 */
export const manualEventBody = z
  .record(z.string(), z.unknown())
  .openapi('ManualEvent', {
    example: { event: 'cl_store_visit', properties: { cl_store: 'Shanghai 1' }, tags: ['offline'] },
    description: 'event (required), properties, tags, context; uuid (for safe retries) and time (default: now) are optional',
  });
