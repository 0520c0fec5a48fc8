// Under tsx (npm start, npm run demo, scripts), imports of font files give their bytes, as esbuild's
// `binary` loader does in the bundles (infra/aws/bundling.ts). Loaded with `--import`.
import { registerHooks } from 'node:module';

const BINARY = /\.ttf$/;

registerHooks({
  load(url, context, nextLoad) {
    if (!BINARY.test(new URL(url).pathname)) return nextLoad(url, context);
    return {
      format: 'module',
      shortCircuit: true,
      source: `import { readFileSync } from 'node:fs';\nexport default new Uint8Array(readFileSync(new URL(${JSON.stringify(url)})));\n`,
    };
  },
});
