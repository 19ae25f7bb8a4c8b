import { readFileSync } from 'node:fs';
import nodeResolve from '@rollup/plugin-node-resolve';
import { snippet } from '@eventline/web';
import { rollup } from 'rollup';
import { expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);

it('the script-tag example carries the snippet the SDK ships', () => {
  const html = readFileSync(new URL('examples/web-script-tag/index.html', root), 'utf8');
  expect(html).toContain(snippet('http://localhost:8787/sdk/eventline.min.js'));
});

it('the bundler example bundles @eventline/web from source without zod', async () => {
  const bundle = await rollup({
    input: new URL('examples/web-bundler/src/main.js', root).pathname,
    // Source, as the other tests: the ESM build is checked by `npm run build`.
    plugins: [nodeResolve({ browser: true, exportConditions: ['@eventline/source'], extensions: ['.ts', '.js'] }), (await import('@rollup/plugin-typescript')).default({ tsconfig: new URL('tsconfig.build.json', root).pathname, include: ['packages/**/*.ts'], exclude: ['**/*.test.ts'], compilerOptions: { declaration: false, noEmit: true } })],
    onwarn: () => {},
  });
  const { output } = await bundle.generate({ format: 'es' });
  const [chunk] = output;
  expect(chunk.code).toContain('page_view');
  expect(chunk.code).toMatch(/navigator\??\.locks/);
  expect(chunk.moduleIds.some((id) => id.includes('packages/web/src/create-tracker.ts'))).toBe(true);
  expect(chunk.moduleIds.filter((id) => id.includes('/zod/'))).toEqual([]);
}, 60_000);
