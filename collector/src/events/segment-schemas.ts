import { limits } from '@eventline/protocol';
import { z } from '@hono/zod-openapi';

// The Segment routes check the whole request by hand (segment-body.ts) and each message through the
// recorder's validator, so these only describe the fields they read (segment-to-event.ts) for the
// document; they check nothing. Anything else in a message is ignored.
export const segmentMessageSchema = z
  .looseObject({
    type: z.string().optional().openapi({ description: 'In a batch: track, identify or page; screen, group and alias are rejected unknown_event' }),
    event: z.string().optional().openapi({ description: 'track: the definition id, or its name' }),
    messageId: z.string().optional().openapi({ description: 'Made into the event uuid, so a retried message is a duplicate' }),
    userId: z.union([z.string(), z.number()]).optional().openapi({ description: 'Recorded as the external_id identity' }),
    anonymousId: z.union([z.string(), z.number()]).optional(),
    timestamp: z.union([z.string(), z.number()]).optional().openapi({ description: 'ISO-8601 or epoch ms; else originalTimestamp, the batch sentAt, or when received' }),
    originalTimestamp: z.union([z.string(), z.number()]).optional(),
    properties: z.record(z.string(), z.unknown()).optional().openapi({ description: 'track: the event properties (a name the definition has only as cl_<name> is taken as that); page: url, title, referrer become those of page_view, the rest goes to context.page' }),
    name: z.string().optional().openapi({ description: 'page: kept in context.page' }),
    traits: z.record(z.string(), z.unknown()).optional().openapi({ description: 'identify: kept in context.traits; email and phone become identities' }),
    context: z.record(z.string(), z.unknown()).optional(),
  })
  .openapi('SegmentMessage');

export const segmentBatchSchema = z
  .object({
    batch: z.array(segmentMessageSchema).max(limits.maxEventsPerBatch),
    sentAt: z.union([z.string(), z.number()]).optional(),
    context: z.record(z.string(), z.unknown()).optional().openapi({ description: 'Under each message’s own context' }),
  })
  .openapi('SegmentBatch');
