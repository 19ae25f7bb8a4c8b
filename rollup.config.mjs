// Builds every package: ESM (and CommonJS where a package offers it) with one bundled declaration file
// per entry for npm, and the minified script-tag and mini-program bundles, each checked against its gzip
// size budget so a build that grows past it fails.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { basename } from 'node:path';
import { gzipSync } from 'node:zlib';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import { dts } from 'rollup-plugin-dts';

// Every build starts from empty dist folders: a file an older build wrote (such as the per-module
// .d.ts files declarations used to be) would otherwise be packed and published.
for (const pkg of ['protocol', 'core', 'web', 'miniprogram']) rmSync(`packages/${pkg}/dist`, { recursive: true, force: true });

const ts = (pkg) =>
  typescript({
    tsconfig: './tsconfig.build.json',
    filterRoot: process.cwd(),
    include: [`packages/${pkg}/src/**/*.ts`],
    exclude: ['**/*.test.ts', '**/testing/**'],
    noEmitOnError: true,
    // Declarations come from declarations() below, bundled per entry.
    declaration: false,
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

/**
 * One declaration file per entry, for each format an entry ships: `.d.ts` beside ESM, `.d.cts` beside
 * CommonJS. Bundled, so it has no relative imports, which node16/nodenext resolution would require to
 * carry extensions. Packages in `external` stay imports (they are dependencies); anything else is inlined.
 * zod is external everywhere so that the SDKs' declarations, which inline the few protocol types they
 * use, drop it instead of reading its declarations: like their bundles, their types never need zod.
 */
export function declarations(pkg, { external = [], input = 'index', formats = ['es'], banner } = {}) {
  return {
    input: `packages/${pkg}/src/${input}.ts`,
    external: (id) => [...external, 'zod'].some((e) => id === e || id.startsWith(`${e}/`)),
    output: formats.map((format) => ({ file: `packages/${pkg}/dist/${input}.${format === 'cjs' ? 'd.cts' : 'd.ts'}`, format: 'es', banner })),
    plugins: [dts({ tsconfig: './tsconfig.build.json', respectExternal: true, compilerOptions: { declaration: true, noEmit: false } })],
  };
}

export default [
  { ...library('protocol', { external: ['zod'] }), input: ['packages/protocol/src/index.ts', 'packages/protocol/src/limits.ts'] },
  // Each package's declarations right after its build: the next package type-checks against them.
  declarations('protocol'),
  declarations('protocol', { input: 'limits' }),
  // The zod-free limits are bundled in (a few constants); protocol types are erased.
  library('core'),
  declarations('core'),
  library('web', { external: ['@eventline/core', 'idb-keyval'] }),
  declarations('web', { external: ['@eventline/core', 'idb-keyval'] }),
  // The script tag: everything in one file, minified, held to 5,632 bytes min+gzip.
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
  // The mini-program's CommonJS declarations inline core, as its CommonJS build does: core has no
  // `require` entry to resolve them through.
  ...[{ external: ['@eventline/core'] }, { formats: ['cjs'] }].map((options) =>
    // The bundler drops mini-program-api.ts's reference to the wx typings, which its types use.
    declarations('miniprogram', { ...options, banner: '/// <reference types="miniprogram-api-typings" />' }),
  ),
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
