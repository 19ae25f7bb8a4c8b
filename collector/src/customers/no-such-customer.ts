import { NotFound } from '../openapi/not-found';

/** The 404 of every route on one customer by id: read, timeline, tags, export, erasure and the has-event check alike. */
export const noSuchCustomer = new NotFound('No such customer', (id) => `there is no customer with the id "${id}"`);
