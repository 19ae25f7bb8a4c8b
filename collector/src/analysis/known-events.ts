import type { DefinitionCache } from '../definitions/definition-cache';
import { HttpError } from '../errors/http-error';
import type { DefinitionStore } from '../store/store';

/**
 * A 400 naming the first event id that has no definition, live or deleted (a deleted one's events are
 * still stored): a typo would otherwise quietly answer "nobody".
 */
export async function requireKnownEvents(ids: Iterable<string>, deps: { definitions: DefinitionCache; store: DefinitionStore }, path: string): Promise<void> {
  for (const id of new Set(ids)) {
    if (deps.definitions.get(id) || (await deps.store.getDeleted(id))) continue;
    throw new HttpError(400, 'invalid_request', `${path}: no event is defined with the id "${id}"`);
  }
}
