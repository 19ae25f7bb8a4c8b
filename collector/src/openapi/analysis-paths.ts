import { z, type OpenAPIHono } from '@hono/zod-openapi';
import { distributionBody, funnelBody, type distributionOf, type funnelOf } from '../analysis/analysis-reports';
import { customerConditionBranches } from '../analysis/customer-condition';
import { hasEventQuery, queryBody } from '../analysis/customer-filter-route';
import { customerIdParam } from '../customers/customer-schemas';
import type { FilteredCustomer } from '../store/analysis-store';
import { errorResponse, jsonResponse as json, keyErrorResponses, scopeNote } from './openapi-responses';

const filteredCustomerSchema = z
  .object({
    id: z.string(),
    activeness: z.number().int(),
    activenessLevel: z.string(),
    stage: z.string().nullable(),
    firstSeen: z.number().int(),
    lastSeen: z.number().int(),
    eventCount: z.number().int(),
  })
  .openapi('FilteredCustomer') satisfies z.ZodType<FilteredCustomer & { activenessLevel: string }>;

/**
 * The condition tree as a union of one-key objects. The route's schema dispatches on the key inside a
 * transform, which the generator cannot see into; this one is built from the same branches.
 */
const customerConditionSchema: z.ZodType = z
  .lazy(() => z.union(Object.entries(customerConditionBranches(customerConditionSchema)).map(([kind, schema]) => z.object({ [kind]: schema }).strict())))
  .openapi('CustomerCondition');

const distributionSchema = z
  .object({
    event: z.string(),
    by: z.enum(['hour', 'weekday', 'day']),
    timezone: z.string(),
    from: z.number().int(),
    to: z.number().int(),
    total: z.number().int(),
    buckets: z.array(
      z.object({
        key: z.union([z.number().int(), z.string()]).openapi({ description: 'Hour of day 0–23, weekday mon…sun, or the local date YYYY-MM-DD' }),
        count: z.number().int(),
      }),
    ),
  })
  .openapi('Distribution') satisfies z.ZodType<Awaited<ReturnType<typeof distributionOf>>>;

const funnelSchema = z
  .object({
    from: z.number().int(),
    to: z.number().int(),
    window: z.number().int().openapi({ description: 'ms' }),
    steps: z.array(
      z.object({
        event: z.string(),
        customers: z.number().int(),
        conversion: z.number().nullable().openapi({ description: 'Of the previous step; null when it had none' }),
        overall: z.number().nullable().openapi({ description: 'Of the first step; null when it had none' }),
        medianMs: z.number().int().nullable().openapi({ description: 'Median time from the previous step' }),
      }),
    ),
  })
  .openapi('Funnel') satisfies z.ZodType<Awaited<ReturnType<typeof funnelOf>>>;

const reader = scopeNote('read', 'admin');
const unknownEvent = 'Not JSON, a bad field, or an event no definition has';

/** The customer filter, has-event (analysis/customer-filter-route.ts) and the reports (analysis/analysis-route.ts). */
export function registerAnalysisPaths(registry: OpenAPIHono['openAPIRegistry']): void {
  registry.registerPath({
    method: 'post',
    path: '/v1/customers/query',
    tags: ['Analysis'],
    summary: 'Customers matching a condition, with their count',
    description:
      'A condition is an object with exactly one key: all / any (a list of conditions), not (a condition), ' +
      'did / didNot ({ event, where?, atLeast?, atMost?, within? such as 30d, or between: { from, to } }), ' +
      'tagged ({ tag, atLeast?, atMost?, within?/between? }), activeness ({ level } or { min?, max? }), stage (a stage or a list). ' +
      `Paged in id order. ${reader}`,
    request: { body: { required: true, content: { 'application/json': { schema: queryBody.extend({ condition: customerConditionSchema }) } } } },
    responses: {
      200: json(z.object({ count: z.number().int(), items: z.array(filteredCustomerSchema), nextCursor: z.string().nullable() }), 'The count and one page'),
      400: errorResponse(`${unknownEvent}, an unknown activeness level, a bad cursor, or a condition over EVENTLINE_MAX_CONDITION_CLAUSES or EVENTLINE_MAX_CONDITION_DEPTH`),
      429: errorResponse('Too many customer queries in progress for this key or in all (EVENTLINE_MAX_QUERIES_PER_KEY, EVENTLINE_MAX_QUERIES); see Retry-After'),
      ...keyErrorResponses,
    },
  });

  registry.registerPath({
    method: 'get',
    path: '/v1/customers/{id}/has-event',
    tags: ['Analysis'],
    summary: 'Whether a customer did an event, and when last',
    description: `within (such as 24h) or from/to (ISO-8601 or epoch ms); where is a JSON array of property conditions. A merged id answers for its survivor. ${reader}`,
    request: { params: customerIdParam, query: hasEventQuery },
    responses: {
      200: json(z.object({ happened: z.boolean(), last: z.number().int().nullable(), customerId: z.string() }), 'customerId is the live customer (the survivor of a merge)'),
      400: errorResponse('A bad parameter, or an event no definition has'),
      404: errorResponse('No such customer'),
      ...keyErrorResponses,
    },
  });

  registry.registerPath({
    method: 'post',
    path: '/v1/analysis/distribution',
    tags: ['Analysis'],
    summary: 'How an event’s count spreads over hours, weekdays or days',
    description: `Every bucket of the range in the given time zone, empty ones included. ${reader}`,
    request: { body: { required: true, content: { 'application/json': { schema: distributionBody } } } },
    responses: { 200: json(distributionSchema, 'The buckets'), 400: errorResponse(unknownEvent), ...keyErrorResponses },
  });

  registry.registerPath({
    method: 'post',
    path: '/v1/analysis/funnel',
    tags: ['Analysis'],
    summary: 'How many customers went through the steps in order within the window',
    description: `Customers whose first step falls in [from, to). ${reader}`,
    request: { body: { required: true, content: { 'application/json': { schema: funnelBody } } } },
    responses: { 200: json(funnelSchema, 'Each step with its conversion'), 400: errorResponse(unknownEvent), ...keyErrorResponses },
  });
}
