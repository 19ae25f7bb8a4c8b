import { limits } from '@eventline/protocol';
import { Hono } from 'hono';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { requireKey, type KeyEnv } from '../auth/require-key';
import { HttpError } from '../errors/http-error';
import { readJson } from '../http/read-json';
import type { Services } from '../services';
import { materialTypes } from '../store/store';

const tags = z
  .array(z.string().trim().min(1).max(limits.maxTagLength))
  .max(limits.maxTags)
  .transform((t) => [...new Set(t)]);
const fields = { name: z.string().trim().min(1).max(128), type: z.enum(materialTypes), tags };

/** The id is what events name in `properties.target_id` (for a WeChat QR code: its scene value). */
export const createBody = z.object({ id: z.string().trim().min(1).max(limits.maxIdLength).optional(), ...fields, tags: tags.default([]) });
export const patchBody = z.object({ name: fields.name.optional(), type: fields.type.optional(), tags: tags.optional() });

/** Admin: content materials, whose tags the events that happen on them carry. */
export function materialsRoute(services: Services) {
  const app = new Hono<KeyEnv>();
  const admin = requireKey(services.keys, ['admin']);
  const { materials } = services.store;
  const notFound = (id: string) => new HttpError(404, 'not_found', `there is no material "${id}"`);

  app.get('/v1/materials', admin, async (c) => {
    const type = z.enum(materialTypes).optional().safeParse(c.req.query('type'));
    if (!type.success) throw new HttpError(400, 'invalid_request', `type: one of ${materialTypes.join(', ')}`);
    return c.json({ items: (await materials.list(type.data ? { type: type.data } : {})) });
  });

  app.post('/v1/materials', admin, async (c) => {
    const body = await readJson(c, createBody);
    const id = body.id ?? uuidv7();
    if (!(await materials.create({ id, name: body.name, type: body.type, tags: body.tags }))) {
      throw new HttpError(409, 'conflict', `a material with id "${id}" exists`);
    }
    await services.caches.changed('materials');
    return c.json((await materials.get(id))!, 201);
  });

  app.get('/v1/materials/:id', admin, async (c) => {
    const material = await materials.get(c.req.param('id'));
    if (!material) throw notFound(c.req.param('id'));
    return c.json(material);
  });

  app.patch('/v1/materials/:id', admin, async (c) => {
    const id = c.req.param('id');
    const body = await readJson(c, patchBody);
    const updated = await materials.update(id, {
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.type !== undefined ? { type: body.type } : {}),
      ...(body.tags !== undefined ? { tags: body.tags } : {}),
    });
    if (!updated) throw notFound(id);
    await services.caches.changed('materials');
    return c.json(updated);
  });

  app.delete('/v1/materials/:id', admin, async (c) => {
    const id = c.req.param('id');
    if (!(await materials.delete(id))) throw notFound(id);
    await services.caches.changed('materials');
    return c.body(null, 204);
  });

  return app;
}
