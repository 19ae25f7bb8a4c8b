import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSize } from './gzip-size';
import { writeSection } from './write-section';

// The mini-program SDK's size as shipped: the same min+gzip measure (`gzip -9 -c FILE`) as the build's
// sizeBudget, for each file a mini-program project may take.
const dist = fileURLToPath(new URL('../packages/miniprogram/dist/', import.meta.url));
const files = [
  ['eventline-miniprogram.min.js', 'one file, core inlined, minified (copied into a project; also `dist/miniprogram/index.js`)'],
  ['index.cjs', 'CommonJS, core inlined, not minified (`require`, `main`)'],
  ['index.js', 'ESM, core external (bundlers: Taro, uni-app)'],
] as const;

const rows = files.map(([file, what]) => {
  const path = `${dist}${file}`;
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run build\` first`);
  const code = readFileSync(path);
  return `| \`${file}\` | ${what} | ${code.length} | ${gzipSize(path)} |`;
});

const markdown = `## Mini-program SDK (\`npm run build && npm run bench:miniprogram\`)

Measured ${new Date().toISOString().slice(0, 10)}, Node ${process.version}. Sizes in bytes; gzip as \`gzip -9 -c FILE\` counts it
(its header holds the file name), as the build's \`sizeBudget(6144)\` measures: the build fails when \`eventline-miniprogram.min.js\` is over 6 KB.
For scale, the issue quotes Sensors' mini-program SDK at 17.6 KB and GrowingIO's at 21.6 KB.

| file | what | bytes | gzip bytes |
| --- | --- | --- | --- |
${rows.join('\n')}`;

writeSection('miniprogram', markdown);
console.log(markdown);
