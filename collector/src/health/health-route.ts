import { Hono } from 'hono';
import type { Services } from '../services';

/** Liveness (the process answers) and readiness (the store takes writes). */
export function healthRoute(services: Services) {
  const app = new Hono();
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    await services.store.checkWritable();
    return c.json({ status: 'ready' });
  });
  return app;
}
