import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    globalSetup: ['test/support/global-setup.ts'],
    // Tests mostly wait on PostgreSQL, which works in its own processes: vitest's default of one
    // worker per core but one would leave a 2-core CI machine running them one file at a time.
    maxWorkers: 3,
  },
});
