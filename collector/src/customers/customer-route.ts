import type { RouteConfig } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { keyedRoute, type KeyAccess } from '../openapi/keyed-route';
import type { CustomerStore } from '../store/store';
import { customerIdParam, mergedResponse } from './customer-schemas';
import { findCustomer } from './find-customer';
import { noSuchCustomer } from './no-such-customer';

type CustomerRouteConfig = Omit<RouteConfig, 'middleware' | 'request'> & {
  request?: Omit<NonNullable<RouteConfig['request']>, 'params'>;
  middleware?: readonly MiddlewareHandler<any, any, any>[];
};

/**
 * `keyedRoute` for a route on one customer, `/{id}…`: the customer is in `c.var.customer` before the
 * handler runs (by id, or by `?identity=` when the id is `-`), and the document lists what that lookup
 * answers itself: the 308 of a merged id and the 404.
 */
export function customerRoute<P extends string, R extends CustomerRouteConfig & { path: P }>(access: KeyAccess, customers: CustomerStore, route: R) {
  return keyedRoute(access, {
    ...route,
    middleware: [findCustomer(customers), ...(route.middleware ?? [])],
    // Spelled out: a spread of a generic member loses what Hono reads the handler's `c.req.valid` from.
    request: { ...route.request, params: customerIdParam } as NonNullable<R['request']> & { params: typeof customerIdParam },
    responses: { ...route.responses, ...mergedResponse, 404: noSuchCustomer.response },
  });
}
