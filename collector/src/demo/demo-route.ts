import type { Context } from 'hono';
import { Hono } from 'hono';
import { HttpError } from '../errors/http-error';
import { demoPage } from './demo-page';
import { landingPage } from './landing-page';
import { loadSdkScript, type SdkScript } from './sdk-script';

const notBuilt = () => new HttpError(404, 'not_found', 'the browser SDK is not built: run npm run build');

/**
 * The landing page, the demo page, and the built browser SDK: at /sdk/eventline.min.js with a short
 * cache (it changes with every release), and at /sdk/<version>/eventline.min.js immutable for a year,
 * for pages that pin a version and check it with the integrity hash the collector prints at start.
 */
export function demoRoute() {
  const app = new Hono();
  let script: Promise<SdkScript | undefined> | undefined;
  const sdk = async () => {
    script ??= loadSdkScript();
    const loaded = await script;
    // Built after the collector started: look again next time.
    if (!loaded) script = undefined;
    return loaded;
  };
  const serve = (c: Context, s: SdkScript, cacheControl: string) => {
    c.header('Cache-Control', cacheControl);
    c.header('ETag', s.etag);
    // A page on another origin checks the file with <script integrity crossorigin>, which needs CORS.
    c.header('Access-Control-Allow-Origin', '*');
    if (c.req.header('if-none-match')?.split(',').some((tag) => tag.trim() === s.etag)) return c.body(null, 304);
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    return c.body(s.body);
  };

  app.get('/', (c) => c.html(landingPage()));
  app.get('/demo', (c) => c.html(demoPage()));
  app.get('/sdk/eventline.min.js', async (c) => {
    const s = await sdk();
    if (!s) throw notBuilt();
    return serve(c, s, 'public, max-age=300');
  });
  app.get('/sdk/:version/eventline.min.js', async (c) => {
    const s = await sdk();
    if (!s) throw notBuilt();
    const asked = c.req.param('version');
    if (asked !== s.version) throw new HttpError(404, 'not_found', `this collector serves the SDK version ${s.version}, not ${asked}`);
    return serve(c, s, 'public, max-age=31536000, immutable');
  });
  return app;
}
