// Builds the example app the way an integrator's bundler would: @eventline/web from node_modules,
// its ESM build (npm run build first), minified. Run from the repository root:
//   npx rollup -c examples/web-bundler/rollup.config.mjs
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

export default {
  input: 'examples/web-bundler/src/main.js',
  output: { file: 'examples/web-bundler/dist/app.js', format: 'es', plugins: [terser()] },
  plugins: [nodeResolve({ browser: true })],
};
