import { NotFound } from '../openapi/not-found';

/** The 404 of a definition by id, from the API routes and the writes the console shares with them alike. */
export const noSuchDefinition = new NotFound('No live definition has this id', (id) => `no event is defined with the id "${id}"`);
