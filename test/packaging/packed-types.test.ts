import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollector } from '../support/collector-process';
import { addToCartDefinition } from '../../collector/src/testing/add-to-cart-definition';

// The packages as npm publishes them (`npm run build` first), installed into a fresh TypeScript app
// and compiled by the repository's own tsc under each module resolution an app may use.
const root = fileURLToPath(new URL('../..', import.meta.url));
const tsc = join(root, 'node_modules/typescript/lib/tsc.js');
const packages = ['protocol', 'core', 'web', 'miniprogram'];
const app = mkdtempSync(join(tmpdir(), 'eventline-packed-'));

// npm run by `npm test` hands its settings down as npm_* variables; the app's install must not see them.
const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('npm_')));

function run(command: string, args: string[], cwd: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, env, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}${stderr}` }),
    );
  });
}

/** Writes the generated event map as an app gets it: `GET /v1/definitions/types.d.ts` (`eventline types`). */
async function writeGeneratedTypes(): Promise<void> {
  const collector = await startCollector();
  try {
    const headers = { authorization: `Bearer ${collector.adminKey}`, 'content-type': 'application/json' };
    expect((await fetch(`${collector.url}/v1/definitions`, { method: 'POST', headers, body: JSON.stringify(addToCartDefinition) })).status).toBe(201);
    const res = await fetch(`${collector.url}/v1/definitions/types.d.ts`, { headers });
    expect(res.status).toBe(200);
    // A CommonJS file imports it as CommonJS: in this ESM app that is a .d.cts of the same text.
    const text = await res.text();
    for (const name of ['eventline.d.ts', 'eventline.d.cts']) writeFileSync(join(app, 'src', name), text);
  } finally {
    await collector.stop();
  }
}

// `0 extends 1 & T` holds only for any: the right program fails to compile if createTracker were any.
const notAny = `type IsAny<T> = 0 extends 1 & T ? true : false;\nexport const createTrackerIsTyped: IsAny<typeof createTracker> = false;\n`;
const setup = (sdk: string, extension: string) =>
  `import { createTracker } from '@eventline/${sdk}';\nimport type { EventlineEvents } from './eventline.${extension === '.cts' ? 'cjs' : 'js'}';\n` +
  `const tracker = createTracker<EventlineEvents>({ endpoint: 'https://collect.example.com', writeKey: 'el_pub_x' });\n${notAny}`;
const right = `tracker.track('cl_add_to_cart', { cl_product: 'Shoes', cl_count: 2 });\n`;
const wrong = `tracker.track('cl_add_to_cart', { cl_product: 'Shoes', cl_count: 'two' });\n`;
const wrongError = /error TS2322: Type 'string' is not assignable to type 'number'/;

// Each SDK's app: ESM, and CommonJS (.cts) for the mini-program, the one package with a require entry,
// where TypeScript has CommonJS (node16, nodenext). A web app has the DOM; a mini-program app has not
// (the wx typings the mini-program package brings clash with it).
const sdks = {
  web: { lib: ['es2022', 'dom'], extensions: ['.ts'] },
  miniprogram: { lib: ['es2022'], extensions: ['.ts', '.cts'] },
};
const resolutions = {
  node16: { module: 'node16', moduleResolution: 'node16' },
  nodenext: { module: 'nodenext', moduleResolution: 'nodenext' },
  bundler: { module: 'esnext', moduleResolution: 'bundler' },
};
const projects = Object.entries(sdks).flatMap(([sdk, { lib, extensions }]) =>
  Object.entries(resolutions).flatMap(([resolution, options]) =>
    [false, true].map((skipLibCheck) => {
      const files = extensions
        .filter((e) => e === '.ts' || resolution !== 'bundler')
        .flatMap((e) => [`${sdk}-right${e}`, `${sdk}-wrong${e}`]);
      // TypeScript's own lib files are not the packages': checking them would only slow each run.
      const compilerOptions = { ...options, skipLibCheck, skipDefaultLibCheck: true, target: 'es2022', lib, strict: true, noEmit: true, types: [] };
      return { sdk, name: `${resolution}${skipLibCheck ? ' with skipLibCheck' : ''}`, config: `tsconfig.${sdk}-${resolution}-${skipLibCheck}.json`, files, compilerOptions };
    }),
  ),
);
const results = new Map<string, { code: number; output: string }>();

beforeAll(async () => {
  mkdirSync(join(app, 'src'));
  const tarballs = join(app, 'tarballs');
  mkdirSync(tarballs);
  const pack = await run('npm', ['pack', ...packages.flatMap((p) => ['-w', `packages/${p}`]), '--pack-destination', tarballs, '--ignore-scripts'], root);
  expect(pack.code, pack.output).toBe(0);
  // Their registry dependencies come packed from this repository's node_modules, so the install needs
  // no network (an offline install cannot resolve a version range without the registry's metadata).
  const dependencies = new Set(packages.flatMap((p) => Object.keys(JSON.parse(readFileSync(join(root, 'packages', p, 'package.json'), 'utf8')).dependencies ?? {})));
  const registry = [...dependencies].filter((d) => !d.startsWith('@eventline/')).map((d) => `./node_modules/${d}`);
  const packDependencies = await run('npm', ['pack', ...registry, '--pack-destination', tarballs, '--ignore-scripts'], root);
  expect(packDependencies.code, packDependencies.output).toBe(0);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  const install = await run('npm', ['install', ...readdirSync(tarballs).map((t) => join(tarballs, t)), '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], app);
  expect(install.code, install.output).toBe(0);
  await writeGeneratedTypes();

  for (const sdk of Object.keys(sdks)) {
    for (const [kind, call] of Object.entries({ right, wrong })) {
      for (const extension of ['.ts', '.cts']) writeFileSync(join(app, 'src', `${sdk}-${kind}${extension}`), setup(sdk, extension) + call);
    }
  }
  for (const { config, files, compilerOptions } of projects) {
    writeFileSync(join(app, config), JSON.stringify({ compilerOptions, files: ['src/eventline.d.ts', 'src/eventline.d.cts', ...files.map((f) => `src/${f}`)] }));
  }
  // Two at a time: each tsc is one process on a small project.
  const queue = [...projects];
  const worker = async () => {
    for (let project = queue.shift(); project; project = queue.shift()) {
      results.set(project.config, await run(process.execPath, [tsc, '-p', project.config, '--pretty', 'false'], app));
    }
  };
  await Promise.all([worker(), worker()]);
}, 600_000);
afterAll(() => rmSync(app, { recursive: true, force: true }));

/** tsc's errors by file name (src/ left out), from its output. */
function errorsByFile(config: string): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const line of results.get(config)!.output.split('\n')) {
    const match = /^(?:src\/)?([^(\s]+)\(\d+,\d+\): (error .*)$/.exec(line);
    if (match) (errors[match[1]!] ??= []).push(match[2]!);
    else if (/error TS/.test(line)) (errors['(no file)'] ??= []).push(line);
  }
  return errors;
}

describe.each(projects)('the packed $sdk SDK under $name', ({ config, files }) => {
  const rights = files.filter((f) => f.includes('-right.'));
  const wrongs = files.filter((f) => f.includes('-wrong.'));

  it('compiles a right typed track call, with createTracker typed, in each module format', () => {
    const errors = errorsByFile(config);
    expect(Object.fromEntries(rights.map((f) => [f, errors[f] ?? []]))).toEqual(Object.fromEntries(rights.map((f) => [f, []])));
    // Nor anywhere else: the packages' own declarations are checked too where skipLibCheck is off.
    expect(Object.entries(errors).filter(([f]) => !files.includes(f))).toEqual([]);
  });

  it('rejects a wrongly typed property with the expected error', () => {
    const errors = errorsByFile(config);
    for (const f of wrongs) expect(errors[f], f).toEqual([expect.stringMatching(wrongError)]);
    expect(results.get(config)!.code).not.toBe(0);
  });
});
