import { describe, expect, it } from 'vitest';
import type { KeyResolver } from '../auth/key-resolver';
import type { KeyEnv } from '../auth/require-key';
import { HttpError } from '../errors/http-error';
import type { KeyRecord, Scope } from '../store/store';
import { addDeleteByIdRoute } from './delete-by-id-route';
import { keyAccess } from './keyed-route';
import { NotFound } from './not-found';
import { openApiApp } from './openapi-app';

/** Keys named after their scope: "admin" is an admin key. */
const resolver = { resolve: async (key: string) => ({ id: key, scope: key as Scope }) as KeyRecord } as unknown as KeyResolver;
const noSuchThing = new NotFound('No such thing', (id) => `there is no thing "${id}"`);

function app() {
  const app = openApiApp<KeyEnv>();
  const things = new Set(['a']);
  const told: string[] = [];
  addDeleteByIdRoute(app, keyAccess(resolver, ['admin']), {
    tags: ['Things'],
    summary: 'Delete a thing',
    done: 'Deleted',
    notFound: noSuchThing,
    delete: async (id) => things.delete(id),
    deleted: async () => void told.push('deleted'),
  });
  app.onError((error, c) => (error instanceof HttpError ? c.json(error.toBody(), error.status) : c.text('?', 500)));
  const del = (id: string, key = 'admin') => app.request(`/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${key}` } });
  return { app, things, told, del };
}

describe('addDeleteByIdRoute', () => {
  it('deletes and answers 204, then the 404 of its kind; what must know is told only of a real delete', async () => {
    const { things, told, del } = app();
    expect((await del('a', 'read')).status).toBe(403);
    expect(things.has('a')).toBe(true);
    const deleted = await del('a');
    expect(deleted.status).toBe(204);
    expect(things.has('a')).toBe(false);
    expect(told).toEqual(['deleted']);
    const again = await del('a');
    expect(again.status).toBe(404);
    expect(await again.json()).toEqual({ error: { code: 'not_found', message: 'there is no thing "a"' } });
    expect(told).toEqual(['deleted']);
  });

  it('documents DELETE /{id} with its path parameter, the 204 and the 404', () => {
    const doc = app().app.getOpenAPI31Document({ openapi: '3.1.0', info: { title: 't', version: '1' } });
    const operation = doc.paths!['/{id}']!.delete!;
    expect(operation.parameters).toEqual([expect.objectContaining({ name: 'id', in: 'path' })]);
    expect(operation.responses!['204']).toEqual({ description: 'Deleted' });
    expect(operation.responses!['404']).toMatchObject({ description: 'No such thing' });
  });
});
