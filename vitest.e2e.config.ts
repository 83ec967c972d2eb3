import { defineConfig } from 'vitest/config';

// End-to-end tests in real Chromium (playwright-core) against the production build in dist/.
// Run them through `npm test` or `npm run test:e2e` (scripts/test.mjs), which finds the browser
// (CHROMIUM_PATH) and builds the app first. Files run one after another: each starts a browser.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    // One migrated embedded database per run, copied for each file (tests/support/pgliteTemplate.ts).
    globalSetup: ['tests/support/pgliteTemplate.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
