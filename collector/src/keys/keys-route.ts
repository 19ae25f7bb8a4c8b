import { Hono } from 'hono';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { generateKey } from '../auth/generate-key';
import { hashKey } from '../auth/hash-key';
import { requireKey, type KeyEnv } from '../auth/require-key';
import { HttpError } from '../errors/http-error';
import { readJson } from '../http/read-json';
import type { Services } from '../services';
import { scopes, type KeyRecord } from '../store/store';

const originSchema = z.string().refine(
  (value) => {
    try {
      return new URL(value).origin === value;
    } catch {
      return false;
    }
  },
  { message: 'an origin is scheme://host[:port] with no path or trailing slash, such as https://shop.example.com' },
);

export const newKeySchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    scope: z.enum(scopes),
    allowedOrigins: z.array(originSchema).max(100).default([]),
    /** Events per second; omitted or null: the collector's default. */
    rateLimit: z.number().int().positive().max(1_000_000).nullable().default(null),
  })
  .refine((k) => k.allowedOrigins.length === 0 || k.scope === 'ingest', {
    path: ['allowedOrigins'],
    message: 'only ingest keys are limited to origins: the other scopes are for servers, which send no Origin',
  });

/** Managing keys (admin only). A key is shown once, when it is created; only its hash is kept. */
export function keysRoute(services: Services) {
  const app = new Hono<KeyEnv>();
  const admin = requireKey(services.keys, ['admin']);
  const { keys } = services.store;

  app.post('/v1/keys', admin, async (c) => {
    const input = await readJson(c, newKeySchema);
    const key = generateKey(input.scope);
    const record: KeyRecord = { id: uuidv7(), ...input, createdAt: Date.now() };
    await keys.create({ ...record, hash: hashKey(key) });
    return c.json({ ...record, key }, 201);
  });

  app.get('/v1/keys', admin, async (c) => c.json({ items: await keys.list() }));

  app.delete('/v1/keys/:id', admin, async (c) => {
    const id = c.req.param('id');
    const target = (await keys.list()).find((k) => k.id === id);
    if (!target) throw new HttpError(404, 'not_found', `there is no live key with the id "${id}"`);
    if (target.scope === 'admin' && (await keys.countByScope('admin')) === 1) {
      throw new HttpError(409, 'conflict', 'this is the last admin key: create another admin key before revoking it');
    }
    await keys.revoke(id, Date.now());
    // Other collector processes stop accepting it when their key cache expires (seconds).
    await services.caches.changed('keys');
    return c.body(null, 204);
  });

  return app;
}
