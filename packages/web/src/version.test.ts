import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { version } from './version';

it('is the version in package.json', () => {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  expect(version).toBe(pkg.version);
});
