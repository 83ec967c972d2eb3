import { defineConfig } from 'vitest/config';

// Unit tests: pure Node, no browser. `npm test` runs them via scripts/test.mjs;
// the end-to-end tests have their own config (vitest.e2e.config.ts).
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
  },
});
