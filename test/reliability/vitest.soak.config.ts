import { defineConfig } from 'vitest/config';

// npm run test:soak: the long runs, kept out of `npm test` (whose include does not match *.soak.ts).
// Self-contained rather than built from ../../vitest.config.ts, whose layout (projects) may change.
const resolve = { conditions: ['@eventline/source'] };
export default defineConfig({
  resolve,
  ssr: { resolve: { conditions: ['@eventline/source'], externalConditions: ['@eventline/source'] } },
  test: { include: ['test/reliability/**/*.soak.ts'], testTimeout: 20_000, hookTimeout: 60_000 },
});
