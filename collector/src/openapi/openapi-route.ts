import type { OpenAPIHono } from '@hono/zod-openapi';
import { Hono, type Env } from 'hono';
import { registerAnalysisPaths } from './analysis-paths';
import { registerCorePaths } from './core-paths';
import { registerDevloopPaths } from './devloop-paths';
import { docsPage, type DocsDocument } from './docs-page';
import { registerExportPaths } from './export-paths';
import { registerKeysPaths } from './keys-paths';
import { registerMaterialsPaths } from './materials-paths';
import { registerSegmentPaths } from './segment-paths';
import { registerTriggersPaths } from './triggers-paths';
import { registerWechatPaths } from './wechat-paths';

// The plain Hono route modules, each described by its own <module>-paths.ts.
const plainRoutePaths = [
  registerCorePaths,
  registerSegmentPaths,
  registerExportPaths,
  registerKeysPaths,
  registerAnalysisPaths,
  registerTriggersPaths,
  registerMaterialsPaths,
  registerWechatPaths,
  registerDevloopPaths,
];

/**
 * GET /openapi.json and GET /docs (the same document as a page). `documented` is the app the
 * OpenAPIHono route modules are mounted on; the plain Hono routes are added by the *-paths.ts files.
 * Both are public: the document names routes and shapes, no data.
 */
export function openApiRoute(documented: Pick<OpenAPIHono, 'openAPIRegistry' | 'getOpenAPI31Document'>) {
  for (const register of plainRoutePaths) register(documented.openAPIRegistry);
  documented.openAPIRegistry.registerComponent('securitySchemes', 'key', {
    type: 'http',
    scheme: 'bearer',
    description: 'A collector key: "Authorization: Bearer KEY" or the HTTP Basic username; ?key=KEY only for an ingest key on the ingest routes (sendBeacon). Each operation says which scopes may call it.',
  });
  let document: ReturnType<typeof documented.getOpenAPI31Document> | undefined;
  // Built on first request, when every module has registered its routes.
  const build = () =>
    (document ??= documented.getOpenAPI31Document({
      openapi: '3.1.0',
      info: {
        title: 'Eventline collector',
        version: '1',
        description:
          'Customer events: ingest, export, definitions, customers, analysis, triggers, materials, WeChat. Errors are `{ error: { code, message } }`; ' +
          'besides those each operation lists, any route may answer 500 internal or 503 storage_unavailable (retry later).',
      },
      security: [{ key: [] }],
    }));

  const app = new Hono<Env>();
  app.get('/openapi.json', (c) => c.json(build()));
  // The page reads a few plain fields of the document; the library's type is a union of reference and inline objects.
  app.get('/docs', (c) => c.html(docsPage(build() as unknown as DocsDocument)));
  return app;
}
