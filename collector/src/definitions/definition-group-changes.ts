import { v7 as uuidv7 } from 'uuid';
import { HttpError } from '../errors/http-error';
import type { Services } from '../services';
import type { DefinitionGroupRecord } from '../store/store';
import { noSuchGroup } from './no-such-group';

// The definition-group writes, shared by the API routes and the console.

type GroupServices = Pick<Services, 'store' | 'caches'>;

/** The group, or a 404. */
export async function existingGroup(services: Pick<Services, 'store'>, id: string): Promise<DefinitionGroupRecord> {
  return noSuchGroup.unless(await services.store.groups.get(id), id);
}

async function nameFree(services: Pick<Services, 'store'>, name: string, id?: string) {
  const other = await services.store.groups.findByName(name);
  if (other && other.id !== id) throw new HttpError(409, 'conflict', `a group named "${name}" already exists (id ${other.id})`);
}

export async function createGroup(services: Pick<Services, 'store'>, name: string): Promise<DefinitionGroupRecord> {
  await nameFree(services, name);
  const id = uuidv7();
  await services.store.groups.create({ id, name });
  return existingGroup(services, id);
}

export async function renameGroup(services: Pick<Services, 'store'>, id: string, name: string): Promise<DefinitionGroupRecord> {
  await existingGroup(services, id);
  await nameFree(services, name, id);
  await services.store.groups.rename(id, name);
  return existingGroup(services, id);
}

/** Deletes the group; its events are kept, in no group. */
export async function deleteGroup(services: GroupServices, id: string): Promise<void> {
  if (!(await services.store.groups.delete(id))) throw noSuchGroup.error(id);
  await services.caches.changed('definitions');
}

/** Moves events into the group, all or none: an id naming no live event is a 400 and nothing moves. */
export async function moveToGroup(services: GroupServices, id: string, ids: readonly string[]): Promise<DefinitionGroupRecord> {
  const { store } = services;
  await existingGroup(services, id);
  const unique = [...new Set(ids)];
  const known = new Set((await store.definitions.list()).map((d) => d.id));
  const unknown = unique.filter((e) => !known.has(e));
  if (unknown.length > 0) throw new HttpError(400, 'invalid_request', `ids: no event is defined with the id ${unknown.map((e) => `"${e}"`).join(', ')}; nothing was moved`);
  await store.definitions.setGroup(unique, id);
  await services.caches.changed('definitions');
  return existingGroup(services, id);
}
