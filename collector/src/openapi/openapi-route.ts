import type { OpenAPIHono } from '@hono/zod-openapi';
import { Hono, type Env } from 'hono';
import { docsPage, type DocsDocument } from './docs-page';

/**
 * GET /openapi.json and GET /docs (the same document as a page). `documented` is the app the route
 * modules are mounted on: each declares its routes with createRoute, which puts them in its registry.
 * Both are public: the document names routes and shapes, no data.
 */
export function openApiRoute(documented: Pick<OpenAPIHono, 'openAPIRegistry' | 'getOpenAPI31Document'>) {
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
          'besides those each operation lists, any route may answer 500 internal or 503 storage_unavailable (retry later), and a long read ' +
          '(analysis, customer queries, lists and timelines, segment members) 503 query_timeout (past EVENTLINE_QUERY_TIMEOUT_MS) or 503 reads_busy (retry later).',
      },
      security: [{ key: [] }],
    }));

  const app = new Hono<Env>();
  app.get('/openapi.json', (c) => c.json(build()));
  // The page reads a few plain fields of the document; the library's type is a union of reference and inline objects.
  app.get('/docs', (c) => c.html(docsPage(build() as unknown as DocsDocument)));
  return app;
}
