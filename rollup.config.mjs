// Builds every package: ESM + d.ts for npm, and the minified script-tag and mini-program bundles,
// each checked against its gzip size budget so a build that grows past it fails.
import { spawnSync } from 'node:child_process';
import { basename } from 'node:path';
import { gzipSync } from 'node:zlib';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';

const ts = (pkg) =>
  typescript({
    tsconfig: './tsconfig.build.json',
    filterRoot: process.cwd(),
    include: [`packages/${pkg}/src/**/*.ts`],
    exclude: ['**/*.test.ts', '**/testing/**'],
    noEmitOnError: true,
    declaration: true,
    declarationDir: `packages/${pkg}/dist`,
    outDir: `packages/${pkg}/dist`,
    rootDir: `packages/${pkg}/src`,
  });

/**
 * The size `gzip -9 -c FILE` gives, which is how a budget is checked outside the build: gzip's own
 * deflate plus the header naming the file (zlib's deflate, where there is no gzip binary).
 */
function gzipSize(code, fileName) {
  const gzip = spawnSync('gzip', ['-9', '-c'], { input: code });
  const deflated = gzip.status === 0 ? gzip.stdout.length : gzipSync(code, { level: 9 }).length;
  return deflated + Buffer.byteLength(basename(fileName)) + 1;
}

/** Fails the build when a chunk's min+gzip size is over `bytes`, and prints the size either way. */
export function sizeBudget(bytes) {
  return {
    name: 'size-budget',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        const size = gzipSize(chunk.code, chunk.fileName);
        const line = `${chunk.fileName}: ${size} bytes min+gzip (budget ${bytes})`;
        if (size > bytes) this.error(`${line}: over budget`);
        console.log(line);
      }
    },
  };
}

/** An npm library: ESM with declarations; its dependencies stay external. */
export function library(pkg, { external = [], input = 'index', formats = ['es'] } = {}) {
  return {
    input: `packages/${pkg}/src/${input}.ts`,
    external: (id) => external.some((e) => id === e || id.startsWith(`${e}/`)),
    output: formats.map((format) => ({
      dir: `packages/${pkg}/dist`,
      format,
      entryFileNames: format === 'cjs' ? '[name].cjs' : '[name].js',
      sourcemap: true,
    })),
    plugins: [nodeResolve(), ts(pkg)],
  };
}

export default [
  { ...library('protocol', { external: ['zod'] }), input: ['packages/protocol/src/index.ts', 'packages/protocol/src/limits.ts'] },
  // The zod-free limits are bundled in (a few constants); protocol types are erased.
  library('core'),
  library('web', { external: ['@eventline/core', 'idb-keyval'] }),
  // The script tag: everything in one file, minified, held to 5 KB min+gzip.
  {
    input: 'packages/web/src/entrypoints/script-tag.ts',
    // 'hidden': the map is written beside it, but the file carries no sourceMappingURL comment, so the
    // bytes a page downloads are exactly the bytes sizeBudget measured.
    output: { file: 'packages/web/dist/eventline.min.js', format: 'iife', sourcemap: 'hidden', plugins: [terser({ ecma: 2020, compress: { passes: 3, unsafe_arrows: true } })] },
    plugins: [nodeResolve({ browser: true }), ts('web'), sizeBudget(5632)],
  },
  // Bundlers (Taro, uni-app) take ESM and share core. The CommonJS build inlines core, which has no
  // CommonJS build: WeChat's "build npm" and a plain require() need nothing else.
  library('miniprogram', { external: ['@eventline/core'] }),
  library('miniprogram', { formats: ['cjs'] }),
  // One file with core inlined, to copy into a mini-program project, held to 6 KB min+gzip. The same
  // file is the package's `miniprogram` directory, which WeChat DevTools' "build npm" copies as is.
  {
    input: 'packages/miniprogram/src/index.ts',
    output: ['eventline-miniprogram.min.js', 'miniprogram/index.js'].map((file) => ({
      dir: 'packages/miniprogram/dist',
      entryFileNames: file,
      format: 'cjs',
      sourcemap: 'hidden',
      plugins: [terser({ ecma: 2020, compress: { passes: 3, unsafe_arrows: true } })],
    })),
    plugins: [nodeResolve(), ts('miniprogram'), sizeBudget(6144)],
  },
];
