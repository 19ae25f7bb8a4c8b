import type { newDefinitionSchema } from '@eventline/protocol';
import type { z } from 'zod';
import { HttpError } from '../errors/http-error';
import type { Services } from '../services';
import type { StoredDefinition } from '../store/store';
import { applyDefinitionChanges, stageProblem } from './apply-definition-changes';
import type { definitionChangesBody } from './definition-schemas';
import { idConflict, toEventDefinition } from './new-definition';
import { noSuchDefinition } from './no-such-definition';

// The definition writes, shared by the API routes and the console. Each reloads the compiled-definition
// cache before it returns, so the very next event is checked against the change (other collectors on
// the same database follow within EVENTLINE_CACHE_POLL_MS).

type DefinitionServices = Pick<Services, 'store' | 'caches' | 'config'>;

async function checkGroup(services: DefinitionServices, group: string | null | undefined) {
  if (group != null && !(await services.store.groups.get(group))) throw new HttpError(400, 'invalid_request', `group: there is no definition group with the id "${group}"`);
}

/** Creates a custom event definition: 400 on a broken rule, 409 when the id is taken. */
export async function createDefinition(services: DefinitionServices, input: z.output<typeof newDefinitionSchema>): Promise<StoredDefinition> {
  const { store, config } = services;
  const definition = toEventDefinition(input);
  const stage = stageProblem(definition.stage, config.stages);
  if (stage) throw new HttpError(400, 'invalid_request', `stage: ${stage.message}`);
  await checkGroup(services, definition.group);
  const conflict = await idConflict(store.definitions, definition, config.stages);
  if (conflict) throw new HttpError(409, 'conflict', conflict);
  await store.definitions.create(definition);
  await services.caches.changed('definitions');
  return (await store.definitions.get(definition.id))!;
}

/** Changes the fields sent; 400 names each broken rule (with `issues`), 404 when no live event has the id. */
export async function changeDefinition(services: DefinitionServices, id: string, body: z.output<typeof definitionChangesBody>): Promise<StoredDefinition> {
  const { store, config } = services;
  const saved = await store.definitions.get(id);
  if (!saved) throw noSuchDefinition.error(id);
  const { changes, problems } = applyDefinitionChanges(saved, body, config.stages);
  if (problems.length > 0) {
    throw new HttpError(400, 'invalid_request', problems.map((p) => `${p.path}: ${p.message}`).join('; '), { issues: problems });
  }
  await checkGroup(services, changes.group);
  await store.definitions.update(id, changes);
  await services.caches.changed('definitions');
  return (await store.definitions.get(id))!;
}

/** Deletes a custom event (its recorded events stay); a system event is a 409. */
export async function deleteDefinition(services: DefinitionServices, id: string): Promise<void> {
  const { store } = services;
  const saved = await store.definitions.get(id);
  if (!saved) throw noSuchDefinition.error(id);
  if (saved.system) {
    throw new HttpError(409, 'conflict', `"${id}" is a system event: it cannot be deleted (its score and stage can be changed, or restored to the defaults)`);
  }
  await store.definitions.delete(id);
  await services.caches.changed('definitions');
}

/** Puts every system event back to its default score and stage; answers how many. */
export async function restoreSystemDefaults(services: DefinitionServices): Promise<number> {
  const restored = await services.store.definitions.restoreDefaults();
  await services.caches.changed('definitions');
  return restored;
}
