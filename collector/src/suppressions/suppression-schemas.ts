import { z } from '@hono/zod-openapi';

// The wire schemas of /v1/suppressions, named for the OpenAPI document.

export const suppressionSchema = z
  .object({ type: z.string(), value: z.string(), createdAt: z.number().int() })
  .openapi('Suppression', { description: 'An identity whose events are refused (rejection code suppressed) and not kept' });

export const suppressionPageSchema = z.object({ items: z.array(suppressionSchema), nextCursor: z.string().nullable() }).openapi('SuppressionPage');

export const suppressionListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().regex(/^\d+_.+:.*$/, 'not a cursor this route answered').optional().openapi({ description: 'nextCursor of the previous page' }),
});

export const suppressionBody = z
  .object({
    identity: z.string().optional().openapi({ description: 'type:value, e.g. mobile:13800000000', example: 'mobile:13800000000' }),
    type: z.string().optional(),
    value: z.string().optional(),
  })
  .openapi('NewSuppression', { description: 'Either identity as type:value, or type and value; normalised as ingest normalises' });

export const liftQuery = z.object({
  identity: z.string().openapi({ description: 'type:value of the suppressed identity', example: 'mobile:13800000000' }),
});

export const suppressionChangeSchema = z
  .object({ type: z.string(), value: z.string(), changed: z.boolean().openapi({ description: 'false: it already was (or was not) suppressed' }) })
  .openapi('SuppressionChange');
