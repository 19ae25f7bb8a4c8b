import { createRoute } from '@hono/zod-openapi';
import { requireKey } from '../auth/require-key';
import { errorResponse, jsonResponse as json, keyErrorResponses, scopeNote } from '../openapi/openapi-responses';
import { openApiApp } from '../openapi/openapi-app';
import type { Services } from '../services';
import { customerIdParam } from './customer-schemas';
import { noSuchCustomer } from './no-such-customer';
import { erasureQuery, erasureSchema } from './data-rights-schemas';
import type { CustomerEnv } from './find-customer';
import { eraseCustomer } from './erase-customer';

/** DELETE /v1/customers/{id}: erasure on request, optionally suppressing the customer's identities. */
export function customerErasureRoute(services: Services) {
  const app = openApiApp<CustomerEnv>();

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
        404: noSuchCustomer.response,
        409: errorResponse('The id was merged into another customer; `survivor` names the customer whose erasure would remove it'),
        ...keyErrorResponses,
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const suppress = c.req.valid('query').suppress === 'true';
      return c.json(await eraseCustomer(services, id, { suppress, keyId: c.var.key.id }), 200);
    },
  );

  return app;
}
