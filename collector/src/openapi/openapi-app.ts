import { OpenAPIHono } from '@hono/zod-openapi';
import type { Env } from 'hono';
import { HttpError } from '../errors/http-error';
import { describeIssue } from '../http/describe-issue';
import { findNul } from '../http/find-nul';

/**
 * A route module's app whose routes are documented: `app.openapi(createRoute({…}), handler)`. A request
 * that fails its route's schemas is our 400 `invalid_request` naming the field, like any bad request.
 */
export function openApiApp<E extends Env = Env>() {
  return new OpenAPIHono<E>({
    defaultHook: (result) => {
      if (result.success) {
        const nul = findNul(result.data);
        if (nul !== undefined) throw new HttpError(400, 'invalid_request', `${nul || result.target}: contains a NUL character (U+0000), which cannot be stored`);
        return;
      }
      const issues = result.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: describeIssue(i, (path) => path.map(String).join('.') || result.target) }));
      throw new HttpError(400, 'invalid_request', issues[0]!.message, { issues });
    },
  });
}
