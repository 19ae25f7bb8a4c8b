import { Hono } from 'hono';
import { z } from 'zod';
import { requireKey, type KeyEnv } from '../auth/require-key';
import { readQuery } from '../http/read-query';
import type { Services } from '../services';
import { replayQuarantine } from './replay-quarantine';

export const listQuery = z.object({
  status: z.enum(['pending', 'replayed']).default('pending'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
});

/** Rejected events, kept with their reasons; replay moves those that now pass into the events. */
export function quarantineRoute(services: Services) {
  const app = new Hono<KeyEnv>();
  const admin = requireKey(services.keys, ['admin']);

  app.get('/v1/quarantine', admin, async (c) => {
    const { status, limit, cursor } = readQuery(c, listQuery);
    const page = await services.store.quarantine.list({ status, limit, ...(cursor ? { cursor } : {}) });
    return c.json({
      items: page.items.map(({ raw, ...record }) => ({ ...record, event: record.event, raw: JSON.parse(raw) as unknown })),
      nextCursor: page.nextCursor,
    });
  });

  app.post('/v1/quarantine/replay', admin, async (c) => c.json(await replayQuarantine(services.store, services)));

  return app;
}
