import { z } from 'zod';
import { customIdPattern, propertyTypes, type PropertyType } from './property';

export const eventTypes = ['inbound', 'outbound'] as const;
/** inbound: the customer acted (scored); outbound: the company acted on the customer (no score). */
export type EventType = (typeof eventTypes)[number];

export interface PropertyDefinition {
  id: string;
  name: string;
  type: PropertyType;
  required?: boolean | undefined;
}

export interface EventDefinition {
  id: string;
  name: string;
  type: EventType;
  /** Activeness points per event; inbound only, may be negative. */
  score: number | null;
  /** Lifecycle stage the event moves the customer forward to. */
  stage: string | null;
  group: string | null;
  properties: PropertyDefinition[];
  /** System default events: id, name and properties fixed; score and stage editable. */
  system: boolean;
}

export const propertyDefinitionSchema = z.object({
  id: z.string().regex(customIdPattern, 'a custom property id starts with cl_ and has only a-z, 0-9 and _').max(32),
  name: z.string().trim().min(1).max(64),
  type: z.enum(propertyTypes),
  required: z.boolean().optional(),
}) satisfies z.ZodType<PropertyDefinition>;

/** What a client sends to create a custom event definition. */
export const newDefinitionSchema = z
  .object({
    id: z.string().regex(customIdPattern, 'a custom event id starts with cl_ and has only a-z, 0-9 and _').max(32),
    name: z.string().trim().min(1).max(64),
    type: z.enum(eventTypes),
    score: z.number().int().min(-1000).max(1000).nullable().optional(),
    stage: z.string().min(1).max(64).nullable().optional(),
    group: z.string().min(1).max(64).nullable().optional(),
    properties: z.array(propertyDefinitionSchema).max(100).default([]),
  })
  .refine((d) => d.type === 'inbound' || d.score == null, {
    message: 'an outbound event has no score: only inbound events are scored',
    path: ['score'],
  })
  .refine((d) => new Set(d.properties.map((p) => p.id)).size === d.properties.length, {
    message: 'property ids must be unique within an event',
    path: ['properties'],
  });

export type NewDefinition = z.input<typeof newDefinitionSchema>;

/** A property as a change to a saved event sends it: saved ids (system ones have no cl_) come back as they are. */
const changedPropertySchema = propertyDefinitionSchema.extend({ id: z.string().min(1).max(32) });

/**
 * What a client sends to change an event definition. Only the fields sent change; `id` and `type` may
 * be sent but not changed, and `properties` is the whole new list (saved ones kept, new ones added).
 */
export const definitionChangesSchema = z.strictObject({
  id: z.string().optional(),
  name: z.string().trim().min(1).max(64).optional(),
  type: z.enum(eventTypes).optional(),
  score: z.number().int().min(-1000).max(1000).nullable().optional(),
  stage: z.string().min(1).max(64).nullable().optional(),
  group: z.string().min(1).max(64).nullable().optional(),
  properties: z.array(changedPropertySchema).max(100).optional(),
});

export type DefinitionChanges = z.input<typeof definitionChangesSchema>;

export interface DefinitionGroup {
  id: string;
  name: string;
}

export const newDefinitionGroupSchema = z.strictObject({
  name: z.string().trim().min(1).max(64),
});

/** One problem of a rejected CSV import: `row` 1 is the header, `column` a header name or null. */
export interface DefinitionImportProblem {
  row: number;
  column: string | null;
  code: string;
  message: string;
}
