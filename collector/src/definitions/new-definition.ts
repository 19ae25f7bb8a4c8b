import type { EventDefinition, newDefinitionSchema } from '@eventline/protocol';
import type { z } from 'zod';
import type { DefinitionStore } from '../store/store';
import { applyDefinitionChanges, scoreFor } from './apply-definition-changes';

/** A checked creation request as the custom definition it saves. */
export function toEventDefinition(input: z.output<typeof newDefinitionSchema>): EventDefinition {
  return {
    id: input.id,
    name: input.name,
    type: input.type,
    score: scoreFor(input.type, input.score),
    stage: input.stage ?? null,
    group: input.group ?? null,
    properties: input.properties.map((p) => ({ id: p.id, name: p.name, type: p.type, required: p.required ?? false })),
    system: false,
  };
}

/**
 * Why `definition` cannot be created, or undefined when it can. A deleted event's id stays with its
 * recorded events, so it may be created again only as a compatible edit of what was deleted: the same
 * type and every saved property with its type (renamed and added properties are fine).
 */
export async function idConflict(store: DefinitionStore, definition: EventDefinition, stages: readonly string[]): Promise<string | undefined> {
  const live = await store.get(definition.id);
  if (live) return live.system ? `"${definition.id}" is a system event` : `an event with the id "${definition.id}" already exists`;
  const deleted = await store.getDeleted(definition.id);
  if (!deleted) return undefined;
  const { problems } = applyDefinitionChanges(deleted, { type: definition.type, properties: definition.properties }, stages);
  if (problems.length === 0) return undefined;
  return `"${definition.id}" was a deleted event whose recorded events keep the id; it can be created again only with its type and saved properties: ${problems.map((p) => p.message).join('; ')}`;
}
