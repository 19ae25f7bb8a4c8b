import { z } from '@hono/zod-openapi';
import type { KeyEnv } from '../auth/require-key';
import { errorResponse, itemsResponse, jsonResponse as json } from '../openapi/openapi-responses';
import { idParam } from '../openapi/id-param';
import { jsonBody } from '../openapi/json-body';
import { keyAccess, keyedRoute } from '../openapi/keyed-route';
import { NotFound } from '../openapi/not-found';
import { openApiApp } from '../openapi/openapi-app';
import { addDeleteByIdRoute } from '../openapi/delete-by-id-route';
import { addReadByIdRoute } from '../openapi/read-by-id-route';
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

  addReadByIdRoute(app, admin, {
    tags,
    summary: 'One trigger',
    found: 'The trigger',
    schema: triggerSchema,
    notFound: noSuchTrigger,
    read: async (id) => {
      const trigger = await store.triggers.get(id);
      return trigger && publicTrigger(trigger);
    },
  });

  addDeleteByIdRoute(app, admin, {
    tags,
    summary: 'Delete a trigger; its pending deliveries are cancelled',
    done: 'Deleted',
    notFound: noSuchTrigger,
    delete: (id) => store.triggers.delete(id, Date.now()),
    deleted: () => services.caches.changed('triggers'),
  });

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
