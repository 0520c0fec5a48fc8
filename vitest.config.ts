import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    allowOnly: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    globalSetup: ['test/support/global-setup.ts'],
    // Refused requests are logged at INFO; tests keep only real errors on the console.
    env: { POWERTOOLS_LOG_LEVEL: 'ERROR' },
  },
});
