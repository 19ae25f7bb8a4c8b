import { newDefinitionSchema } from '@eventline/protocol';
import { Hono } from 'hono';
import { requireKey, type KeyEnv } from '../auth/require-key';
import { HttpError } from '../errors/http-error';
import { readJson } from '../http/read-json';
import type { Services } from '../services';

/** Reading and creating event definitions. A new definition applies to the very next event. */
export function definitionsRoute(services: Services) {
  const app = new Hono<KeyEnv>();
  const { store, definitions } = services;

  app.get('/v1/definitions', requireKey(services.keys, ['admin', 'read']), async (c) => c.json({ items: await store.definitions.list() }));

  app.get('/v1/definitions/:id', requireKey(services.keys, ['admin', 'read']), async (c) => {
    const definition = await store.definitions.get(c.req.param('id'));
    if (!definition) throw new HttpError(404, 'not_found', `no event is defined with the id "${c.req.param('id')}"`);
    return c.json(definition);
  });

  app.post('/v1/definitions', requireKey(services.keys, ['admin']), async (c) => {
    const input = await readJson(c, newDefinitionSchema);
    if (await store.definitions.get(input.id)) throw new HttpError(409, 'conflict', `an event with the id "${input.id}" already exists`);
    const definition = {
      id: input.id,
      name: input.name,
      type: input.type,
      score: input.type === 'inbound' ? (input.score ?? 0) : null,
      stage: input.stage ?? null,
      group: input.group ?? null,
      properties: input.properties.map((p) => ({ id: p.id, name: p.name, type: p.type, required: p.required ?? false })),
      system: false,
    };
    await store.definitions.create(definition);
    await definitions.refresh(definition.id);
    return c.json(await store.definitions.get(definition.id), 201);
  });

  return app;
}
