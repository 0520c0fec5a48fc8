import { defineConfig, type Plugin } from 'vitest/config';

// Font files import as their bytes, as esbuild's `binary` loader gives them in the bundles
// (infra/aws/bundling.ts) and the tsx hook does under `npm start` (infra/binary-files-hook.mjs).
const binaryFiles: Plugin = {
  name: 'binary-files',
  enforce: 'pre',
  load(id) {
    const file = id.split('?')[0] ?? id;
    if (!file.endsWith('.ttf')) return null;
    return `import { readFileSync } from 'node:fs';\nexport default new Uint8Array(readFileSync(${JSON.stringify(file)}));`;
  },
};

export default defineConfig({
  plugins: [binaryFiles],
  test: {
    include: ['test/**/*.test.ts'],
    allowOnly: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Most files wait on their runtime's servers and sandboxes rather than compute: three at a time
    // keep two cores busy (the default, one fewer than the cores, runs one file at a time here).
    maxWorkers: 3,
    globalSetup: ['test/support/global-setup.ts'],
    // Refused requests are logged at INFO; tests keep only real errors on the console.
    env: { POWERTOOLS_LOG_LEVEL: 'ERROR' },
  },
});
