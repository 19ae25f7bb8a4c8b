import { createRoute } from '@hono/zod-openapi';
import { requireKey, type KeyEnv } from '../auth/require-key';
import { errorResponse, jsonResponse as json, keyErrorResponses, scopeNote } from '../openapi/openapi-responses';
import { openApiApp } from '../openapi/openapi-app';
import type { Services } from '../services';
import { distributionBody, distributionOf, funnelBody, funnelOf } from './analysis-reports';
import { distributionSchema, funnelSchema } from './analysis-schemas';

const tags = ['Analysis'];
const unknownEvent = 'Not JSON, a bad field, or an event no definition has';
const unknownStepProperty = `${unknownEvent}, or a step condition on a property its event does not have`;

/** /v1/analysis: time distribution and funnels over recorded events. */
export function analysisRoute(services: Services) {
  const app = openApiApp<KeyEnv>();
  const reader = requireKey(services.keys, ['admin', 'read']);

  app.openapi(
    createRoute({
      method: 'post',
      path: '/distribution',
      tags,
      summary: 'How an event’s count spreads over hours, weekdays or days',
      description: `Every bucket of the range in the given time zone, empty ones included. ${scopeNote('read', 'admin')}`,
      middleware: [reader] as const,
      request: { body: { required: true, content: { 'application/json': { schema: distributionBody } } } },
      responses: { 200: json(distributionSchema, 'The buckets'), 400: errorResponse(unknownEvent), ...keyErrorResponses },
    }),
    async (c) => c.json(await distributionOf(services, c.req.valid('json')), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/funnel',
      tags,
      summary: 'How many customers went through the steps in order within the window',
      description: `Customers whose first step falls in [from, to). A step is an event id, or { event, where } to count only the events of it that meet its conditions; the request’s where applies to every step as well (both must hold). ${scopeNote('read', 'admin')}`,
      middleware: [reader] as const,
      request: { body: { required: true, content: { 'application/json': { schema: funnelBody } } } },
      responses: { 200: json(funnelSchema, 'Each step with its conversion and median time'), 400: errorResponse(unknownStepProperty), ...keyErrorResponses },
    }),
    async (c) => c.json(await funnelOf(services, c.req.valid('json')), 200),
  );

  return app;
}
