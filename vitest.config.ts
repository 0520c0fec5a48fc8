import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    allowOnly: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Refused requests are logged at INFO; tests keep only real errors on the console.
    env: { POWERTOOLS_LOG_LEVEL: 'ERROR' },
  },
});
