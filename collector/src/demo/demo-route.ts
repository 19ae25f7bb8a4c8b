import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { Hono } from 'hono';
import { HttpError } from '../errors/http-error';
import { demoPage } from './demo-page';

const require = createRequire(import.meta.url);

/** The demo page and the built browser SDK it loads (built by `npm run build`, which `npm start` runs). */
export function demoRoute() {
  const app = new Hono();
  app.get('/', (c) => c.redirect('/demo'));
  app.get('/demo', (c) => c.html(demoPage()));
  app.get('/sdk/eventline.min.js', async (c) => {
    let script: string;
    try {
      script = await readFile(require.resolve('@eventline/web/eventline.min.js'), 'utf8');
    } catch {
      throw new HttpError(404, 'not_found', 'the browser SDK is not built: run npm run build');
    }
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    c.header('Cache-Control', 'public, max-age=300');
    return c.body(script);
  });
  return app;
}
