import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

const bundled = new Map<string, Promise<URL>>();

/**
 * Starts a store thread from its module, in source or built form. `caller` is the starting module's
 * `import.meta.url`. In the built collector, whose modules are bundled into collector/dist, it runs
 * `collector/dist/<built>.js`, an entry point of scripts/build-collector.mjs. From TypeScript source
 * (tests, `npm run dev`, benches) a worker has no TypeScript loader, so `source` (relative to the
 * caller) is bundled the same way once per process: that starts a thread in tens of milliseconds,
 * where loading every module through a loader took most of a second.
 */
export async function startWorker(caller: string, source: string, built: string, data: unknown): Promise<Worker> {
  if (!caller.endsWith('.ts')) return new Worker(new URL(`./${built}.js`, caller), { workerData: data });
  const entry = new URL(source, caller);
  let url = bundled.get(entry.href);
  if (!url) {
    url = bundle(entry, built);
    bundled.set(entry.href, url);
  }
  return new Worker(await url, { workerData: data });
}

/** Bundles under collector/.threads (ignored by git), where imports of packages find node_modules. */
async function bundle(entry: URL, name: string): Promise<URL> {
  // esbuild is a development dependency: only source runs come here.
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [entry.pathname],
    write: false,
    bundle: true,
    // Only the native driver stays a package import: Kysely alone loads its hundreds of modules in
    // about 200 ms, bundled in a few.
    external: ['better-sqlite3'],
    platform: 'node',
    format: 'esm',
    target: 'node20',
    conditions: ['@eventline/source'],
    logLevel: 'warning',
  });
  const code = result.outputFiles[0]!.contents;
  // Named after its content: test processes running side by side share a file and never see half of one.
  const url = new URL(`../../../.threads/${name}-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`, import.meta.url);
  if (!existsSync(url)) {
    mkdirSync(new URL('.', url), { recursive: true });
    const partial = new URL(`${url.href}.${process.pid}`);
    writeFileSync(partial, code);
    renameSync(partial, url);
  }
  return url;
}
