import { OpenAPIHono } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import { analysisRoute } from './analysis/analysis-route';
import { auditRoute } from './audit/audit-route';
import { consoleRoute } from './console/console-route';
import { customersRoute } from './customers/customers-route';
import { definitionGroupsRoute } from './definitions/definition-groups-route';
import { definitionsRoute } from './definitions/definitions-route';
import { demoRoute } from './demo/demo-route';
import { devloopRoute } from './devloop/devloop-route';
import { HttpError } from './errors/http-error';
import { bodyLimit } from './http/body-limit';
import { bodyLimitOf } from './http/body-limit-of';
import { QueryTimeoutError } from './errors/query-timeout-error';
import { ReadsBusyError } from './errors/reads-busy-error';
import { StorageUnavailableError } from './errors/storage-unavailable-error';
import { eventsRoute } from './events/events-route';
import { quarantineRoute } from './quarantine/quarantine-route';
import { segmentRoute } from './events/segment-route';
import { exportRoute } from './export/export-route';
import { healthRoute } from './health/health-route';
import { keysRoute } from './keys/keys-route';
import { materialsRoute } from './materials/materials-route';
import { metricsRoute } from './metrics/metrics-route';
import { requestMetrics } from './metrics/request-metrics';
import { openApiRoute } from './openapi/openapi-route';
import type { Services } from './services';
import { suppressionsRoute } from './suppressions/suppressions-route';
import { isStorageUnavailable } from './store/storage-unavailable';
import { segmentsRoute } from './segments/segments-route';
import { triggersRoute } from './triggers/triggers-route';
import { wechatRoute } from './wechat/wechat-route';

/** The collector's HTTP surface. Every error leaves as JSON `{ error: { code, message } }`. */
export function createApp(services: Services) {
  // Each module declares its routes with createRoute, so mounting it also puts them in /openapi.json (openapi/README.md).
  const app = new OpenAPIHono();
  if (services.config.metricsEnabled) app.use('*', requestMetrics(services.metrics));
  // PostgreSQL stores no NUL character: a URL holding one would fail deep in a query instead of here.
  app.use('*', async (c, next) => {
    if (/%00/.test(c.req.url)) throw new HttpError(400, 'invalid_request', 'the URL contains a NUL character (%00)');
    await next();
  });
  app.use('*', bodyLimit(bodyLimitOf(services.config.bodyLimits)));
  app.route('/', healthRoute(services));
  app.route('/', demoRoute());
  app.route('/', devloopRoute(services));
  app.route('/', consoleRoute(services));
  app.route('/v1/events', eventsRoute(services));
  app.route('/', segmentRoute(services));
  app.route('/v1/events', exportRoute(services));
  app.route('/v1/quarantine', quarantineRoute(services));
  app.route('/v1/keys', keysRoute(services));
  app.route('/v1/definitions', definitionsRoute(services));
  app.route('/v1/definition-groups', definitionGroupsRoute(services));
  app.route('/v1/customers', customersRoute(services));
  app.route('/v1/analysis', analysisRoute(services));
  app.route('/v1/triggers', triggersRoute(services));
  app.route('/v1/segments', segmentsRoute(services));
  app.route('/v1/materials', materialsRoute(services));
  app.route('/v1/wechat', wechatRoute(services));
  app.route('/v1/suppressions', suppressionsRoute(services));
  app.route('/v1/audit', auditRoute(services));
  if (services.config.metricsEnabled) app.route('/metrics', metricsRoute(services));
  app.route('/', openApiRoute(app));

  app.notFound((c) => c.json({ error: { code: 'not_found', message: `there is no route ${c.req.method} ${c.req.path}` } }, 404));

  app.onError((error, c) => {
    let http: HttpError;
    if (error instanceof HttpError) http = error;
    else if (isStorageUnavailable(error)) {
      // The one place a store failure becomes a status: 503, and Retry-After for as long as readiness stays down.
      const unavailable = error instanceof StorageUnavailableError ? error : new StorageUnavailableError(error);
      http = new HttpError(503, unavailable.code, unavailable.message, {}, { 'Retry-After': String(StorageUnavailableError.retryAfterMs / 1000) });
      http.cause = unavailable.cause;
    } else if (error instanceof QueryTimeoutError) {
      // No Retry-After: the same query would hit the same limit; the message says what to change.
      http = new HttpError(503, error.code, error.message);
    } else if (error instanceof ReadsBusyError) {
      // 503, not 429: the readers are full because of everyone's reads, not because this client sent too many.
      http = new HttpError(503, error.code, error.message, {}, { 'Retry-After': String(ReadsBusyError.retryAfterMs / 1000) });
    } else if (error instanceof HTTPException && error.status < 500) {
      http = new HttpError(error.status as 400, error.status === 404 ? 'not_found' : error.status === 415 ? 'unsupported_media_type' : 'invalid_request', error.message);
    } else {
      services.log.error('unhandled error', { method: c.req.method, path: c.req.path, error: String((error as Error).stack ?? error) });
      http = new HttpError(500, 'internal', 'the collector failed on this request; it has been logged');
    }
    if (http.code === 'storage_unavailable') services.log.error('storage unavailable', { path: c.req.path, cause: String(http.cause) });
    else if (http.status === 503) services.log.error(http.code === 'query_timeout' ? 'read timed out' : 'reads busy', { path: c.req.path });
    for (const [name, value] of Object.entries(http.headers)) c.header(name, value);
    return c.json(http.toBody(), http.status);
  });

  return app;
}
