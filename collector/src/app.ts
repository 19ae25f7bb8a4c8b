import { OpenAPIHono } from '@hono/zod-openapi';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { analysisRoute } from './analysis/analysis-route';
import { customerFilterRoute } from './analysis/customer-filter-route';
import { consoleRoute } from './console/console-route';
import { customersRoute } from './customers/customers-route';
import { definitionGroupsRoute } from './definitions/definition-groups-route';
import { definitionsRoute } from './definitions/definitions-route';
import { devloopRoute } from './devloop/devloop-route';
import { demoRoute } from './demo/demo-route';
import { HttpError } from './errors/http-error';
import { bodyLimit } from './http/body-limit';
import { bodyLimitOf } from './http/body-limit-of';
import { StorageUnavailableError } from './errors/storage-unavailable-error';
import { triggersRoute } from './flows/triggers-route';
import { healthRoute } from './health/health-route';
import { exportRoute } from './export/export-route';
import { eventsRoute } from './ingest/events-route';
import { segmentRoute } from './ingest/segment-route';
import { keysRoute } from './keys/keys-route';
import { materialsRoute } from './materials/materials-route';
import { openApiRoute } from './openapi/openapi-route';
import { quarantineRoute } from './quarantine/quarantine-route';
import type { Services } from './services';
import { wechatAccountsRoute } from './wechat/wechat-accounts-route';
import { wechatCallbackRoute } from './wechat/wechat-callback-route';

/** The collector's HTTP surface. Every error leaves as JSON `{ error: { code, message } }`. */
export function createApp(services: Services) {
  const app = new Hono();
  // PostgreSQL stores no NUL character: a URL holding one would fail deep in a query instead of here.
  app.use('*', async (c, next) => {
    if (/%00/.test(c.req.url)) throw new HttpError(400, 'invalid_request', 'the URL contains a NUL character (%00)');
    await next();
  });
  app.use('*', bodyLimit(bodyLimitOf(services.config.bodyLimits)));
  app.route('/', healthRoute(services));
  app.route('/', demoRoute());
  // Before the definitions routes: /v1/definitions/types.d.ts is not an event id.
  app.route('/', devloopRoute(services));
  app.route('/', consoleRoute(services));
  app.route('/', eventsRoute(services));
  app.route('/', segmentRoute(services));
  app.route('/', exportRoute(services));
  app.route('/', keysRoute(services));
  app.route('/', quarantineRoute(services));
  // Before the customers routes: /v1/customers/query is not a customer id.
  app.route('/', customerFilterRoute(services));
  app.route('/', analysisRoute(services));
  app.route('/', triggersRoute(services));
  app.route('/', materialsRoute(services));
  app.route('/', wechatAccountsRoute(services));
  app.route('/', wechatCallbackRoute(services));
  // Routes mounted on `documented` (OpenAPIHono apps) are in /openapi.json and /docs; see collector/src/openapi/README.md.
  const documented = new OpenAPIHono();
  documented.route('/', definitionsRoute(services));
  documented.route('/', definitionGroupsRoute(services));
  documented.route('/', customersRoute(services));
  app.route('/', documented);
  app.route('/', openApiRoute(documented));

  app.notFound((c) => c.json({ error: { code: 'not_found', message: `there is no route ${c.req.method} ${c.req.path}` } }, 404));

  app.onError((error, c) => {
    let http: HttpError;
    if (error instanceof HttpError) http = error;
    else if (StorageUnavailableError.matches(error)) http = new StorageUnavailableError(error);
    else if (error instanceof HTTPException && error.status < 500) {
      http = new HttpError(error.status as 400, error.status === 404 ? 'not_found' : error.status === 415 ? 'unsupported_media_type' : 'invalid_request', error.message);
    } else {
      services.log.error('unhandled error', { method: c.req.method, path: c.req.path, error: String((error as Error).stack ?? error) });
      http = new HttpError(500, 'internal', 'the collector failed on this request; it has been logged');
    }
    if (http.status === 503) services.log.error('storage unavailable', { path: c.req.path, cause: String(http.cause) });
    for (const [name, value] of Object.entries(http.headers)) c.header(name, value);
    return c.json(http.toBody(), http.status);
  });

  return app;
}
