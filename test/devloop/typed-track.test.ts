import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollector, type RunningCollector } from '../support/collector-process';
import { addToCartDefinition } from '../../collector/src/testing/add-to-cart-definition';

const root = fileURLToPath(new URL('../..', import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'eventline-types-'));
let collector: RunningCollector;
let generated: string;

/** Runs the installed `eventline` launcher the way `npx eventline` does. */
function eventline(args: string[], env: Record<string, string>): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['collector/bin/eventline.mjs', ...args], { cwd: root, env: { ...process.env, ...env } }, (error, _stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stderr }),
    );
  });
}

beforeAll(async () => {
  collector = await startCollector();
  const res = await fetch(`${collector.url}/v1/definitions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${collector.adminKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ ...addToCartDefinition, properties: [...addToCartDefinition.properties, { id: 'cl_delivery', name: 'Delivery', type: 'datetime' }] }),
  });
  expect(res.status).toBe(201);
  const run = await eventline(['types', '--out', join(out, 'src/eventline.d.ts')], { EVENTLINE_URL: collector.url, EVENTLINE_READ_KEY: collector.adminKey });
  expect(run).toMatchObject({ code: 0, stderr: expect.stringContaining('wrote') });
  generated = readFileSync(join(out, 'src/eventline.d.ts'), 'utf8');
}, 60_000);
afterAll(() => collector.stop());

/**
 * Type-checks small programs that use an SDK with the generated declarations, as an app would, and
 * answers each file's errors. The files live in memory beside the repository, so '@eventline/web'
 * resolves to the workspace package's source.
 */
function typeCheck(files: Record<string, string>): Record<string, string[]> {
  const dir = join(root, 'test/devloop/app');
  const virtual = new Map(Object.entries({ 'eventline.d.ts': generated, ...files }).map(([name, text]) => [join(dir, name), text]));
  const config = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.spec.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!;
  const options = { ...config.options, noEmit: true };
  const host = ts.createCompilerHost(options);
  const { fileExists, readFile, getSourceFile, directoryExists } = host;
  host.directoryExists = (name) => name === dir || (directoryExists?.(name) ?? ts.sys.directoryExists(name));
  host.fileExists = (name) => virtual.has(name) || fileExists(name);
  host.readFile = (name) => virtual.get(name) ?? readFile(name);
  host.getSourceFile = (name, language, ...rest) => {
    const text = virtual.get(name);
    return text === undefined ? getSourceFile(name, language, ...rest) : ts.createSourceFile(name, text, language);
  };
  const program = ts.createProgram([...virtual.keys()], options, host);
  return Object.fromEntries(
    Object.keys(files).map((name) => [name, program.getSemanticDiagnostics(program.getSourceFile(join(dir, name))).map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' '))]),
  );
}

const sdks = {
  web: `import { createTracker } from '@eventline/web';\nconst untyped = createTracker();\nconst tracker = createTracker<EventlineEvents>({ endpoint: 'https://c.example', writeKey: 'el_pub_x' });\n`,
  miniprogram: `import { createTracker } from '@eventline/miniprogram';\nconst untyped = createTracker();\nconst tracker = createTracker<EventlineEvents>({ endpoint: 'https://c.example', writeKey: 'el_pub_x' });\n`,
};

describe.each(Object.entries(sdks))('typed track in the %s SDK', (_sdk, setup) => {
  const program = (body: string) => `import type { EventlineEvents } from './eventline';\n${setup}${body}\nexport { untyped };\n`;

  it('compiles correct calls, and leaves the untyped tracker as open as before', () => {
    const errors = typeCheck({
      'ok.ts': program(`
        tracker.track('cl_add_to_cart', { cl_product: 'Shoes', cl_count: 2, cl_delivery: new Date(), utm_source: 'mail' });
        tracker.track('cl_add_to_cart', { cl_product: 'Shoes', cl_count: null, cl_delivery: '2026-11-28T10:00:00Z' }, { tags: ['shoes'] });
        tracker.track('page_view');
        tracker.page({ title: 'Cart' });
        untyped.track('cl_anything', { whatever: 1 });`),
    });
    expect(errors).toEqual({ 'ok.ts': [] });
  });

  it('rejects a wrongly typed property, an unknown event id, a missing required property and an unknown property', () => {
    const errors = typeCheck({
      'count.ts': program(`tracker.track('cl_add_to_cart', { cl_product: 'Shoes', cl_count: 'two' });`),
      'typo.ts': program(`tracker.track('cl_typo', { cl_product: 'Shoes' });`),
      'required.ts': program(`tracker.track('cl_add_to_cart', { cl_count: 1 });`),
      'no-properties.ts': program(`tracker.track('cl_add_to_cart');`),
      'unknown.ts': program(`tracker.track('cl_add_to_cart', { cl_product: 'Shoes', cl_colour: 'red' });`),
    });
    expect(errors['count.ts']).toEqual([expect.stringMatching(/Type 'string' is not assignable to type 'number'/)]);
    expect(errors['typo.ts']).toEqual([expect.stringMatching(/Argument of type '"cl_typo"' is not assignable/)]);
    expect(errors['required.ts']).toEqual([expect.stringMatching(/Property 'cl_product' is missing/)]);
    expect(errors['no-properties.ts']).toEqual([expect.stringMatching(/Expected 2-3 arguments, but got 1/)]);
    expect(errors['unknown.ts']).toEqual([expect.stringMatching(/'cl_colour' does not exist/)]);
  });
});

describe('eventline types', () => {
  it('writes the same bytes for the same definitions, with the key from --key', async () => {
    const again = join(out, 'again.d.ts');
    expect((await eventline(['types', '--out', again, '--url', collector.url, '--key', collector.adminKey], {})).code).toBe(0);
    expect(readFileSync(again, 'utf8')).toBe(generated);
    expect(generated).toContain('  cl_add_to_cart: EventlinePresetProperties & {\n');
  }, 30_000);

  it('says which key it needs when it has none', async () => {
    const run = await eventline(['types', '--url', collector.url], { EVENTLINE_READ_KEY: '', EVENTLINE_ADMIN_KEY: '' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no key: pass --key KEY or set EVENTLINE_READ_KEY');
  }, 30_000);
});
