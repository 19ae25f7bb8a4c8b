import { z } from '@hono/zod-openapi';
import type { KeyEnv } from '../auth/require-key';
import { keyAccess, keyedRoute } from '../openapi/keyed-route';
import { addListRoute } from '../openapi/list-route';
import { openApiApp } from '../openapi/openapi-app';
import { jsonResponse as json } from '../openapi/openapi-responses';
import type { Services } from '../services';
import { replayQuarantine } from './replay-quarantine';

const listQuery = z.object({
  status: z.enum(['pending', 'replayed']).default('pending'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
});

const quarantinePageSchema = z.object({
  items: z.array(
    z.looseObject({ id: z.number().int(), uuid: z.string().nullable(), event: z.string().nullable(), code: z.string(), message: z.string(), path: z.string(), raw: z.unknown() }),
  ),
  nextCursor: z.string().nullable(),
});

const replayResultSchema = z.object({ replayed: z.number().int(), duplicates: z.number().int(), stillRejected: z.number().int() });

const tags = ['Quarantine'];

/** Rejected events, kept with their reasons; replay moves those that now pass into the events. */
export function quarantineRoute(services: Services) {
  const app = openApiApp<KeyEnv>();
  const admin = keyAccess(services.keys, ['admin']);

  addListRoute(app, admin, {
    tags,
    summary: 'List rejected events with their reasons',
    query: listQuery,
    response: json(quarantinePageSchema, 'Newest first'),
    badQuery: 'A bad status, limit or cursor',
    list: async ({ status, limit, cursor }) => {
      const page = await services.store.quarantine.list({ status, limit, ...(cursor ? { cursor } : {}) });
      return {
        items: page.items.map(({ raw, ...record }) => ({ ...record, event: record.event, raw: JSON.parse(raw) as unknown })),
        nextCursor: page.nextCursor,
      };
    },
  });

  app.openapi(
    keyedRoute(admin, {
      method: 'post',
      path: '/replay',
      tags,
      summary: 'Re-check pending quarantined events against today’s definitions',
      responses: { 200: json(replayResultSchema, 'What happened to them') },
    }),
    async (c) => c.json(await replayQuarantine(services.store, services), 200),
  );

  return app;
}
