import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // e2e files start whole services; run files one at a time to keep the 2-core machine honest.
    fileParallelism: false,
    pool: 'forks',
  },
});
