import { defineConfig } from 'vitest/config';

// Unit tests (tests/unit, pure Node) and API tests (tests/api: the real server in-process on a
// fresh embedded PostGIS database per file, or on PostgreSQL with TEST_DATABASE_URL).
// `npm test` runs them via scripts/test.mjs; end-to-end tests have vitest.e2e.config.ts.
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/api/**/*.test.ts'],
    environment: 'node',
    // One migrated embedded database per run, copied for each file (tests/support/pgliteTemplate.ts).
    globalSetup: ['tests/support/pgliteTemplate.ts'],
    // Creating an embedded database with PostGIS takes several seconds.
    hookTimeout: 90_000,
    // Both cores: vitest's default leaves one free (cores - 1), but most of an API file's time is
    // the embedded database and child processes, so two files at once finish about a fifth sooner.
    maxWorkers: 2,
    testTimeout: 30_000,
  },
});
