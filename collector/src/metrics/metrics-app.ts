import { Hono } from 'hono';
import type { CollectorMetrics } from './collector-metrics';

/** The app on EVENTLINE_METRICS_PORT: only GET /metrics, with no key, for a scraper inside the network. */
export function metricsApp(metrics: CollectorMetrics) {
  const app = new Hono();
  app.get('/metrics', async (c) => c.body(await metrics.text(), 200, { 'Content-Type': metrics.contentType }));
  return app;
}
