import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

// Workspace packages resolve to their source (the @eventline/source export condition), so a test
// never runs against a stale build.
const resolve = { conditions: ['@eventline/source'] };
const ssr = { resolve: { conditions: ['@eventline/source'], externalConditions: ['@eventline/source'] } };
const timeouts = { testTimeout: 20_000, hookTimeout: 60_000 };

// The collector's API tests run a second time on PostgreSQL (createTestCollector makes a schema each),
// when there is one: scripts/ensure-postgres.sh makes one and prints its URL.
const postgresUrl = process.env.EVENTLINE_TEST_DATABASE_URL;
if (!postgresUrl) {
  console.log(
    '\n  PostgreSQL half skipped: EVENTLINE_TEST_DATABASE_URL is not set. To run it too:\n' +
      '  export EVENTLINE_TEST_DATABASE_URL=$(bash scripts/ensure-postgres.sh | tail -1) && npm test\n',
  );
}

export default defineConfig({
  resolve,
  ssr,
  test: {
    // Most test time is waiting (Chromium, child collectors, kill -9 and restart, timers), so two files
    // at a time on two cores; vitest's default there (cores − 1) runs them one by one.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        resolve,
        ssr,
        test: {
          name: 'default',
          include: ['packages/*/src/**/*.test.ts', 'collector/src/**/*.test.ts', 'test/**/*.test.ts'],
          ...timeouts,
        },
      },
      ...(postgresUrl
        ? [
            {
              resolve,
              ssr,
              test: {
                name: 'postgres',
                include: ['collector/src/**/*.test.ts', 'test/collector/**/*.test.ts'],
                exclude: [
                  ...configDefaults.exclude,
                  // Run both stores themselves (the default project runs them).
                  'collector/src/store/store-conformance*.test.ts',
                  // SQLite internals: the batched writer and the SQLite store's own behaviour.
                  'collector/src/store/sqlite/**',
                  // The PostgreSQL store's own tests open PostgreSQL themselves (the default project runs them).
                  'collector/src/store/postgres/**',
                  // Fills the SQLite file directly (200,000 rows; ingest would take minutes).
                  'collector/src/export/export-stream-memory.test.ts',
                  // SQL expressions checked against SQLite's JSON functions.
                  'collector/src/analysis/property-condition.test.ts',
                  // Opens a SQLite store itself and reads the keys table from its file.
                  'collector/src/auth/bootstrap-keys.test.ts',
                ],
                env: { EVENTLINE_TEST_STORE: 'postgres' },
                ...timeouts,
              },
            },
          ]
        : []),
    ],
  },
});
