import type { Context } from 'hono';
import type { z } from 'zod';
import { HttpError } from '../errors/http-error';

/** The request's query string checked against `schema`; a 400 that names the parameter otherwise. */
export function readQuery<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  const result = schema.safeParse(c.req.query());
  if (!result.success) {
    const issues = result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    const first = issues[0]!;
    throw new HttpError(400, 'invalid_request', `${first.path || 'query'}: ${first.message}`, { issues });
  }
  return result.data;
}
