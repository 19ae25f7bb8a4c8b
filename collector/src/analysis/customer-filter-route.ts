import { Hono } from 'hono';
import { z } from 'zod';
import { requireKey, type KeyEnv } from '../auth/require-key';
import { activenessLevel } from '../customers/activeness-levels';
import { HttpError } from '../errors/http-error';
import { concurrencyGate } from '../http/concurrency-gate';
import { readJson } from '../http/read-json';
import { readQuery } from '../http/read-query';
import type { Services } from '../services';
import { ConditionError, customerConditionSchema, resolveCondition, type CustomerCondition } from './customer-condition';
import { withinConditionLimits } from './condition-limits';
import { requireKnownEvents } from './known-events';
import { propertyConditionsSchema } from './property-condition';
import { durationSchema, instantSchema } from './time-window';

export const queryBody = z.object({
  condition: customerConditionSchema,
  limit: z.number().int().min(1).max(1000).default(100),
  cursor: z.string().min(1).max(200).optional(),
});

// In a query string epoch ms arrive as text too.
const queryInstant = z
  .string()
  .transform((v) => (/^\d+$/.test(v) ? Number(v) : v))
  .pipe(instantSchema);

export const hasEventQuery = z
  .object({
    event: z.string().min(1),
    within: durationSchema.optional(),
    from: queryInstant.optional(),
    to: queryInstant.optional(),
    where: z
      .string()
      .optional()
      .transform((v, ctx) => {
        if (v === undefined) return [];
        try {
          return JSON.parse(v) as unknown;
        } catch {
          ctx.addIssue({ code: 'custom', message: 'a JSON array of property conditions' });
          return z.NEVER;
        }
      })
      .pipe(propertyConditionsSchema),
  })
  .refine((q) => q.within === undefined || (q.from === undefined && q.to === undefined), { message: 'give within or from/to, not both', path: ['within'] });

const eventIds = (c: CustomerCondition): string[] =>
  c.kind === 'all' || c.kind === 'any' ? c.of.flatMap(eventIds) : c.kind === 'not' ? eventIds(c.of) : c.kind === 'did' ? [c.event] : [];

/** The advanced customer filter and the has-event judgement. */
export function customerFilterRoute(services: Services) {
  const app = new Hono<KeyEnv>();
  const { store, config } = services;
  const reader = requireKey(services.keys, ['admin', 'read']);

  // The condition's size and depth are checked before the schema's recursive parse.
  const limitedQueryBody = queryBody.extend({ condition: withinConditionLimits(customerConditionSchema, config.conditionLimits) });

  app.post('/v1/customers/query', reader, concurrencyGate('customer queries', config.concurrency.queries), async (c) => {
    const body = await readJson(c, limitedQueryBody);
    let condition: CustomerCondition;
    try {
      condition = resolveCondition(body.condition, Date.now(), config.activenessLevels);
    } catch (error) {
      if (error instanceof ConditionError) throw new HttpError(400, 'invalid_request', `condition: ${error.message}`);
      throw error;
    }
    await requireKnownEvents(eventIds(condition), { definitions: services.definitions, store: store.definitions }, 'condition');
    const result = await store.analysis.filterCustomers(condition, { limit: body.limit, ...(body.cursor !== undefined && { cursor: body.cursor }) });
    return c.json({
      count: result.count,
      items: result.items.map((r) => ({ ...r, activenessLevel: activenessLevel(r.activeness, config.activenessLevels) })),
      nextCursor: result.nextCursor,
    });
  });

  app.get('/v1/customers/:id/has-event', reader, async (c) => {
    const q = readQuery(c, hasEventQuery);
    await requireKnownEvents([q.event], { definitions: services.definitions, store: store.definitions }, 'event');
    const id = c.req.param('id');
    const from = q.within !== undefined ? Date.now() - q.within : (q.from ?? null);
    // A merged id answers for its survivor, who now holds all of its events.
    const found = await store.analysis.lastEvent(id, { event: q.event, from, to: q.to ?? null, where: q.where });
    if (found === undefined) throw new HttpError(404, 'not_found', `there is no customer with the id "${id}"`);
    return c.json({ happened: found.last !== null, last: found.last, customerId: found.customerId });
  });

  return app;
}
