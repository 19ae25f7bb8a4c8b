import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// A doc that points a reader at a file that was moved or removed costs them the time to find out.
const root = fileURLToPath(new URL('../..', import.meta.url));

function walk(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (['node_modules', 'dist', '.git', 'test-results', 'data'].includes(entry.name)) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else out.push(relative(root, full).split('\\').join('/'));
  }
  return out;
}

const files = walk(root);
const docs = files.filter((f) => f.endsWith('.md'));
// Names in backticks or link targets that end like a source or script file of this repo.
const reference = /(?:`|\]\()([\w@./-]+\.(?:ts|tsx|mjs|sh))(?:`|\)|:|#)/g;

describe('the docs', () => {
  it('name only files that exist', () => {
    expect(docs.length).toBeGreaterThan(10);
    const missing: string[] = [];
    for (const doc of docs) {
      for (const [, name] of readFileSync(join(root, doc), 'utf8').matchAll(reference)) {
        // A .d.ts a doc names is one the reader generates (eventline types), not a file of the repo.
        if (name!.endsWith('.d.ts')) continue;
        const path = name!.replace(/^(\.\.?\/)+/, '');
        const exists = path.includes('/') ? files.some((f) => f === path || f.endsWith(`/${path}`)) : files.some((f) => f.endsWith(`/${path}`) || f === path);
        if (!exists) missing.push(`${doc}: ${name}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
