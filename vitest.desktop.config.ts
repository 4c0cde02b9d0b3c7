import { defineConfig } from 'vitest/config';

/**
 * The desktop checks run what `npm run build` produced (tests/desktop/support/build.ts builds it
 * when out/ is missing or stale) and package it with electron-builder; kept apart from the unit
 * suite because each file takes a minute or two on a loaded machine.
 */
export default defineConfig({
  test: {
    // Bundles the child processes tests start, once per run (tests/support/child-bundles.ts).
    globalSetup: ['tests/global-setup.ts'],
    include: ['tests/desktop/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 240_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
