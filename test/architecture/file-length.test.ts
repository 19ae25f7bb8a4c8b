import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readSourceFiles } from './import-graph';

// STYLE.md: one concept per file, and no source file over 300 lines. A file that grows past it is a
// concept that wants splitting; the message names each one with its length.
const maxLines = 300;
const repo = fileURLToPath(new URL('../..', import.meta.url));
const packages = readdirSync(new URL('../../packages', import.meta.url)).map((name) => `packages/${name}/src`);
// Tests, packages' testing/ helpers, bench/ and test/ are left out: readSourceFiles reads only source.
const files = readSourceFiles(repo, ['collector/src', ...packages]);

describe('the size of source files', () => {
  it('reads the source tree', () => {
    expect(files.size).toBeGreaterThan(100);
  });

  it(`keeps every TypeScript source file at ${maxLines} lines or fewer`, () => {
    const tooLong = [...files]
      .map(([path, text]) => ({ path, lines: text.split('\n').length - (text.endsWith('\n') ? 1 : 0) }))
      .filter((f) => f.lines > maxLines)
      .map((f) => `${f.path}: ${f.lines} lines`);
    expect(tooLong, `over ${maxLines} lines`).toEqual([]);
  });
});
