import { v7 as uuidv7 } from 'uuid';
import type { KeyEnv } from '../auth/require-key';
import { HttpError } from '../errors/http-error';
import { idParam } from '../openapi/id-param';
import { jsonBody } from '../openapi/json-body';
import { keyAccess, keyedRoute } from '../openapi/keyed-route';
import { addListRoute } from '../openapi/list-route';
import { NotFound } from '../openapi/not-found';
import { errorResponse, itemsResponse, jsonResponse as json } from '../openapi/openapi-responses';
import { openApiApp } from '../openapi/openapi-app';
import { addDeleteByIdRoute } from '../openapi/delete-by-id-route';
import { addReadByIdRoute } from '../openapi/read-by-id-route';
import type { Services } from '../services';
import { createBody, listQuery, materialSchema, patchBody } from './material-schemas';

const tags = ['Materials'];
const noSuchMaterial = new NotFound('No such material', (id) => `there is no material "${id}"`);
const badBody = errorResponse('Not JSON, or a bad field');

/** /v1/materials (admin): content materials, whose tags the events that happen on them carry. */
export function materialsRoute(services: Services) {
  const app = openApiApp<KeyEnv>();
  const admin = keyAccess(services.keys, ['admin']);
  const { materials } = services.store;

  addListRoute(app, admin, {
    tags,
    summary: 'List materials',
    query: listQuery,
    response: itemsResponse(materialSchema, 'The materials'),
    badQuery: 'An unknown type',
    list: async ({ type }) => ({ items: await materials.list(type ? { type } : {}) }),
  });

  app.openapi(
    keyedRoute(admin, {
      method: 'post',
      path: '/',
      tags,
      summary: 'Create a material',
      description: 'Its id is what events name in properties.target_id (for a WeChat QR code, its scene value); a uuid when not given.',
      request: { body: jsonBody(createBody) },
      responses: { 201: json(materialSchema, 'Created'), 400: badBody, 409: errorResponse('The id is taken') },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const id = body.id ?? uuidv7();
      if (!(await materials.create({ id, name: body.name, type: body.type, tags: body.tags }))) {
        throw new HttpError(409, 'conflict', `a material with id "${id}" exists`);
      }
      await services.caches.changed('materials');
      return c.json((await materials.get(id))!, 201);
    },
  );

  addReadByIdRoute(app, admin, { tags, summary: 'One material', found: 'The material', schema: materialSchema, notFound: noSuchMaterial, read: (id) => materials.get(id) });

  app.openapi(
    keyedRoute(admin, {
      method: 'patch',
      path: '/{id}',
      tags,
      summary: 'Change a material’s name, type or tags',
      request: { params: idParam, body: jsonBody(patchBody) },
      responses: { 200: json(materialSchema, 'The material after the change'), 400: badBody, 404: noSuchMaterial.response },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const updated = await materials.update(id, {
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.type !== undefined ? { type: body.type } : {}),
        ...(body.tags !== undefined ? { tags: body.tags } : {}),
      });
      const material = noSuchMaterial.unless(updated, id);
      await services.caches.changed('materials');
      return c.json(material, 200);
    },
  );

  addDeleteByIdRoute(app, admin, {
    tags,
    summary: 'Delete a material',
    done: 'Deleted',
    notFound: noSuchMaterial,
    delete: (id) => materials.delete(id),
    deleted: () => services.caches.changed('materials'),
  });

  return app;
}
