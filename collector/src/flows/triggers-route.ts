import { Hono } from 'hono';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { requireKey, type KeyEnv } from '../auth/require-key';
import { requireKnownEvents } from '../analysis/known-events';
import { propertyConditionsSchema } from '../analysis/property-condition';
import { HttpError } from '../errors/http-error';
import { readJson } from '../http/read-json';
import { readQuery } from '../http/read-query';
import type { Services } from '../services';
import type { TriggerRecord } from '../store/trigger-store';
import { refuseTargetHost } from './refuse-target-host';
import { sealTriggerSecret } from './trigger-secret';
import { TriggerTargetPolicy } from './trigger-target-policy';

export const triggerBody = z
  .object({
    event: z.string().min(1),
    where: propertyConditionsSchema.default([]),
    url: z.url({ protocol: /^https?$/, error: 'an http(s) URL' }),
    secret: z.string().min(16, 'at least 16 characters').max(256),
  })
  .strict();

export const deliveriesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().min(1).max(64).optional(),
});

// The secret never leaves: whoever created the trigger has it.
const publicTrigger = ({ secret: _secret, ...t }: TriggerRecord) => t;

/** Event triggers (admin): a signed webhook per matching event, delivered at least once from the outbox. */
export function triggersRoute(services: Services) {
  const app = new Hono<KeyEnv>();
  const { store } = services;
  const targets = new TriggerTargetPolicy(services.config.triggerAllowedHosts);
  app.use('/v1/triggers', requireKey(services.keys, ['admin']));
  app.use('/v1/triggers/*', requireKey(services.keys, ['admin']));

  app.post('/v1/triggers', async (c) => {
    const body = await readJson(c, triggerBody);
    refuseTargetHost(body.url, targets);
    await requireKnownEvents([body.event], { definitions: services.definitions, store: store.definitions }, 'event');
    const trigger: TriggerRecord = { id: uuidv7(), ...body, secret: sealTriggerSecret(services.secrets, body.secret), createdAt: Date.now() };
    await store.triggers.create(trigger);
    await services.caches.changed('triggers');
    return c.json(publicTrigger(trigger), 201);
  });

  app.get('/v1/triggers', async (c) => c.json({ items: (await store.triggers.list()).map(publicTrigger) }));

  app.get('/v1/triggers/:id', async (c) => {
    const trigger = await store.triggers.get(c.req.param('id'));
    if (!trigger) throw new HttpError(404, 'not_found', `there is no trigger with the id "${c.req.param('id')}"`);
    return c.json(publicTrigger(trigger));
  });

  app.delete('/v1/triggers/:id', async (c) => {
    if (!(await store.triggers.delete(c.req.param('id'), Date.now()))) {
      throw new HttpError(404, 'not_found', `there is no trigger with the id "${c.req.param('id')}"`);
    }
    await services.caches.changed('triggers');
    return c.body(null, 204);
  });

  app.get('/v1/triggers/:id/deliveries', async (c) => {
    const { limit, cursor } = readQuery(c, deliveriesQuery);
    const id = c.req.param('id');
    if (!(await store.triggers.get(id))) throw new HttpError(404, 'not_found', `there is no trigger with the id "${id}"`);
    return c.json(await store.triggers.deliveries(id, { limit, ...(cursor !== undefined && { cursor }) }));
  });

  return app;
}
