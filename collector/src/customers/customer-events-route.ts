import { createRoute } from '@hono/zod-openapi';
import { requireKey } from '../auth/require-key';
import { HttpError } from '../errors/http-error';
import { errorResponse, jsonResponse as json, keyErrorResponses, scopeNote } from '../openapi/openapi-responses';
import { openApiApp } from '../openapi/openapi-app';
import type { Services } from '../services';
import { customerIdParam, manualEventBody, mergedResponse, recordedEventSchema, timelinePageSchema, timelineQuery } from './customer-schemas';
import { noSuchCustomer } from './no-such-customer';
import { findCustomer, type CustomerEnv } from './find-customer';
import { recordManualEvent } from './record-manual-event';

const tags = ['Customers'];

/** A customer's timeline, and events added to it by hand. */
export function customerEventsRoute(services: Services) {
  const app = openApiApp<CustomerEnv>();
  const { store } = services;
  const customer = findCustomer(store.customers);

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{id}/events',
      tags,
      summary: "A customer's timeline, newest first",
      description: 'Cursor-paged: events recorded while paging appear on the first page, never shift later pages. ' + scopeNote('read', 'admin'),
      middleware: [requireKey(services.keys, ['admin', 'read']), customer] as const,
      request: { params: customerIdParam, query: timelineQuery },
      responses: { 200: json(timelinePageSchema, 'One page'), ...mergedResponse, 400: errorResponse('A bad limit or cursor'), 404: noSuchCustomer.response, ...keyErrorResponses },
    }),
    async (c) => {
      const { limit, cursor } = c.req.valid('query');
      return c.json(await store.customers.timeline(c.var.customer.id, { limit, ...(cursor && { cursor }) }), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/events',
      tags,
      summary: 'Record an event on a customer by hand',
      description: 'Validated like any ingested event (a rejected one is quarantined too) and marked source "manual". ' + scopeNote('admin'),
      middleware: [requireKey(services.keys, ['admin']), customer] as const,
      request: { params: customerIdParam, body: { required: true, content: { 'application/json': { schema: manualEventBody } } } },
      responses: {
        201: json(recordedEventSchema, 'Recorded'),
        200: json(recordedEventSchema, 'An event with this uuid was already recorded: nothing changed'),
        ...mergedResponse,
        400: errorResponse('Not a JSON object, or it names identities (the path names the customer)'),
        404: noSuchCustomer.response,
        422: errorResponse('The event breaks its definition; `rejection` says where, as POST /v1/events would'),
        ...keyErrorResponses,
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
