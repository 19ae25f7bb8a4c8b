import { z } from '@hono/zod-openapi';
import { customerSummarySchema, recordedEventSchema, tagCountSchema } from './customer-schemas';

// The wire schemas of a customer's export and erasure, named for the OpenAPI document.

export const exportByIdentityQuery = z.object({
  identity: z.string().openapi({ description: 'type:value, e.g. mobile:13800000000 (normalised like ingest)', example: 'mobile:13800000000' }),
});

const quarantinedSchema = z.object({
  id: z.number().int(),
  uuid: z.string().nullable(),
  event: z.string().nullable(),
  code: z.string(),
  message: z.string(),
  path: z.string(),
  raw: z.string().openapi({ description: 'The event as received, JSON text' }),
  receivedAt: z.number().int(),
  status: z.string(),
});

const deliverySchema = z.object({
  id: z.string(),
  triggerId: z.string(),
  eventUuid: z.string(),
  status: z.string(),
  attempts: z.number().int(),
  createdAt: z.number().int(),
  deliveredAt: z.number().int().nullable(),
  lastError: z.string().nullable(),
});

export const customerExportSchema = z
  .object({
    customer: customerSummarySchema,
    tags: z.array(tagCountSchema),
    events: z.array(recordedEventSchema),
    quarantine: z.array(quarantinedSchema).openapi({ description: 'Rejected events that name one of the customer’s identities' }),
    deliveries: z.array(deliverySchema).openapi({ description: 'Trigger deliveries about the customer’s events' }),
  })
  .openapi('CustomerExport');

export const exportPartSchema = z
  .object({ kind: z.enum(['customer', 'tag', 'event', 'quarantine', 'delivery']), data: z.unknown() })
  .openapi('CustomerExportPart', { description: 'One line of the NDJSON export: the customer first, then its tags, events, quarantined events and deliveries' });

export const erasureQuery = z.object({
  suppress: z
    .enum(['true', 'false'])
    .default('false')
    .openapi({ description: 'true: put the customer’s identities on the suppression list first, in the same transaction, so their devices’ next events are refused' }),
});

export const erasureSchema = z
  .object({
    id: z.string(),
    erased: z.array(z.string()).openapi({ description: 'The customer and those merged into it' }),
    removed: z.record(z.string(), z.number().int()).openapi({ description: 'Rows removed per table (suppressions: identities added to the list)' }),
  })
  .openapi('CustomerErasure');
