import { z, type OpenAPIHono } from '@hono/zod-openapi';
import { createBody, patchBody } from '../materials/materials-route';
import { materialTypes, type MaterialRecord } from '../store/store';
import { errorResponse, jsonResponse as json, keyErrorResponses, scopeNote } from './openapi-responses';

const materialSchema = z
  .object({ id: z.string(), name: z.string(), type: z.enum(materialTypes), tags: z.array(z.string()), createdAt: z.number().int(), updatedAt: z.number().int() })
  .openapi('Material') satisfies z.ZodType<MaterialRecord>;

const idParam = z.object({ id: z.string() });
const tags = ['Materials'];
const admin = scopeNote('admin');
const notFound = errorResponse('No such material');

/** Content materials (materials/materials-route.ts). */
export function registerMaterialsPaths(registry: OpenAPIHono['openAPIRegistry']): void {
  registry.registerPath({
    method: 'get',
    path: '/v1/materials',
    tags,
    summary: 'List materials',
    description: admin,
    // The route checks this one parameter inline against the same list.
    request: { query: z.object({ type: z.enum(materialTypes).optional() }) },
    responses: { 200: json(z.object({ items: z.array(materialSchema) }), 'The materials'), 400: errorResponse('An unknown type'), ...keyErrorResponses },
  });

  registry.registerPath({
    method: 'post',
    path: '/v1/materials',
    tags,
    summary: 'Create a material',
    description: `Its id is what events name in properties.target_id (for a WeChat QR code, its scene value); a uuid when not given. ${admin}`,
    request: { body: { required: true, content: { 'application/json': { schema: createBody.openapi('NewMaterial') } } } },
    responses: { 201: json(materialSchema, 'Created'), 400: errorResponse('Not JSON, or a bad field'), 409: errorResponse('The id is taken'), ...keyErrorResponses },
  });

  registry.registerPath({
    method: 'get',
    path: '/v1/materials/{id}',
    tags,
    summary: 'One material',
    description: admin,
    request: { params: idParam },
    responses: { 200: json(materialSchema, 'The material'), 404: notFound, ...keyErrorResponses },
  });

  registry.registerPath({
    method: 'patch',
    path: '/v1/materials/{id}',
    tags,
    summary: 'Change a material’s name, type or tags',
    description: admin,
    request: { params: idParam, body: { required: true, content: { 'application/json': { schema: patchBody.openapi('MaterialChanges') } } } },
    responses: { 200: json(materialSchema, 'The material after the change'), 400: errorResponse('Not JSON, or a bad field'), 404: notFound, ...keyErrorResponses },
  });

  registry.registerPath({
    method: 'delete',
    path: '/v1/materials/{id}',
    tags,
    summary: 'Delete a material',
    description: admin,
    request: { params: idParam },
    responses: { 204: { description: 'Deleted' }, 404: notFound, ...keyErrorResponses },
  });
}
