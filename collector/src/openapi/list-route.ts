import type { OpenAPIHono, z } from '@hono/zod-openapi';
import type { KeyEnv } from '../auth/require-key';
import { keyedRoute, type KeyAccess } from './keyed-route';
import { errorResponse } from './openapi-responses';

export interface ListRoute<Q extends z.ZodObject, S extends z.ZodType> {
  /** Under the module's prefix; `/` but for a module mounted at the root. */
  path?: string;
  tags: string[];
  summary: string;
  description?: string;
  query: Q;
  /** The 200: `itemsResponse(…)` for an unpaged list, `jsonResponse(pageSchema, …)` for a page. */
  response: { description: string; content: { 'application/json': { schema: S } } };
  /** What the 400 says a query got wrong, as the document says it: "A bad limit or cursor". */
  badQuery: string;
  /** The answer to a query that passed `query`. */
  list(query: z.output<Q>): Promise<z.input<S>>;
}

/** Adds a `GET` of records filtered by a query to a module's `app`: the list, or the 400 of a query its schema refuses. */
export function addListRoute<E extends KeyEnv, Q extends z.ZodObject, S extends z.ZodType>(app: OpenAPIHono<E>, access: KeyAccess, route: ListRoute<Q, S>) {
  app.openapi(
    keyedRoute(access, {
      method: 'get',
      path: route.path ?? '/',
      tags: route.tags,
      summary: route.summary,
      ...(route.description !== undefined && { description: route.description }),
      // Hono cannot compute what a generic schema validates to: declared as any object, read back as what `route.query` gives.
      request: { query: route.query as z.ZodObject },
      responses: { 200: route.response, 400: errorResponse(route.badQuery) },
    }),
    async (c) => c.json(await route.list(c.req.valid('query') as z.output<Q>), 200),
  );
}
