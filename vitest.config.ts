import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Bundles the child processes tests start, once per run (tests/support/child-bundles.ts).
    globalSetup: ['tests/global-setup.ts'],
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    // electron-store imports Electron; inlined, it sees the test's mocked `electron` module.
    server: { deps: { inline: ['electron-store'] } },
    // Real SQLite files and scrypt hashes: give slow shared machines room, but never sleep.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
