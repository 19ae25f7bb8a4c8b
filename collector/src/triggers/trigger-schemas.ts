import { z } from '@hono/zod-openapi';
import { propertyConditionsSchema } from '../analysis/property-condition';
import type { DeliveryRecord } from '../store/trigger-store';
import { followUpWindowSchema } from './follow-up-window';

const unlessBody = z
  .object({ event: z.string().min(1), where: propertyConditionsSchema.default([]), within: followUpWindowSchema })
  .strict()
  .openapi('TriggerUnless', { description: 'Makes it a follow-up: fires at the end of `within` when the same customer recorded no such event in it' });

export const triggerBody = z
  .object({
    event: z.string().min(1),
    where: propertyConditionsSchema.default([]),
    url: z.url({ protocol: /^https?$/, error: 'an http(s) URL' }),
    secret: z.string().min(16, 'at least 16 characters').max(256),
    unless: unlessBody.optional(),
    segment: z.string().min(1).optional().openapi({ description: 'A segment id: fires only for its members' }),
  })
  .strict()
  .openapi('NewTrigger');

export const deliveriesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().min(1).max(64).optional(),
});

export const triggerIdParam = z.object({ id: z.string().min(1).openapi({ param: { name: 'id', in: 'path' } }) });

export const triggerSchema = z
  .object({
    id: z.string(),
    event: z.string(),
    where: propertyConditionsSchema,
    url: z.string(),
    createdAt: z.number().int(),
    unless: z.object({ event: z.string(), where: propertyConditionsSchema, within: z.string() }).optional().openapi({ description: 'Only on a follow-up trigger' }),
    segment: z.string().optional().openapi({ description: 'Only on a trigger limited to a segment' }),
  })
  .openapi('Trigger', { description: 'Never its secret' });

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
