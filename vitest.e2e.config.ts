import { defineConfig } from 'vitest/config';

/** End-to-end tests: a real preview server and Debian's Chromium, one file at a time. */
export default defineConfig({
  test: {
    // Bundles the child processes tests start, once per run (tests/support/child-bundles.ts).
    globalSetup: ['tests/global-setup.ts'],
    include: ['tests/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    // Each file starts its own server and browser; running them side by side only adds flakiness.
    fileParallelism: false,
    // Chromium's first launch here takes ~10 s and the server compiles with tsx on start.
    testTimeout: 90_000,
    hookTimeout: 120_000,
  },
});
