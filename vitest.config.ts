import { defineConfig } from 'vitest/config';

// Workspace packages resolve to their source (the @eventline/source export condition), so a test
// never runs against a stale build.
export default defineConfig({
  resolve: { conditions: ['@eventline/source'] },
  ssr: { resolve: { conditions: ['@eventline/source'], externalConditions: ['@eventline/source'] } },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'collector/src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
