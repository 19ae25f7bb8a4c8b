import { NotFound } from '../openapi/not-found';

/** The 404 of every route on one segment: its declaration, members and count alike. */
export const noSuchSegment = new NotFound('No such segment', (id) => `there is no segment with the id "${id}"`);
