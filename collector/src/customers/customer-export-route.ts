import type { Context } from 'hono';
import { HttpError } from '../errors/http-error';
import { errorResponse } from '../openapi/openapi-responses';
import { keyAccess, keyedRoute } from '../openapi/keyed-route';
import { openApiApp } from '../openapi/openapi-app';
import type { Services } from '../services';
import type { CustomerRecord } from '../store/store';
import { customerExport } from './customer-export';
import { customerRoute } from './customer-route';
import { customerExportSchema, exportByIdentityQuery, exportPartSchema } from './data-rights-schemas';
import { exportAsJson, exportAsNdjson } from './export-serializers';
import type { CustomerEnv } from './find-customer';
import { parseIdentity } from './parse-identity';

const tags = ['Customers'];
const description =
  'Everything held about one customer (access request): identities, figures, stage, tag counts, every event with its properties ' +
  'and tags, quarantined events naming one of its identities, trigger deliveries about its events. One JSON document, or with ' +
  '`Accept: application/x-ndjson` one `{ kind, data }` per line; both streamed, read a page at a time. Recorded in the audit log.';
const exportResponse = {
  description: 'The export',
  content: { 'application/json': { schema: customerExportSchema }, 'application/x-ndjson': { schema: exportPartSchema } },
};

/** GET /v1/customers/{id}/export and /v1/customers/export?identity=…: a customer's data, for an access request. */
export function customerExportRoute(services: Services) {
  const app = openApiApp<CustomerEnv>();
  const { store, config } = services;
  const reader = keyAccess(services.keys, ['admin', 'read']);

  const send = (c: Context<CustomerEnv>, customer: CustomerRecord) => {
    const ndjson = (c.req.header('accept') ?? '').includes('application/x-ndjson');
    const keyId = c.var.key.id;
    const parts = customerExport(store, customer, config.activenessLevels, (counts, complete) =>
      store.audit.append({ at: Date.now(), keyId, action: 'customer.export', target: customer.id, counts: { ...counts, complete: complete ? 1 : 0 } }),
    );
    const chunks = ndjson ? exportAsNdjson(parts) : exportAsJson(parts);
    const encoder = new TextEncoder();
    const stream = new ReadableStream<Uint8Array>(
      {
        // Called only when the client has taken what was queued: a slow reader slows the queries.
        async pull(controller) {
          try {
            const next = await chunks.next();
            if (next.done) controller.close();
            else controller.enqueue(encoder.encode(next.value));
          } catch (error) {
            // The 200 is already sent: cutting the stream is how the client learns it is incomplete.
            services.log.error('customer export failed', { error: String(error) });
            controller.error(error);
          }
        },
        async cancel() {
          await chunks.return(undefined);
        },
      },
      { highWaterMark: 1 },
    );
    const type = ndjson ? 'application/x-ndjson; charset=utf-8' : 'application/json; charset=utf-8';
    // The route's types know the JSON body; the stream is what it is written as.
    return c.body(stream, 200, { 'content-type': type, 'cache-control': 'no-store' }) as never;
  };

  // Before /{id}: Hono tries routes in the order they were added.
  app.openapi(
    keyedRoute(reader, {
      method: 'get',
      path: '/export',
      tags,
      summary: 'Export everything held about the customer holding an identity',
      description,
      request: { query: exportByIdentityQuery },
      responses: { 200: exportResponse, 400: errorResponse('Not type:value with a known type'), 404: errorResponse('Nobody holds this identity') },
    }),
    async (c) => {
      const identity = parseIdentity(c.req.valid('query').identity, config.identityTypes);
      const customer = await store.customers.findByIdentity(identity.type, identity.value);
      if (!customer) throw new HttpError(404, 'not_found', `no customer holds ${identity.type}:${identity.value}`);
      return send(c, customer);
    },
  );

  app.openapi(
    customerRoute(reader, store.customers, {
      method: 'get',
      path: '/{id}/export',
      tags,
      summary: 'Export everything held about a customer',
      description,
      responses: { 200: exportResponse },
    }),
    async (c) => send(c, c.var.customer),
  );

  return app;
}
