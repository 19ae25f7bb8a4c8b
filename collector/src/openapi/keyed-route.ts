import { createRoute, type RouteConfig } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { KeyResolver } from '../auth/key-resolver';
import { requireKey, type KeyEnv } from '../auth/require-key';
import { scopes, type Scope } from '../store/store';
import { keyErrorResponses, scopeNote } from './openapi-responses';

/** Who may call a route: the scopes the document names, and the middleware that lets only those in. */
export interface KeyAccess {
  scopes: readonly Scope[];
  check: MiddlewareHandler<KeyEnv>;
}

export const keyAccess = (keys: KeyResolver, scopes: readonly Scope[]): KeyAccess => ({ scopes, check: requireKey(keys, scopes) });

type KeyedRouteConfig = Omit<RouteConfig, 'middleware'> & { middleware?: readonly MiddlewareHandler<any, any, any>[] };

/**
 * `createRoute` for a route only a key of `access.scopes` may call, so that what the document says
 * cannot drift from what the route checks: the key is checked first (before the route's own
 * `middleware`), the description ends with the scope note, and 401 and 403 are among the responses.
 */
export function keyedRoute<P extends string, R extends KeyedRouteConfig & { path: P }>(access: KeyAccess, route: R) {
  // Named in the order of `scopes`, whatever the order the check was given (it only shows in its 403 message).
  const note = scopeNote(...scopes.filter((s) => access.scopes.includes(s)));
  return createRoute({
    ...route,
    description: route.description ? `${route.description} ${note}` : note,
    middleware: [access.check, ...(route.middleware ?? [])],
    responses: { ...route.responses, ...keyErrorResponses },
  }) as Omit<R, 'middleware' | 'responses'> & {
    path: P;
    description: string;
    middleware: MiddlewareHandler<any, any, any>[];
    responses: R['responses'] & typeof keyErrorResponses;
    getRoutingPath(): string;
  };
}
