import { HttpError } from '../errors/http-error';
import type { Services } from '../services';
import { noSuchCustomer } from './no-such-customer';
import { quarantineNames } from './quarantine-names';

/**
 * Erases a customer and those merged into it in one transaction, with the audit entry (and the
 * suppressions, when asked). A merged id is a 409 naming the survivor, whose erasure removes both.
 */
export async function eraseCustomer(services: Pick<Services, 'store'>, id: string, options: { suppress: boolean; keyId: string | null }) {
  const { store } = services;
  const customer = await store.customers.get(id);
  if (!customer) throw noSuchCustomer.error(id);
  if (customer.mergedInto !== null) {
    throw new HttpError(
      409,
      'conflict',
      `customer "${id}" was merged into "${customer.mergedInto}", which holds its data: DELETE /v1/customers/${customer.mergedInto} erases both`,
      { survivor: customer.mergedInto },
    );
  }
  const outcome = await store.erasure.erase({
    customerId: id,
    suppress: options.suppress,
    quarantineNames,
    audit: { at: Date.now(), keyId: options.keyId, action: 'customer.erase', target: id },
  });
  // Erased or merged by another request meanwhile.
  if (!outcome) throw new HttpError(404, 'not_found', `there is no live customer with the id "${id}"`);
  return { id, erased: outcome.erased, removed: outcome.counts };
}
