import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scopes, type Scope } from '../store/store';
import { createTestCollector, type TestCollector } from '../testing/test-collector';

let collector: TestCollector;
beforeEach(async () => {
  collector = await createTestCollector();
});
afterEach(async () => {
  await collector.close();
});

interface Operation {
  responses: Record<string, unknown>;
  security?: unknown[];
  description?: string;
  parameters?: { name: string; in: string }[];
}
interface Document {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
}

const documentOf = async () => (await (await collector.request('GET', '/openapi.json', { key: null })).json()) as Document;
const operationsOf = (doc: Document) => Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${path}`));

/**
 * The routes of the app that are not in the document, on purpose. Anything else the app answers must be
 * documented: a route added without a registration fails the test below, naming it.
 */
const undocumented: { route: RegExp; why: string }[] = [
  { route: /^(ALL|HEAD|OPTIONS) /, why: 'middleware (app.use) and the CORS preflight of POST /v1/events, not operations of their own' },
  { route: /^(GET|POST) \/console(\/|$)/, why: 'the console: HTML pages and form posts behind its own login session, not an API' },
  { route: /^GET \/(demo)?$/, why: 'the demo page (and / redirecting to it), HTML' },
  { route: /^GET \/sdk\/(\{version\}\/)?eventline\.min\.js$/, why: 'the web SDK file the demo page loads, unversioned and pinned to a version' },
  { route: /^GET \/debug$/, why: 'the live debugger page, HTML; its stream GET /v1/debug/stream is documented' },
  { route: /^GET \/(docs|openapi\.json)$/, why: 'the document itself' },
];

describe('GET /openapi.json', () => {
  it('documents the definition and group routes and the ingest, quarantine and health routes, without a key', async () => {
    const res = await collector.request('GET', '/openapi.json', { key: null });
    expect(res.status).toBe(200);
    const doc = (await res.json()) as Document;
    expect(doc.openapi).toBe('3.1.0');
    const operations = Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${path}`));
    expect(operations).toEqual(
      expect.arrayContaining([
        'GET /v1/definitions',
        'POST /v1/definitions',
        'GET /v1/definitions/{id}',
        'PATCH /v1/definitions/{id}',
        'DELETE /v1/definitions/{id}',
        'POST /v1/definitions/restore-defaults',
        'GET /v1/definitions/template.csv',
        'POST /v1/definitions/import',
        'GET /v1/definitions/export.csv',
        'GET /v1/definitions/export.json',
        'GET /v1/definition-groups',
        'POST /v1/definition-groups',
        'PATCH /v1/definition-groups/{id}',
        'DELETE /v1/definition-groups/{id}',
        'POST /v1/definition-groups/{id}/events',
        'POST /v1/events',
        'GET /v1/quarantine',
        'POST /v1/quarantine/replay',
        'GET /healthz',
        'GET /readyz',
      ]),
    );
    expect(doc.paths['/v1/definitions/{id}']!.delete!.responses).toHaveProperty('409');
    expect(doc.paths['/healthz']!.get!.security).toEqual([]);
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['EventDefinition', 'NewDefinition', 'DefinitionChanges', 'Error', 'IngestResponse']));
  });
});

describe('the document covers the app', () => {
  it('documents every route the app answers, but for the listed exceptions', async () => {
    const documented = new Set(operationsOf(await documentOf()));
    const routes = [...new Set(collector.app.routes.map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`))];
    const missing = routes.filter((route) => !documented.has(route) && !undocumented.some((u) => u.route.test(route)));
    expect(missing, 'declare the route with createRoute (see collector/src/openapi/README.md)').toEqual([]);
    // An exception that no longer matches any route is stale: remove it.
    expect(undocumented.filter((u) => !routes.some((route) => u.route.test(route))).map((u) => u.why)).toEqual([]);
  });

  it('documents no operation the app does not answer, every path parameter, and resolvable references', async () => {
    const doc = await documentOf();
    const routes = new Set(collector.app.routes.map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`));
    expect(operationsOf(doc).filter((op) => !routes.has(op))).toEqual([]);
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const declared = (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
        expect(declared, `${method} ${path}`).toEqual([...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]));
      }
    }
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.filter((name) => !(name in doc.components.schemas))).toEqual([]);
  });

  it('says which key scopes each keyed operation needs, and those are the scopes the route lets in', async () => {
    const doc = await documentOf();
    const keys = { admin: collector.adminKey } as Record<Scope, string>;
    for (const scope of scopes.filter((s) => s !== 'admin')) {
      const res = await collector.request('POST', '/v1/keys', { key: collector.adminKey, body: { name: `openapi ${scope}`, scope } });
      keys[scope] = ((await res.json()) as { key: string }).key;
    }
    const wrong: string[] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        if (op.security?.length === 0) continue;
        const note = /Key scope: ([a-z]+(?: or [a-z]+)*)\./.exec(op.description ?? '');
        if (!note) {
          wrong.push(`${method} ${path}: no "Key scope: …" in its description`);
          continue;
        }
        const allowed = note[1]!.split(' or ');
        for (const scope of scopes) {
          const res = await collector.request(method.toUpperCase(), path.replace(/\{\w+\}/g, 'no-such-id'), {
            key: keys[scope],
            ...(method === 'get' || method === 'delete' ? {} : { body: {} }),
          });
          await res.body?.cancel(); // the debug stream stays open otherwise
          if ((res.status === 403) === allowed.includes(scope)) wrong.push(`${method} ${path}: documented ${allowed.join('/')}, but a ${scope} key gets ${res.status}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('describes the customer filter condition as the kinds of node the route takes, nested by reference', async () => {
    const doc = await documentOf();
    const body = (doc.paths['/v1/customers/query']!.post as unknown as { requestBody: { content: Record<string, { schema: { properties: { condition: unknown } } }> } }).requestBody;
    expect(body.content['application/json']!.schema.properties.condition).toEqual({ $ref: '#/components/schemas/CustomerCondition' });
    const nodes = (doc.components.schemas.CustomerCondition as { anyOf: Array<{ required: string[]; properties: Record<string, unknown> }> }).anyOf;
    expect(nodes.find((n) => n.required[0] === 'not')!.properties.not).toEqual({ $ref: '#/components/schemas/CustomerCondition' });

    // The route names the kinds it takes when given none of them.
    const res = await collector.request('POST', '/v1/customers/query', { key: collector.adminKey, body: { condition: {} } });
    const { error } = (await res.json()) as { error: { message: string } };
    const taken = /exactly one of (.+)$/.exec(error.message)![1]!.split(', ');
    expect(nodes.map((n) => n.required[0]).sort()).toEqual(taken.sort());
  });
});

describe('GET /docs', () => {
  it('is a self-contained page listing every operation of the document, with values escaped', async () => {
    const res = await collector.request('GET', '/docs', { key: null });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await res.text();
    expect(page).not.toMatch(/<script|https?:\/\/(?!localhost)/);
    for (const path of ['/v1/definitions/{id}', '/v1/definition-groups/{id}/events', '/v1/events', '/readyz']) expect(page).toContain(`<code>${path}</code>`);
    // A reference is a link to its schema on the page, and a description's `code` is code, not backticks.
    expect(page).toMatch(/&quot;\$ref&quot;: <a href="#schema-(\w+)">\1<\/a>/);
    for (const [, name] of page.matchAll(/<a href="#schema-([\w.-]+)">/g)) expect(page).toContain(`id="schema-${name}"`);
    expect(page).toContain('<code>{ error: { code, message } }</code>');
    expect(page).not.toMatch(/<p>[^<]*`/);
  });
});
