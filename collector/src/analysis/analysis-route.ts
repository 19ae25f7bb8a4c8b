import { Hono } from 'hono';
import { requireKey, type KeyEnv } from '../auth/require-key';
import { readJson } from '../http/read-json';
import type { Services } from '../services';
import { distributionBody, distributionOf, funnelBody, funnelOf } from './analysis-reports';

/** Time distribution and funnels over recorded events. */
export function analysisRoute(services: Services) {
  const app = new Hono<KeyEnv>();
  const reader = requireKey(services.keys, ['admin', 'read']);

  app.post('/v1/analysis/distribution', reader, async (c) => c.json(await distributionOf(services, await readJson(c, distributionBody))));
  app.post('/v1/analysis/funnel', reader, async (c) => c.json(await funnelOf(services, await readJson(c, funnelBody))));

  return app;
}
