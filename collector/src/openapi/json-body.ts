import type { z } from '@hono/zod-openapi';

/** A route's required JSON request body, checked against `schema` and read with `c.req.valid('json')`. */
export const jsonBody = <S extends z.ZodType>(schema: S) => ({ required: true, content: { 'application/json': { schema } } });
