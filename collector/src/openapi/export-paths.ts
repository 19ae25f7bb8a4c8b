import { z, type OpenAPIHono } from '@hono/zod-openapi';
import { recordedEventSchema } from '../customers/customer-schemas';
import { exportQuery } from '../export/export-route';
import { errorResponse, jsonResponse as json, keyErrorResponses, scopeNote } from './openapi-responses';

/** GET /v1/events (export/export-route.ts). */
export function registerExportPaths(registry: OpenAPIHono['openAPIRegistry']): void {
  registry.registerPath({
    method: 'get',
    path: '/v1/events',
    tags: ['Export'],
    summary: 'Export recorded events, oldest first',
    description:
      'The only way event data leaves the collector. from/to are ISO-8601 or epoch ms (from inclusive, to exclusive); customer ' +
      'includes the events of customers merged into it. JSON pages with nextCursor by default; with `Accept: application/x-ndjson` ' +
      'every matching event, one JSON object per line, streamed (limit and paging do not apply; a stream cut short means an incomplete export). ' +
      scopeNote('read', 'admin'),
    request: { query: exportQuery },
    responses: {
      200: {
        description: 'One page, or with Accept: application/x-ndjson every matching event',
        content: {
          'application/json': { schema: z.object({ items: z.array(recordedEventSchema), nextCursor: z.string().nullable() }) },
          'application/x-ndjson': { schema: recordedEventSchema },
        },
      },
      400: errorResponse('A bad time or limit, or a cursor this collector did not give (invalid_cursor)'),
      429: errorResponse('Too many exports in progress for this key or in all (EVENTLINE_MAX_EXPORTS_PER_KEY, EVENTLINE_MAX_EXPORTS); see Retry-After'),
      ...keyErrorResponses,
    },
  });
}
