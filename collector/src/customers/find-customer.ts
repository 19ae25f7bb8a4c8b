import type { MiddlewareHandler } from 'hono';
import type { KeyEnv } from '../auth/require-key';
import { HttpError } from '../errors/http-error';
import type { CustomerRecord, CustomerStore } from '../store/store';

export type CustomerEnv = KeyEnv & { Variables: { customer: CustomerRecord } };

/**
 * Loads the customer named by `:id` into `c.var.customer`. A merged customer's id keeps answering: 308
 * to the same path on the survivor (method and body kept, so a POST follows too), with
 * `{ id, mergedInto }` for clients that do not follow redirects.
 */
export function findCustomer(customers: CustomerStore): MiddlewareHandler<CustomerEnv> {
  return async (c, next) => {
    const id = c.req.param('id')!;
    const customer = await customers.get(id);
    if (!customer) throw new HttpError(404, 'not_found', `there is no customer with the id "${id}"`);
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
