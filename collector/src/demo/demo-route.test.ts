import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestCollector, type TestCollector } from '../testing/test-collector';

let collector: TestCollector;
beforeAll(async () => {
  collector = await createTestCollector();
});
afterAll(() => collector.close());

it('serves the demo page with the real snippet, and the built SDK it loads', async () => {
  const page = await collector.app.request('/demo');
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain('"/sdk/eventline.min.js"');
  expect(html).toContain('eventline.init(');
  const sdk = await collector.app.request('/sdk/eventline.min.js');
  // npm test builds before it tests, so the bundle is there.
  expect(sdk.status).toBe(200);
  expect(sdk.headers.get('content-type')).toMatch(/javascript/);
  expect((await sdk.text()).length).toBeGreaterThan(1000);
});
