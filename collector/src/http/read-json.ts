import type { Context } from 'hono';
import type { z } from 'zod';
import { HttpError } from '../errors/http-error';
import { findNul } from './find-nul';

/** The request's JSON body checked against `schema`; a 400 that names the field otherwise. */
export async function readJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new HttpError(400, 'invalid_json', 'the body is not JSON');
  }
  const nul = findNul(body);
  if (nul !== undefined) throw new HttpError(400, 'invalid_request', `${nul || 'body'}: contains a NUL character (U+0000), which cannot be stored`);
  const result = schema.safeParse(body);
  if (!result.success) {
    const issues = result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    const first = issues[0]!;
    throw new HttpError(400, 'invalid_request', `${first.path || 'body'}: ${first.message}`, { issues });
  }
  return result.data;
}
