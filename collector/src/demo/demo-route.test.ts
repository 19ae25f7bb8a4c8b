import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCollector, type TestCollector } from '../testing/test-collector';
import { loadSdkScript } from './sdk-script';

let collector: TestCollector;
beforeAll(async () => {
  collector = await createTestCollector();
});
afterAll(() => collector.close());

it('answers / with a page that leads to the console, the demo, the debugger and the API reference', async () => {
  const page = await collector.app.request('/');
  expect(page.status).toBe(200);
  const html = await page.text();
  for (const href of ['/console', '/demo', '/debug', '/docs']) expect(html).toContain(`href="${href}"`);
});

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
  expect(sdk.headers.get('cache-control')).toBe('public, max-age=300');
  expect((await sdk.text()).length).toBeGreaterThan(1000);
});

describe('the SDK pinned to its version', () => {
  it('is immutable for a year, with an ETag, and answers 304 to a cache that holds it', async () => {
    const script = (await loadSdkScript())!;
    const res = await collector.app.request(`/sdk/${script.version}/eventline.min.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const etag = res.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    // The integrity hash the collector prints is the hash of exactly these bytes.
    const bytes = new Uint8Array(await res.arrayBuffer());
    const digest = Buffer.from(await crypto.subtle.digest('SHA-384', bytes)).toString('base64');
    expect(script.integrity).toBe(`sha384-${digest}`);
    const again = await collector.app.request(`/sdk/${script.version}/eventline.min.js`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });

  it('is a 404 naming the version served for any other version', async () => {
    const res = await collector.app.request('/sdk/0.0.0-nope/eventline.min.js');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/serves the SDK version \d/);
  });
});
