import { definitionChangesSchema, eventTypes, newDefinitionGroupSchema, newDefinitionSchema, propertyTypes } from '@eventline/protocol';
import { z } from '@hono/zod-openapi';

// The wire schemas of the definition routes, named for the OpenAPI document. Request bodies are the
// protocol's schemas; responses add what the collector knows (system flag, defaults, times).

export const newDefinitionBody = newDefinitionSchema.openapi('NewDefinition');
export const definitionChangesBody = definitionChangesSchema.openapi('DefinitionChanges');
export const newDefinitionGroupBody = newDefinitionGroupSchema.openapi('NewDefinitionGroup');

export const storedDefinitionSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    type: z.enum(eventTypes),
    score: z.number().int().nullable(),
    stage: z.string().nullable(),
    group: z.string().nullable(),
    properties: z.array(z.object({ id: z.string(), name: z.string(), type: z.enum(propertyTypes), required: z.boolean().optional() })),
    system: z.boolean().openapi({ description: 'System events cannot be deleted; only their score, stage and group change' }),
    defaultScore: z.number().int().nullable().openapi({ description: 'A system event’s score after restore-defaults' }),
    defaultStage: z.string().nullable(),
    createdAt: z.number().int().openapi({ description: 'epoch ms' }),
    updatedAt: z.number().int(),
  })
  .openapi('EventDefinition');

export const definitionListQuery = z.object({
  q: z.string().max(64).optional().openapi({ description: 'part of the name or id, any case' }),
  group: z.string().min(1).optional().openapi({ description: 'a group id, or "none" for the events in no group' }),
  type: z.enum(eventTypes).optional(),
  system: z.enum(['true', 'false']).optional(),
});

export const definitionGroupSchema = z
  .object({ id: z.string(), name: z.string(), createdAt: z.number().int(), eventCount: z.number().int() })
  .openapi('DefinitionGroup');

export const importProblemSchema = z
  .object({
    row: z.number().int().openapi({ description: 'the header is row 1' }),
    column: z.string().nullable(),
    code: z.string(),
    message: z.string(),
  })
  .openapi('DefinitionImportProblem');
