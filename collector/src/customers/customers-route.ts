import { HttpError } from '../errors/http-error';
import { errorResponse, itemsResponse, jsonResponse as json } from '../openapi/openapi-responses';
import { keyAccess } from '../openapi/keyed-route';
import { addListRoute } from '../openapi/list-route';
import { openApiApp } from '../openapi/openapi-app';
import type { Services } from '../services';
import { activenessRange } from './activeness-levels';
import { customerErasureRoute } from './customer-erasure-route';
import { customerEventsRoute } from './customer-events-route';
import { customerExportRoute } from './customer-export-route';
import { customerFilterRoute } from './customer-filter-route';
import { customerRoute } from './customer-route';
import { customerListQuery, identityQuery, customerPageSchema, customerSchema, tagCountSchema, tagsQuery } from './customer-schemas';
import { customerSummary } from './customer-summary';
import type { CustomerEnv } from './find-customer';
import { normalizeIdentity } from '../recorder/normalize-identity';

const tags = ['Customers'];
const topTagCount = 10;

/** /v1/customers: by id, by identity, by activeness level, their content preferences, timeline, and the filter. */
export function customersRoute(services: Services) {
  const app = openApiApp<CustomerEnv>();
  const { store, config } = services;
  const reader = keyAccess(services.keys, ['admin', 'read']);
  // First: its fixed paths (/query, /has-event) would otherwise be read as the customer ids "query" and "has-event".
  app.route('/', customerFilterRoute(services));
  // First: GET /export must be tried before GET /{id}.
  app.route('/', customerExportRoute(services));
  app.route('/', customerErasureRoute(services));

  addListRoute(app, reader, {
    tags,
    summary: 'Find customers by identity, or list those of an activeness level',
    description: 'Give exactly one of identity (0 or 1 item) or activeness (most active first, cursor-paged).',
    query: customerListQuery,
    response: json(customerPageSchema, 'Matching customers'),
    badQuery: 'Neither or both filters, an unknown type or level',
    list: async ({ identity, activeness, limit, cursor }) => {
      if ((identity === undefined) === (activeness === undefined)) {
        throw new HttpError(400, 'invalid_request', 'give one of identity=type:value or activeness=level');
      }
      if (identity !== undefined) {
        const at = identity.indexOf(':');
        const type = identity.slice(0, at);
        if (at < 0 || !config.identityTypes.includes(type)) {
          throw new HttpError(400, 'invalid_request', `identity: write type:value with a type of ${config.identityTypes.join(', ')}`);
        }
        const value = normalizeIdentity(type, identity.slice(at + 1));
        const found = value === null ? undefined : await store.customers.findByIdentity(type, value);
        return { items: found ? [customerSummary(found, config.activenessLevels)] : [], nextCursor: null };
      }
      const range = activenessRange(activeness!, config.activenessLevels);
      if (!range) throw new HttpError(400, 'invalid_request', `activeness: one of ${config.activenessLevels.map((l) => l.name).join(', ')}`);
      const page = await store.customers.listByActiveness(range, { limit, ...(cursor && { cursor }) });
      return { items: page.items.map((r) => customerSummary(r, config.activenessLevels)), nextCursor: page.nextCursor };
    },
  });

  app.openapi(
    customerRoute(reader, store.customers, {
      method: 'get',
      path: '/{id}',
      tags,
      summary: 'A customer: identities, activeness and level, stage, first/last seen, event count, top content tags',
      request: { query: identityQuery },
      responses: { 200: json(customerSchema, 'The customer') },
    }),
    async (c) => {
      const record = c.var.customer;
      const topTags = await store.customers.tagCounts(record.id, topTagCount);
      return c.json({ ...customerSummary(record, config.activenessLevels), topTags }, 200);
    },
  );

  app.openapi(
    customerRoute(reader, store.customers, {
      method: 'get',
      path: '/{id}/tags',
      tags,
      summary: "A customer's content preferences: how many of their events carry each tag",
      request: { query: tagsQuery },
      responses: { 200: itemsResponse(tagCountSchema, 'Most frequent first'), 400: errorResponse('A bad limit') },
    }),
    async (c) => c.json({ items: await store.customers.tagCounts(c.var.customer.id, c.req.valid('query').limit) }, 200),
  );

  app.route('/', customerEventsRoute(services));

  return app;
}
