import type { MiddlewareHandler } from 'hono';
import type { KeyEnv } from '../auth/require-key';
import type { CustomerRecord, CustomerStore } from '../store/store';
import { findByIdentity } from './find-by-identity';
import { noSuchCustomer } from './no-such-customer';

export type CustomerEnv = KeyEnv & { Variables: { customer: CustomerRecord } };

/** The path id that stands for "the customer holding ?identity=type:value". */
export const byIdentityId = '-';

/**
 * Loads the customer named by `:id` (or, when the id is `-`, by `?identity=type:value`) into
 * `c.var.customer`. A merged customer's id keeps answering: 308 to the same path on the survivor
 * (method and body kept, so a POST follows too), with `{ id, mergedInto }` for clients that do not follow redirects.
 */
export function findCustomer(customers: CustomerStore): MiddlewareHandler<CustomerEnv> {
  return async (c, next) => {
    const id = c.req.param('id')!;
    if (id === byIdentityId) {
      // An identity always belongs to a live customer: merges move identities to the survivor.
      c.set('customer', await findByIdentity(customers, c.req.query('identity')));
      return next();
    }
    const customer = await customers.get(id);
    if (!customer) throw noSuchCustomer.error(id);
    if (customer.mergedInto !== null) {
      const url = new URL(c.req.url);
      const segments = url.pathname.split('/');
      segments[3] = encodeURIComponent(customer.mergedInto); // ['', 'v1', 'customers', id, …]
      c.header('Location', `${segments.join('/')}${url.search}`);
      return c.json({ id, mergedInto: customer.mergedInto }, 308);
    }
    c.set('customer', customer);
    await next();
  };
}
