import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCollector, type TestCollector } from '../testing/test-collector';

let collector: TestCollector;
beforeEach(async () => {
  collector = await createTestCollector();
});
afterEach(async () => {
  await collector.close();
});

interface Document {
  openapi: string;
  paths: Record<string, Record<string, { responses: Record<string, unknown>; security?: unknown[] }>>;
  components: { schemas: Record<string, unknown> };
}

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

describe('GET /docs', () => {
  it('is a self-contained page listing every operation of the document, with values escaped', async () => {
    const res = await collector.request('GET', '/docs', { key: null });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await res.text();
    expect(page).not.toMatch(/<script|https?:\/\/(?!localhost)/);
    for (const path of ['/v1/definitions/{id}', '/v1/definition-groups/{id}/events', '/v1/events', '/readyz']) expect(page).toContain(`<code>${path}</code>`);
    expect(page).toContain('&quot;$ref&quot;');
  });
});
