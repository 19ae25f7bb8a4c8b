import type { MiddlewareHandler } from 'hono';
import type { CollectorMetrics } from './collector-metrics';

/** Times every request by its route pattern (`/v1/customers/:id`), so ids never become label values. */
export function requestMetrics(metrics: CollectorMetrics): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    await next();
    metrics.request(c.req.method, c.req.routePath, c.res.status, (performance.now() - started) / 1000);
  };
}
