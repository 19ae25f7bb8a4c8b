import { createRoute, z } from '@hono/zod-openapi';
import { requireKey, type KeyEnv } from '../auth/require-key';
import { recordedEventSchema } from '../customers/customer-schemas';
import { parseTime } from '../recorder/parse-time';
import { errorResponse, keyErrorResponses, scopeNote } from '../openapi/openapi-responses';
import { openApiApp } from '../openapi/openapi-app';
import { concurrencyGate } from '../http/concurrency-gate';
import { pagedNdjsonStream } from '../http/paged-ndjson-stream';
import type { Services } from '../services';
import type { EventPosition, EventQuery } from '../store/store';
import { decodeCursor, encodeCursor } from './export-cursor';

const time = z
  .string()
  .transform((v, ctx) => {
    const t = parseTime(/^\d+$/.test(v) ? Number(v) : v);
    if (t.ok) return t.ms;
    ctx.addIssue({ code: 'custom', message: t.message });
    return z.NEVER;
  })
  .optional();

export const exportQuery = z.object({
  from: time,
  to: time,
  event: z.string().min(1).optional(),
  customer: z.string().min(1).optional(),
  tag: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().min(1).optional(),
});

const exportEvents = createRoute({
  method: 'get',
  path: '/',
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
        // One RecordedEvent per line; a reference rather than the zod schema, which would type the answer as JSON.
        'application/x-ndjson': { schema: { $ref: '#/components/schemas/RecordedEvent' } },
      },
    },
    400: errorResponse('A bad time or limit, or a cursor this collector did not give (invalid_cursor)'),
    429: errorResponse('Too many exports in progress for this key or in all (EVENTLINE_MAX_EXPORTS_PER_KEY, EVENTLINE_MAX_EXPORTS); see Retry-After'),
    ...keyErrorResponses,
  },
});

/** Rows per store query while streaming: memory holds about one such page at a time. */
const streamPageSize = 1000;

/**
 * GET /v1/events (this module's prefix): the way event data leaves the collector. JSON pages with a cursor by default; with
 * `Accept: application/x-ndjson` every matching event, one per line, read a page at a time as the
 * client takes them, so memory stays flat however many there are.
 */
export function exportRoute(services: Services) {
  const app = openApiApp<KeyEnv>();

  app.openapi({ ...exportEvents, middleware: [requireKey(services.keys, ['read', 'admin']), concurrencyGate('exports', services.config.concurrency.exports)] as const }, async (c) => {
    const { from, to, event, customer, tag, limit, cursor } = c.req.valid('query');
    const query: Omit<EventQuery, 'limit' | 'after'> = {
      ...(from !== undefined ? { from } : {}),
      ...(to !== undefined ? { to } : {}),
      ...(event !== undefined ? { event } : {}),
      ...(customer !== undefined ? { customerId: customer } : {}),
      ...(tag !== undefined ? { tag } : {}),
    };
    const after: EventPosition | undefined = cursor === undefined ? undefined : decodeCursor(cursor);

    if (!(c.req.header('accept') ?? '').includes('application/x-ndjson')) {
      const page = await services.store.events.page({ ...query, limit, ...(after ? { after } : {}) });
      return c.json({ items: page.items, nextCursor: page.next ? encodeCursor(page.next) : null }, 200);
    }

    const stream = pagedNdjsonStream(
      after,
      (from) => services.store.events.page({ ...query, limit: streamPageSize, ...(from ? { after: from } : {}) }),
      (error) => services.log.error('export stream failed', { error: String(error) }),
    );
    // The route's types know one body per status (the JSON page); the stream is the other 200 it declares.
    return c.body(stream, 200, { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store' }) as never;
  });

  return app;
}
