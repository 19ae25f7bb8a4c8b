import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

const root = fileURLToPath(new URL('../..', import.meta.url));
let entry: Promise<string> | undefined;

/**
 * The collector's node entry, compiled from its TypeScript source for the collectors tests start as
 * processes: `node <it>`, the way production runs collector/dist/server.js. Through a TypeScript loader a
 * start took 3–4 s of CPU, most of it loading several hundred modules one by one; a test run starts
 * over a hundred of them on two cores. Built from source once per test process (never a stale
 * collector/dist), with the store threads beside it, as scripts/build-collector.mjs lays them out.
 */
export function collectorEntry(): Promise<string> {
  entry ??= compile();
  return entry;
}

// Workspace packages are compiled in from their source; npm packages stay imports, as in the build.
const externalPackages: Plugin = {
  name: 'external-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@eventline/') ? undefined : { path: args.path, external: true }));
  },
};

async function compile(): Promise<string> {
  const result = await build({
    absWorkingDir: root,
    entryPoints: {
      server: 'collector/src/server.ts',
      'sqlite-writer': 'collector/src/store/sqlite/writer-thread.ts',
      'sqlite-reader': 'collector/src/store/sqlite/reader-thread.ts',
    },
    outdir: 'out',
    write: false,
    bundle: true,
    plugins: [externalPackages],
    conditions: ['@eventline/source'],
    platform: 'node',
    format: 'esm',
    target: 'node20',
    jsx: 'automatic',
    jsxImportSource: 'hono/jsx',
    logLevel: 'warning',
  });
  const hash = createHash('sha256');
  for (const file of result.outputFiles) hash.update(file.path).update(file.contents);
  // Under collector/ (where package imports find node_modules), named after its content: test
  // processes running side by side share one folder and never see half of one.
  const dir = join(root, 'collector/.threads', `collector-${hash.digest('hex').slice(0, 16)}`);
  if (!existsSync(dir)) {
    const partial = `${dir}.${process.pid}`;
    mkdirSync(partial, { recursive: true });
    for (const file of result.outputFiles) writeFileSync(join(partial, basename(file.path)), file.contents);
    try {
      renameSync(partial, dir);
    } catch {
      // Another process put the same folder there first.
      rmSync(partial, { recursive: true, force: true });
    }
  }
  return join(dir, 'server.js');
}
