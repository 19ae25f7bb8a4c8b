import type { OpenAPIHono } from '@hono/zod-openapi';
import type { KeyEnv } from '../auth/require-key';
import { idParam } from './id-param';
import { keyedRoute, type KeyAccess } from './keyed-route';
import type { NotFound } from './not-found';

export interface DeleteByIdRoute {
  tags: string[];
  summary: string;
  /** What the 204 means, as the document says it: "Deleted". */
  done: string;
  notFound: NotFound;
  /** Deletes the record under `id`; false when there was none. */
  delete(id: string): Promise<boolean>;
  /** Runs after a delete, before the answer: what must know of it at once (a cache) learns here. */
  deleted?(): Promise<void>;
}

/** Adds `DELETE /{id}` to a module's `app`: 204, or the 404 of its kind when there is no such record. */
export function addDeleteByIdRoute(app: OpenAPIHono<KeyEnv>, access: KeyAccess, route: DeleteByIdRoute) {
  app.openapi(
    keyedRoute(access, {
      method: 'delete',
      path: '/{id}',
      tags: route.tags,
      summary: route.summary,
      request: { params: idParam },
      responses: { 204: { description: route.done }, 404: route.notFound.response },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      if (!(await route.delete(id))) throw route.notFound.error(id);
      await route.deleted?.();
      return c.body(null, 204);
    },
  );
}
