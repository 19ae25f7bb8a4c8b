// Compiles the collector to plain JavaScript (collector/dist), so production runs `node` with no
// TypeScript loader and no SDK build at start. npm packages stay external: node_modules resolves them
// at run time, the workspace SDK packages to their own builds (rollup, run before this).
import { build } from 'esbuild';

await build({
  entryPoints: {
    server: 'collector/src/server.ts',
    cli: 'collector/src/cli/main.ts',
    // Store threads: startWorker runs collector/dist/<name>.js.
    'sqlite-writer': 'collector/src/store/sqlite/writer-thread.ts',
    'sqlite-reader': 'collector/src/store/sqlite/reader-thread.ts',
  },
  outdir: 'collector/dist',
  bundle: true,
  packages: 'external',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // The console's pages are hono/jsx.
  jsx: 'automatic',
  jsxImportSource: 'hono/jsx',
  sourcemap: true,
  logLevel: 'warning',
});
