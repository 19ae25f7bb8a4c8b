import { Hono } from 'hono';
import { z } from 'zod';
import { requireKey, type KeyEnv } from '../auth/require-key';
import { concurrencyGate } from '../http/concurrency-gate';
import { readQuery } from '../http/read-query';
import { parseTime } from '../ingest/parse-time';
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

/** Rows per store query while streaming: memory holds about one such page at a time. */
const streamPageSize = 1000;

/**
 * GET /v1/events: the way event data leaves the collector. JSON pages with a cursor by default; with
 * `Accept: application/x-ndjson` every matching event, one per line, read a page at a time as the
 * client takes them, so memory stays flat however many there are.
 */
export function exportRoute(services: Services) {
  const app = new Hono<KeyEnv>();

  app.get('/v1/events', requireKey(services.keys, ['read', 'admin']), concurrencyGate('exports', services.config.concurrency.exports), async (c) => {
    const { from, to, event, customer, tag, limit, cursor } = readQuery(c, exportQuery);
    const query: Omit<EventQuery, 'limit' | 'after'> = {
      ...(from !== undefined ? { from } : {}),
      ...(to !== undefined ? { to } : {}),
      ...(event !== undefined ? { event } : {}),
      ...(customer !== undefined ? { customerId: customer } : {}),
      ...(tag !== undefined ? { tag } : {}),
    };
    let after: EventPosition | undefined = cursor === undefined ? undefined : decodeCursor(cursor);

    if (!(c.req.header('accept') ?? '').includes('application/x-ndjson')) {
      const page = await services.store.events.page({ ...query, limit, ...(after ? { after } : {}) });
      return c.json({ items: page.items, nextCursor: page.next ? encodeCursor(page.next) : null });
    }

    const encoder = new TextEncoder();
    const stream = new ReadableStream<Uint8Array>(
      {
        // Called only when the client has taken what was queued: a slow reader slows the queries.
        async pull(controller) {
          try {
            const page = await services.store.events.page({ ...query, limit: streamPageSize, ...(after ? { after } : {}) });
            if (page.items.length > 0) controller.enqueue(encoder.encode(page.items.map((e) => `${JSON.stringify(e)}\n`).join('')));
            if (page.next) after = page.next;
            else controller.close();
          } catch (error) {
            // The 200 is already sent: cutting the stream is how the client learns it is incomplete.
            services.log.error('export stream failed', { error: String(error) });
            controller.error(error);
          }
        },
      },
      { highWaterMark: 1 },
    );
    return new Response(stream, { headers: { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store' } });
  });

  return app;
}
