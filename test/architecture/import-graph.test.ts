import { describe, expect, it } from 'vitest';
import { findCycles, layerViolations, platformGlobalsUsed, readImports } from './import-graph';

const files = (entries: Record<string, string>) => new Map(Object.entries(entries));

describe('readImports', () => {
  it('resolves relative paths, folders with an index, .js specifiers and workspace packages to repo files', () => {
    const repo = files({
      'collector/src/a.ts': "import { b } from './b.js';\nimport type { C } from './c';\nexport * from '@eventline/protocol';\nimport 'hono';",
      'collector/src/b.ts': '',
      'collector/src/c/index.ts': '',
      'packages/protocol/src/index.ts': '',
    });
    expect(readImports(repo).map((e) => e.to)).toEqual(['collector/src/b.ts', 'collector/src/c/index.ts', 'packages/protocol/src/index.ts', undefined]);
  });
});

describe('layerViolations', () => {
  const rule = { folder: 'collector/src/store', mayImport: ['collector/src/config.ts', 'collector/src/errors', 'packages/protocol'] };

  it('catches an upward import out of the store', () => {
    const repo = files({
      'collector/src/store/store.ts': "import type { CustomerCondition } from '../analysis/customer-condition';\nimport { x } from './queries/x';",
      'collector/src/store/queries/x.ts': "import { config } from '../../config';\nimport { StorageError } from '../../errors/storage-error';\nimport Sqlite from 'better-sqlite3';",
      'collector/src/analysis/customer-condition.ts': '',
      'collector/src/config.ts': '',
      'collector/src/errors/storage-error.ts': '',
    });
    const violations = layerViolations(readImports(repo), rule);
    expect(violations.map((v) => `${v.from} -> ${v.to}`)).toEqual(['collector/src/store/store.ts -> collector/src/analysis/customer-condition.ts']);
  });

  it('counts an import it cannot resolve inside the repo as a violation, so a typo cannot hide one', () => {
    const repo = files({ 'collector/src/store/store.ts': "import { x } from '../nowhere';" });
    expect(layerViolations(readImports(repo), rule)).toHaveLength(1);
  });
});

describe('findCycles', () => {
  it('finds a cycle of three files and leaves a chain alone', () => {
    const repo = files({
      'a.ts': "import './b';",
      'b.ts': "import type { C } from './c';",
      'c.ts': "import './a';\nimport './d';",
      'd.ts': '',
    });
    expect(findCycles(repo, readImports(repo))).toEqual([['a.ts', 'b.ts', 'c.ts']]);
  });

  it('finds a file that imports itself', () => {
    const repo = files({ 'a.ts': "import './a';" });
    expect(findCycles(repo, readImports(repo))).toEqual([['a.ts']]);
  });
});

describe('platformGlobalsUsed', () => {
  const globals = ['window', 'document', 'navigator', 'localStorage', 'indexedDB', 'wx', 'my', 'tt'];

  it('reports a free reference to a platform global', () => {
    const text = "export const send = () => navigator.sendBeacon('/');\nconst x = typeof wx !== 'undefined';";
    expect(platformGlobalsUsed('core.ts', text, globals)).toEqual(['core.ts:1 navigator', 'core.ts:2 wx']);
  });

  it('does not report property names, or names the file declares itself', () => {
    const text = "interface P { window: number }\nexport const f = (o: P, my: number) => o.window + my + ({ tt: 1 }).tt;";
    expect(platformGlobalsUsed('core.ts', text, globals)).toEqual([]);
  });
});
