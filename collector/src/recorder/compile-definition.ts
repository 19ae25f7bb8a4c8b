import { presetProperties, type EventDefinition, type PropertyType } from '@eventline/protocol';
import { z } from 'zod';

export interface CompiledDefinition {
  definition: EventDefinition;
  /** Checks an event's properties: presets, then the definition's own; anything else is unknown. */
  properties: z.ZodType<Record<string, unknown>>;
}

const valueSchemas: Record<PropertyType, () => z.ZodType> = {
  text: () => z.string(),
  number: () => z.number(),
  boolean: () => z.boolean(),
  datetime: () => z.iso.datetime({ offset: true }),
};

/** Builds the zod schema an event's properties must pass. `null` means "not set". */
export function compileDefinition(definition: EventDefinition): CompiledDefinition {
  const shape: Record<string, z.ZodType> = {};
  for (const [id, type] of Object.entries(presetProperties)) shape[id] = valueSchemas[type]().nullable().optional();
  for (const p of definition.properties) {
    shape[p.id] = p.required ? valueSchemas[p.type]() : valueSchemas[p.type]().nullable().optional();
  }
  return { definition, properties: z.strictObject(shape) };
}
