import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import { requireKnownEvents } from '../analysis/known-events';
import { HttpError } from '../errors/http-error';
import type { Services } from '../services';
import type { TriggerRecord } from '../store/trigger-store';
import { refuseTargetHost } from './refuse-target-host';
import type { triggerBody } from './trigger-schemas';
import { sealTriggerSecret } from './trigger-secret';
import { TriggerTargetPolicy } from './trigger-target-policy';

/**
 * Saves a trigger from a body triggerBody parsed (POST /v1/triggers and the console's form), after the
 * checks its schema cannot make, in this order: the target host, the events, the segment. A refusal is
 * an HttpError naming the field.
 */
export async function createTrigger(services: Services, body: z.output<typeof triggerBody>): Promise<TriggerRecord> {
  const { store } = services;
  refuseTargetHost(body.url, new TriggerTargetPolicy(services.config.triggerAllowedHosts));
  const definitions = { definitions: services.definitions, store: store.definitions };
  await requireKnownEvents([body.event], definitions, 'event');
  if (body.unless) await requireKnownEvents([body.unless.event], definitions, 'unless.event');
  if (body.segment !== undefined && !(await store.segments.get(body.segment))) {
    throw new HttpError(400, 'invalid_request', `segment: there is no segment with the id "${body.segment}"`);
  }
  const { unless, segment, ...rest } = body;
  const trigger: TriggerRecord = {
    id: uuidv7(),
    ...rest,
    secret: sealTriggerSecret(services.secrets, body.secret),
    createdAt: Date.now(),
    unless: unless ? { event: unless.event, where: unless.where, withinMs: unless.within } : null,
    segment: segment ?? null,
  };
  await store.triggers.create(trigger);
  await services.caches.changed('triggers');
  return trigger;
}
