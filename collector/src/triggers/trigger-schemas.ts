import { z } from '@hono/zod-openapi';
import { propertyConditionsSchema } from '../analysis/property-condition';
import type { DeliveryRecord, TriggerRecord } from '../store/trigger-store';

export const triggerBody = z
  .object({
    event: z.string().min(1),
    where: propertyConditionsSchema.default([]),
    url: z.url({ protocol: /^https?$/, error: 'an http(s) URL' }),
    secret: z.string().min(16, 'at least 16 characters').max(256),
  })
  .strict()
  .openapi('NewTrigger');

export const deliveriesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().min(1).max(64).optional(),
});

export const triggerIdParam = z.object({ id: z.string().min(1).openapi({ param: { name: 'id', in: 'path' } }) });

export const triggerSchema = z
  .object({ id: z.string(), event: z.string(), where: propertyConditionsSchema, url: z.string(), createdAt: z.number().int() })
  .openapi('Trigger', { description: 'Never its secret' }) satisfies z.ZodType<Omit<TriggerRecord, 'secret'>>;

export const deliverySchema = z
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
