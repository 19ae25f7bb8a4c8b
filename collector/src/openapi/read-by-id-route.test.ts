import { z } from '@hono/zod-openapi';
import { describe, expect, it } from 'vitest';
import type { KeyResolver } from '../auth/key-resolver';
import type { KeyEnv } from '../auth/require-key';
import { HttpError } from '../errors/http-error';
import type { KeyRecord, Scope } from '../store/store';
import { keyAccess } from './keyed-route';
import { NotFound } from './not-found';
import { openApiApp } from './openapi-app';
import { addReadByIdRoute } from './read-by-id-route';

/** Keys named after their scope: "read" is a read key. */
const resolver = { resolve: async (key: string) => ({ id: key, scope: key as Scope }) as KeyRecord } as unknown as KeyResolver;
const noSuchThing = new NotFound('No such thing', (id) => `there is no thing "${id}"`);

function app() {
  const app = openApiApp<KeyEnv>();
  const things = new Map([['a', { id: 'a', name: 'A' }]]);
  addReadByIdRoute(app, keyAccess(resolver, ['admin', 'read']), {
    tags: ['Things'],
    summary: 'One thing',
    found: 'The thing',
    schema: z.object({ id: z.string(), name: z.string() }),
    notFound: noSuchThing,
    read: async (id) => things.get(id),
  });
  app.onError((error, c) => (error instanceof HttpError ? c.json(error.toBody(), error.status) : c.text('?', 500)));
  const get = (id: string, key = 'read') => app.request(`/${id}`, { headers: { authorization: `Bearer ${key}` } });
  return { app, get };
}

describe('addReadByIdRoute', () => {
  it('answers the record under the id, the 404 of its kind when there is none, and checks the key first', async () => {
    const { get } = app();
    expect(await (await get('a')).json()).toEqual({ id: 'a', name: 'A' });
    const missing = await get('b');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: { code: 'not_found', message: 'there is no thing "b"' } });
    expect((await get('a', 'server')).status).toBe(403);
  });

  it('documents GET /{id} with its path parameter, the 200 and the 404', () => {
    const doc = app().app.getOpenAPI31Document({ openapi: '3.1.0', info: { title: 't', version: '1' } });
    const operation = doc.paths!['/{id}']!.get!;
    expect(operation.summary).toBe('One thing');
    expect(operation.parameters).toEqual([expect.objectContaining({ name: 'id', in: 'path' })]);
    expect(Object.keys(operation.responses!).sort()).toEqual(['200', '401', '403', '404']);
    expect(operation.responses!['200']).toMatchObject({ description: 'The thing' });
  });
});
