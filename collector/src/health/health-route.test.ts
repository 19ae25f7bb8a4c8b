import { expect, it } from 'vitest';
import { createTestCollector } from '../testing/test-collector';

it('answers liveness and readiness without a key', async () => {
  const collector = await createTestCollector();
  expect(await (await collector.app.request('/healthz')).json()).toEqual({ status: 'ok' });
  const ready = await collector.app.request('/readyz');
  expect(ready.status).toBe(200);
  await collector.close();
});
