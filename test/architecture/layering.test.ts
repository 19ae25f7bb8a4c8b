import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findCycles, layerViolations, platformGlobalsUsed, readImports, readSourceFiles } from './import-graph';

// The layers of ARCHITECTURE.md that the code must keep: the store at the bottom of the collector,
// no two files that need each other, and a core that runs unchanged in a browser, a mini-program and Node.
const repo = fileURLToPath(new URL('../..', import.meta.url));
const files = readSourceFiles(repo, ['collector/src', 'packages/protocol/src', 'packages/core/src', 'packages/web/src', 'packages/miniprogram/src']);
const edges = readImports(files);

describe('the structure of the code', () => {
  it('reads the source tree', () => {
    expect(files.size).toBeGreaterThan(100);
    expect(edges.filter((e) => e.to !== undefined).length).toBeGreaterThan(300);
  });

  it('keeps store/ at the bottom: it imports only itself, config, logger, errors and the protocol', () => {
    const violations = layerViolations(edges, {
      folder: 'collector/src/store',
      mayImport: ['collector/src/config.ts', 'collector/src/logger.ts', 'collector/src/errors', 'packages/protocol/src'],
    });
    expect(violations.map((v) => `${v.from} imports ${v.specifier}`)).toEqual([]);
  });

  it('has no import cycle between files', () => {
    expect(findCycles(files, edges)).toEqual([]);
  });

  it('keeps packages/core free of platform globals', () => {
    const globals = ['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'indexedDB', 'location', 'wx', 'my', 'tt'];
    const used = [...files].filter(([path]) => path.startsWith('packages/core/src/')).flatMap(([path, text]) => platformGlobalsUsed(path, text, globals));
    expect(used).toEqual([]);
  });
});
