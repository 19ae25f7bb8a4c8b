import { z } from '@hono/zod-openapi';

/** The `{id}` path parameter of a route on one record (`/v1/materials/{id}`): any non-empty string. */
export const idParam = z.object({ id: z.string().min(1).openapi({ param: { name: 'id', in: 'path' } }) });
