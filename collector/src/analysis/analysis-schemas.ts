import { z } from '@hono/zod-openapi';
import type { distributionOf, funnelOf } from './analysis-reports';
import { propertyConditionSchema } from './property-condition';

export const distributionSchema = z
  .object({
    event: z.string(),
    by: z.enum(['hour', 'weekday', 'day']),
    timezone: z.string(),
    from: z.number().int(),
    to: z.number().int(),
    total: z.number().int(),
    buckets: z.array(
      z.object({
        key: z.union([z.number().int(), z.string()]).openapi({ description: 'Hour of day 0–23, weekday mon…sun, or the local date YYYY-MM-DD' }),
        count: z.number().int(),
      }),
    ),
  })
  .openapi('Distribution') satisfies z.ZodType<Awaited<ReturnType<typeof distributionOf>>>;

export const funnelSchema = z
  .object({
    from: z.number().int(),
    to: z.number().int(),
    window: z.number().int().openapi({ description: 'ms' }),
    where: z.array(propertyConditionSchema).openapi({ description: 'The conditions every step met' }),
    steps: z.array(
      z.object({
        event: z.string(),
        where: z.array(propertyConditionSchema).openapi({ description: 'The step’s own conditions, on top of `where`' }),
        customers: z.number().int(),
        conversion: z.number().nullable().openapi({ description: 'Of the previous step; null when it had none' }),
        overall: z.number().nullable().openapi({ description: 'Of the first step; null when it had none' }),
        medianMs: z.number().int().nullable().openapi({ description: 'Median ms from the previous step; null for the first step, or when no one reached this one' }),
      }),
    ),
  })
  .openapi('Funnel') satisfies z.ZodType<Awaited<ReturnType<typeof funnelOf>>>;
