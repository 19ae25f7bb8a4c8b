import { NotFound } from '../openapi/not-found';

/** The 404 of a definition group by id, from the API routes and the writes the console shares with them alike. */
export const noSuchGroup = new NotFound('No such group', (id) => `there is no definition group with the id "${id}"`);
