import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    // Real SQLite files and scrypt hashes: give slow shared machines room, but never sleep.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
