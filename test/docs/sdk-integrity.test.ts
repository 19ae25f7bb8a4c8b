import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

it('docs/sdk-web.md gives the integrity hash and version of the script the build made', () => {
  const script = readFileSync(`${root}packages/web/dist/eventline.min.js`);
  const version = (JSON.parse(readFileSync(`${root}packages/web/package.json`, 'utf8')) as { version: string }).version;
  const doc = readFileSync(`${root}docs/sdk-web.md`, 'utf8');
  expect(doc).toContain(`/sdk/${version}/eventline.min.js`);
  expect(doc).toContain(`integrity="sha384-${createHash('sha384').update(script).digest('base64')}"`);
});
