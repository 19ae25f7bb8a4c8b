import { HttpError } from '../errors/http-error';
import { keyAccess } from '../openapi/keyed-route';
import { errorResponse, jsonResponse as json } from '../openapi/openapi-responses';
import { openApiApp } from '../openapi/openapi-app';
import type { Services } from '../services';
import { customerRoute } from './customer-route';
import { manualEventBody, recordedEventSchema, timelinePageSchema, timelineQuery } from './customer-schemas';
import type { CustomerEnv } from './find-customer';
import { recordManualEvent } from './record-manual-event';

const tags = ['Customers'];

/** A customer's timeline, and events added to it by hand. */
export function customerEventsRoute(services: Services) {
  const app = openApiApp<CustomerEnv>();
  const { store } = services;

  app.openapi(
    customerRoute(keyAccess(services.keys, ['admin', 'read']), store.customers, {
      method: 'get',
      path: '/{id}/events',
      tags,
      summary: "A customer's timeline, newest first",
      description: 'Cursor-paged: events recorded while paging appear on the first page, never shift later pages.',
      request: { query: timelineQuery },
      responses: { 200: json(timelinePageSchema, 'One page'), 400: errorResponse('A bad limit or cursor') },
    }),
    async (c) => {
      const { limit, cursor } = c.req.valid('query');
      return c.json(await store.customers.timeline(c.var.customer.id, { limit, ...(cursor && { cursor }) }), 200);
    },
  );

  app.openapi(
    customerRoute(keyAccess(services.keys, ['admin']), store.customers, {
      method: 'post',
      path: '/{id}/events',
      tags,
      summary: 'Record an event on a customer by hand',
      description: 'Validated like any ingested event (a rejected one is quarantined too) and marked source "manual".',
      request: { body: { required: true, content: { 'application/json': { schema: manualEventBody } } } },
      responses: {
        201: json(recordedEventSchema, 'Recorded'),
        200: json(recordedEventSchema, 'An event with this uuid was already recorded: nothing changed'),
        400: errorResponse('Not a JSON object, or it names identities (the path names the customer)'),
        422: errorResponse('The event breaks its definition; `rejection` says where, as POST /v1/events would'),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      for (const field of ['identities', 'anonymousId'] as const) {
        if (field in body) throw new HttpError(400, 'invalid_request', `${field}: leave it out; the event goes to the customer in the path`);
      }
      const outcome = await recordManualEvent(c.var.customer, body, c.var.key, { recorder: services.recorder, identityPriority: services.config.identityPriority });
      if (!outcome.ok) {
        const { code, path, message } = outcome.rejection;
        throw new HttpError(422, 'unprocessable', message, { rejection: { code, path } });
      }
      const recorded = (await store.events.get(outcome.uuid))!;
      return c.json(recorded, outcome.duplicate ? 200 : 201);
    },
  );

  return app;
}
