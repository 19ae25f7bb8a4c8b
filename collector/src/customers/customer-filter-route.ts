import { createRoute, type z } from '@hono/zod-openapi';
import { withinConditionLimits } from '../analysis/condition-limits';
import { checkCustomerCondition } from '../analysis/check-customer-condition';
import { customerConditionSchema } from '../analysis/customer-condition';
import { requireKnownEvents } from '../analysis/known-events';
import { requireKey, type KeyEnv } from '../auth/require-key';
import { concurrencyGate } from '../http/concurrency-gate';
import { errorResponse, jsonResponse as json, keyErrorResponses, scopeNote } from '../openapi/openapi-responses';
import { openApiApp } from '../openapi/openapi-app';
import type { Services } from '../services';
import { activenessLevel } from './activeness-levels';
import { noSuchCustomer } from './no-such-customer';
import { documentedCondition, filterPageSchema, hasEventByIdentityQuery, hasEventQuery, hasEventSchema, queryBody } from './customer-filter-schemas';
import { customerIdParam } from './customer-schemas';
import { findByIdentity } from './find-by-identity';
import { byIdentityId } from './find-customer';

const tags = ['Analysis'];
const unknownEvent = 'Not JSON, a bad field, or an event no definition has';

/** The advanced customer filter and the has-event judgement. */
export function customerFilterRoute(services: Services) {
  const app = openApiApp<KeyEnv>();
  const { store, config } = services;
  const reader = requireKey(services.keys, ['admin', 'read']);
  const known = { definitions: services.definitions, store: store.definitions };
  // Registered before the route, so the body's condition refers to it (see customer-filter-schemas.ts).
  app.openAPIRegistry.register('CustomerCondition', documentedCondition);
  // The condition's size and depth are checked before the schema's recursive parse.
  const limitedQueryBody = queryBody.extend({ condition: withinConditionLimits(customerConditionSchema, config.conditionLimits).openapi('CustomerCondition') });

  app.openapi(
    createRoute({
      method: 'post',
      path: '/query',
      tags,
      summary: 'Customers matching a condition, with their count',
      description:
        'A condition is an object with exactly one key: all / any (a list of conditions), not (a condition), ' +
        'did / didNot ({ event, where?, atLeast?, atMost?, within? such as 30d, or between: { from, to } }), ' +
        'tagged ({ tag, atLeast?, atMost?, within?/between? }), activeness ({ level } or { min?, max? }), stage (a stage or a list). ' +
        `Paged in id order. ${scopeNote('read', 'admin')}`,
      middleware: [reader, concurrencyGate('customer queries', config.concurrency.queries)] as const,
      request: { body: { required: true, content: { 'application/json': { schema: limitedQueryBody } } } },
      responses: {
        200: json(filterPageSchema, 'The count and one page'),
        400: errorResponse(`${unknownEvent}, an unknown activeness level, a bad cursor, or a condition over EVENTLINE_MAX_CONDITION_CLAUSES or EVENTLINE_MAX_CONDITION_DEPTH`),
        429: errorResponse('Too many customer queries in progress for this key or in all (EVENTLINE_MAX_QUERIES_PER_KEY, EVENTLINE_MAX_QUERIES); see Retry-After'),
        ...keyErrorResponses,
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const condition = await checkCustomerCondition(body.condition, Date.now(), { ...known, levels: config.activenessLevels });
      const result = await store.analysis.filterCustomers(condition, { limit: body.limit, ...(body.cursor !== undefined && { cursor: body.cursor }) });
      const items = result.items.map((r) => ({ ...r, activenessLevel: activenessLevel(r.activeness, config.activenessLevels) }));
      return c.json({ count: result.count, items, nextCursor: result.nextCursor }, 200);
    },
  );

  const hasEvent = async (id: string, q: z.infer<typeof hasEventQuery>) => {
    await requireKnownEvents([q.event], known, 'event');
    const from = q.within !== undefined ? Date.now() - q.within : (q.from ?? null);
    // A merged id answers for its survivor, who now holds all of its events.
    const found = await store.analysis.lastEvent(id, { event: q.event, from, to: q.to ?? null, where: q.where });
    if (found === undefined) throw noSuchCustomer.error(id);
    return { happened: found.last !== null, last: found.last, customerId: found.customerId };
  };

  app.openapi(
    createRoute({
      method: 'get',
      path: '/has-event',
      tags,
      summary: 'Whether the customer holding an identity did an event, and when last',
      description: `identity is type:value, normalised like ingest; otherwise as GET /v1/customers/{id}/has-event. ${scopeNote('read', 'admin')}`,
      middleware: [reader] as const,
      request: { query: hasEventByIdentityQuery },
      responses: {
        200: json(hasEventSchema, 'customerId is the customer holding the identity'),
        400: errorResponse('A bad parameter or identity, or an event no definition has'),
        404: errorResponse('No customer holds the identity'),
        ...keyErrorResponses,
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const customer = await findByIdentity(store.customers, q.identity);
      return c.json(await hasEvent(customer.id, q), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{id}/has-event',
      tags,
      summary: 'Whether a customer did an event, and when last',
      description: `within (such as 24h) or from/to (ISO-8601 or epoch ms); where is a JSON array of property conditions. A merged id answers for its survivor. ${scopeNote('read', 'admin')}`,
      middleware: [reader] as const,
      request: { params: customerIdParam, query: hasEventQuery },
      responses: {
        200: json(hasEventSchema, 'customerId is the live customer (the survivor of a merge)'),
        400: errorResponse('A bad parameter, or an event no definition has'),
        404: noSuchCustomer.response,
        ...keyErrorResponses,
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const { id } = c.req.valid('param');
      const customerId = id === byIdentityId ? (await findByIdentity(store.customers, c.req.query('identity'))).id : id;
      return c.json(await hasEvent(customerId, q), 200);
    },
  );

  return app;
}
