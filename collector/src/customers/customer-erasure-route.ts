import { createRoute } from '@hono/zod-openapi';
import { requireKey } from '../auth/require-key';
import { HttpError } from '../errors/http-error';
import { errorResponse, jsonResponse as json, keyErrorResponses, scopeNote } from '../openapi/openapi-responses';
import { openApiApp } from '../openapi/openapi-app';
import type { Services } from '../services';
import { customerIdParam } from './customer-schemas';
import { erasureQuery, erasureSchema } from './data-rights-schemas';
import type { CustomerEnv } from './find-customer';
import { quarantineNames } from './quarantine-names';

/** DELETE /v1/customers/{id}: erasure on request, optionally suppressing the customer's identities. */
export function customerErasureRoute(services: Services) {
  const app = openApiApp<CustomerEnv>();
  const { store } = services;

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/{id}',
      tags: ['Customers'],
      summary: 'Erase a customer and everything held about them',
      description:
        'Removes the customer, those merged into it, their identities, events, content tags, trigger deliveries about their events ' +
        'and the quarantined events naming their identities, in one transaction, and records it in the audit log. With ' +
        '`suppress=true` their identities are suppressed in the same transaction: events naming them are refused (`suppressed`). ' +
        'A merged id answers 409 naming the survivor: its erasure removes the survivor too, so it must be asked for by that id. ' +
        scopeNote('admin'),
      middleware: [requireKey(services.keys, ['admin'])] as const,
      request: { params: customerIdParam, query: erasureQuery },
      responses: {
        200: json(erasureSchema, 'Erased: rows removed per table'),
        404: errorResponse('No such customer'),
        409: errorResponse('The id was merged into another customer; `survivor` names the customer whose erasure would remove it'),
        ...keyErrorResponses,
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const suppress = c.req.valid('query').suppress === 'true';
      const customer = await store.customers.get(id);
      if (!customer) throw new HttpError(404, 'not_found', `there is no customer with the id "${id}"`);
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
        suppress,
        quarantineNames,
        audit: { at: Date.now(), keyId: c.var.key.id, action: 'customer.erase', target: id },
      });
      // Erased or merged by another request meanwhile.
      if (!outcome) throw new HttpError(404, 'not_found', `there is no live customer with the id "${id}"`);
      return c.json({ id, erased: outcome.erased, removed: outcome.counts }, 200);
    },
  );

  return app;
}
