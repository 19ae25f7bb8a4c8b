import type { OpenAPIHono, z } from '@hono/zod-openapi';
import type { KeyEnv } from '../auth/require-key';
import { idParam } from './id-param';
import { keyedRoute, type KeyAccess } from './keyed-route';
import type { NotFound } from './not-found';
import { jsonResponse } from './openapi-responses';

export interface ReadByIdRoute<S extends z.ZodType> {
  tags: string[];
  summary: string;
  /** What the 200 answers, as the document says it: "The material". */
  found: string;
  schema: S;
  notFound: NotFound;
  /** The record under `id` as the API shows it, or nothing when there is none. */
  read(id: string): Promise<z.input<S> | null | undefined>;
}

/** Adds `GET /{id}` to a module's `app`: one record, or the 404 of its kind, declared and thrown as one. */
export function addReadByIdRoute<S extends z.ZodType>(app: OpenAPIHono<KeyEnv>, access: KeyAccess, route: ReadByIdRoute<S>) {
  app.openapi(
    keyedRoute(access, {
      method: 'get',
      path: '/{id}',
      tags: route.tags,
      summary: route.summary,
      request: { params: idParam },
      responses: { 200: jsonResponse(route.schema, route.found), 404: route.notFound.response },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      return c.json(route.notFound.unless(await route.read(id), id), 200);
    },
  );
}
