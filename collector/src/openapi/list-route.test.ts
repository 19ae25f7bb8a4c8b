import { z } from '@hono/zod-openapi';
import { describe, expect, it } from 'vitest';
import type { KeyResolver } from '../auth/key-resolver';
import type { KeyEnv } from '../auth/require-key';
import { HttpError } from '../errors/http-error';
import type { KeyRecord, Scope } from '../store/store';
import { keyAccess } from './keyed-route';
import { addListRoute } from './list-route';
import { openApiApp } from './openapi-app';
import { itemsResponse } from './openapi-responses';

/** Keys named after their scope: "read" is a read key. */
const resolver = { resolve: async (key: string) => ({ id: key, scope: key as Scope }) as KeyRecord } as unknown as KeyResolver;

function app(path?: string) {
  const app = openApiApp<KeyEnv>();
  const things = [
    { id: 'a', size: 1 },
    { id: 'b', size: 3 },
  ];
  addListRoute(app, keyAccess(resolver, ['admin', 'read']), {
    ...(path !== undefined && { path }),
    tags: ['Things'],
    summary: 'List things',
    description: 'Smallest first.',
    query: z.object({ min: z.coerce.number().int().min(0).default(0) }),
    response: itemsResponse(z.object({ id: z.string(), size: z.number() }), 'The things'),
    badQuery: 'A bad min',
    list: async ({ min }) => ({ items: things.filter((t) => t.size >= min) }),
  });
  app.onError((error, c) => (error instanceof HttpError ? c.json(error.toBody(), error.status) : c.text('?', 500)));
  const get = (query: string, key = 'read') => app.request(`${path ?? '/'}${query}`, { headers: { authorization: `Bearer ${key}` } });
  return { app, get };
}

describe('addListRoute', () => {
  it('answers what list gives for the validated query, with its defaults; a query its schema refuses is a 400; the key is checked first', async () => {
    const { get } = app();
    expect(await (await get('')).json()).toEqual({ items: [{ id: 'a', size: 1 }, { id: 'b', size: 3 }] });
    expect(await (await get('?min=2')).json()).toEqual({ items: [{ id: 'b', size: 3 }] });
    const bad = await get('?min=-1');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('invalid_request');
    expect((await get('', 'server')).status).toBe(403);
  });

  it('documents the GET with its query parameters, the 200 and the 400, at / or the path given', async () => {
    for (const path of [undefined, '/v1/things']) {
      const doc = app(path).app.getOpenAPI31Document({ openapi: '3.1.0', info: { title: 't', version: '1' } });
      const operation = doc.paths![path ?? '/']!.get!;
      expect(operation.summary).toBe('List things');
      expect(operation.description).toBe('Smallest first. Key scope: read or admin.');
      expect(operation.parameters).toEqual([expect.objectContaining({ name: 'min', in: 'query' })]);
      expect(Object.keys(operation.responses!).sort()).toEqual(['200', '400', '401', '403']);
      expect(operation.responses!['200']).toMatchObject({ description: 'The things' });
      expect(operation.responses!['400']).toMatchObject({ description: 'A bad min' });
    }
  });
});
