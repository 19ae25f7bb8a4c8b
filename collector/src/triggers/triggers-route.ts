import { z } from '@hono/zod-openapi';
import type { KeyEnv } from '../auth/require-key';
import { errorResponse, itemsResponse, jsonResponse as json } from '../openapi/openapi-responses';
import { idParam } from '../openapi/id-param';
import { jsonBody } from '../openapi/json-body';
import { keyAccess, keyedRoute } from '../openapi/keyed-route';
import { NotFound } from '../openapi/not-found';
import { openApiApp } from '../openapi/openapi-app';
import type { Services } from '../services';
import type { TriggerRecord } from '../store/trigger-store';
import { createTrigger } from './create-trigger';
import { formatFollowUpWindow } from './follow-up-window';
import { deliveriesQuery, deliverySchema, triggerBody, triggerSchema } from './trigger-schemas';

const tags = ['Triggers'];
const noSuchTrigger = new NotFound('No such trigger', (id) => `there is no trigger with the id "${id}"`);

// The secret never leaves: whoever created the trigger has it. A plain trigger reads as it always did.
const publicTrigger = ({ secret: _secret, unless, segment, ...t }: TriggerRecord) => ({
  ...t,
  ...(unless && { unless: { event: unless.event, where: unless.where, within: formatFollowUpWindow(unless.withinMs) } }),
  ...(segment != null && { segment }),
});

/** /v1/triggers (admin): a signed webhook per matching event, delivered at least once from the outbox. */
export function triggersRoute(services: Services) {
  const app = openApiApp<KeyEnv>();
  const { store } = services;
  const admin = keyAccess(services.keys, ['admin']);

  app.openapi(
    keyedRoute(admin, {
      method: 'post',
      path: '/',
      tags,
      summary: 'Create a trigger: a signed webhook for each matching event, or for each one not followed by another in time',
      description:
        'With unless { event, where?, within } it is a follow-up: for each matching event, when the same customer records no such event within ' +
        '`within` (1s to 30d) after it, one webhook at the end of the window. With segment, only for that segment’s members. ' +
        'Delivered at least once, retried for 24 h; each request is signed with the secret.',
      request: { body: jsonBody(triggerBody) },
      responses: { 201: json(triggerSchema, 'Created'), 400: errorResponse('Not JSON, a bad field, an event no definition has, or no such segment') },
    }),
    async (c) => {
      const trigger = await createTrigger(services, c.req.valid('json'));
      return c.json(publicTrigger(trigger), 201);
    },
  );

  app.openapi(
    keyedRoute(admin, {
      method: 'get',
      path: '/',
      tags,
      summary: 'List live triggers, oldest first',
      responses: { 200: itemsResponse(triggerSchema, 'The triggers') },
    }),
    async (c) => c.json({ items: (await store.triggers.list()).map(publicTrigger) }, 200),
  );

  app.openapi(
    keyedRoute(admin, {
      method: 'get',
      path: '/{id}',
      tags,
      summary: 'One trigger',
      request: { params: idParam },
      responses: { 200: json(triggerSchema, 'The trigger'), 404: noSuchTrigger.response },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      return c.json(publicTrigger(noSuchTrigger.unless(await store.triggers.get(id), id)), 200);
    },
  );

  app.openapi(
    keyedRoute(admin, {
      method: 'delete',
      path: '/{id}',
      tags,
      summary: 'Delete a trigger; its pending deliveries are cancelled',
      request: { params: idParam },
      responses: { 204: { description: 'Deleted' }, 404: noSuchTrigger.response },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      if (!(await store.triggers.delete(id, Date.now()))) throw noSuchTrigger.error(id);
      await services.caches.changed('triggers');
      return c.body(null, 204);
    },
  );

  app.openapi(
    keyedRoute(admin, {
      method: 'get',
      path: '/{id}/deliveries',
      tags,
      summary: 'A trigger’s deliveries, newest first, with their attempts',
      request: { params: idParam, query: deliveriesQuery },
      responses: {
        200: json(z.object({ items: z.array(deliverySchema), nextCursor: z.string().nullable() }), 'One page'),
        400: errorResponse('A bad limit or cursor'),
        404: noSuchTrigger.response,
      },
    }),
    async (c) => {
      const { limit, cursor } = c.req.valid('query');
      const { id } = c.req.valid('param');
      if (!(await store.triggers.get(id))) throw noSuchTrigger.error(id);
      return c.json(await store.triggers.deliveries(id, { limit, ...(cursor !== undefined && { cursor }) }), 200);
    },
  );

  return app;
}
