import { z } from '@hono/zod-openapi';
import { describe, expect, it } from 'vitest';
import type { KeyResolver } from '../auth/key-resolver';
import type { KeyEnv } from '../auth/require-key';
import { HttpError } from '../errors/http-error';
import type { KeyRecord, Scope } from '../store/store';
import { keyAccess, keyedRoute } from './keyed-route';
import { openApiApp } from './openapi-app';
import { jsonResponse } from './openapi-responses';

/** Keys named after their scope: "read" is a read key. */
const resolver = { resolve: async (key: string) => ({ id: key, scope: key as Scope }) as KeyRecord } as unknown as KeyResolver;

function app() {
  const app = openApiApp<KeyEnv>();
  const seen: string[] = [];
  const route = keyedRoute(keyAccess(resolver, ['admin', 'read']), {
    method: 'get',
    path: '/thing',
    summary: 'A thing',
    description: 'Read it.',
    middleware: [
      async (c, next) => {
        seen.push(c.var.key.id);
        await next();
      },
    ],
    responses: { 200: jsonResponse(z.object({ ok: z.boolean() }), 'The thing') },
  });
  app.openapi(route, (c) => c.json({ ok: true }, 200));
  app.onError((error, c) => (error instanceof HttpError ? c.json(error.toBody(), error.status) : c.text('?', 500)));
  const get = (key?: string) => app.request('/thing', key ? { headers: { authorization: `Bearer ${key}` } } : {});
  return { route, seen, get };
}

describe('keyedRoute', () => {
  it('lets in only the scopes it names, checking the key before the route’s own middleware', async () => {
    const { seen, get } = app();
    expect((await get()).status).toBe(401);
    expect((await get('server')).status).toBe(403);
    expect(seen).toEqual([]);
    expect((await get('read')).status).toBe(200);
    expect((await get('admin')).status).toBe(200);
    expect(seen).toEqual(['read', 'admin']);
  });

  it('documents what it checks: the scope note after the description, in the order of all scopes, and the 401 and 403', () => {
    const { route } = app();
    expect(route.description).toBe('Read it. Key scope: read or admin.');
    expect(Object.keys(route.responses)).toEqual(['200', '401', '403']);
  });

  it('says only the scope note when the route has no description of its own', () => {
    const route = keyedRoute(keyAccess(resolver, ['admin']), { method: 'get', path: '/', responses: { 204: { description: 'Nothing' } } });
    expect(route.description).toBe('Key scope: admin.');
  });
});
