// The one definition of how a function is bundled: the bundle cache the CDK app
// deploys from (bundle-cache.ts) and the benchmarks build with it, so a bundle
// measured here is byte for byte the bundle that gets deployed.
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { handlerEntry } from '../../functions/catalog.ts';

/** The repository root, so entries resolve the same whatever the working directory. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Absolute path of a catalog function's handler source. */
export function handlerPath(name: string): string {
  return path.join(repoRoot, handlerEntry({ name }));
}

// ESM bundles still meet CommonJS dependencies that call require(); the
// banner gives them one. Aliased so it cannot clash with bundled names.
const esmRequireBanner =
  "import { createRequire as __dvkCreateRequire } from 'node:module'; const require = __dvkCreateRequire(import.meta.url);";

/** The esbuild settings of every bundle, in esbuild's own vocabulary. */
export const esbuildSettings = {
  minify: true,
  target: 'node24',
  format: 'esm',
  mainFields: ['module', 'main'],
  // The Node.js 24 Lambda runtime ships AWS SDK v3; bundling it only adds weight.
  external: ['@aws-sdk/*'],
  banner: esmRequireBanner,
  sourcemap: false,
  // The documents' PDF font travels inside the bundle as bytes: Lambda has no fonts and no
  // node_modules. Vitest (vitest.config.ts) and tsx (infra/binary-files-hook.mjs) do the same.
  loader: { '.ttf': 'binary' },
  // Built-ins an ESM import makes dearer than require() does: Node builds node:http's ESM
  // facade by reading every export, which loads undici (~15 ms of every cold start; the
  // Powertools Tracer imports http and https). The SDK's own require() of them is unchanged.
  requiredBuiltins: ['http', 'https'],
} as const;

// `import x from 'node:http'` becomes a CommonJS module holding require('node:http'), which the
// banner's require answers.
function requireBuiltins(names: readonly string[]): Plugin {
  const filter = new RegExp(`^(node:)?(${names.join('|')})$`);
  return {
    name: 'require-builtins',
    setup(plugin) {
      plugin.onResolve({ filter }, (args) =>
        args.kind === 'import-statement'
          ? { path: args.path.replace(/^node:/, ''), namespace: 'required-builtin' }
          : undefined,
      );
      plugin.onLoad({ filter: /.*/, namespace: 'required-builtin' }, (args) => ({
        contents: `module.exports = require(${JSON.stringify(`node:${args.path}`)});`,
        loader: 'js',
      }));
    },
  };
}

/** A bundle written to disk, and the absolute paths of the source files it was built from. */
export interface BuiltBundle {
  readonly file: string;
  readonly bytes: number;
  readonly inputs: readonly string[];
}

/** Bundles one catalog function exactly as the CDK app does, returning the file and its size. */
export function bundleFunction(name: string, outdir: string): Promise<BuiltBundle> {
  return bundleEntry(handlerPath(name), path.join(outdir, name, 'index.mjs'));
}

/** Bundles any entry with the functions' settings (benchmarks compare against an empty handler). */
export async function bundleEntry(entry: string, file: string): Promise<BuiltBundle> {
  await mkdir(path.dirname(file), { recursive: true });
  // The metafile only lists the inputs (for the local bundle cache); it does not change the code.
  const result = await build({
    entryPoints: [entry],
    outfile: file,
    bundle: true,
    platform: 'node',
    minify: esbuildSettings.minify,
    target: esbuildSettings.target,
    format: esbuildSettings.format,
    mainFields: [...esbuildSettings.mainFields],
    external: [...esbuildSettings.external],
    banner: { js: esbuildSettings.banner },
    sourcemap: esbuildSettings.sourcemap,
    loader: { ...esbuildSettings.loader },
    plugins: [requireBuiltins(esbuildSettings.requiredBuiltins)],
    logLevel: 'error',
    metafile: true,
    absPaths: ['metafile'],
  });
  const { size } = await stat(file);
  // The plugin's modules (namespace:path) are made of the settings, not of files.
  const inputs = Object.keys(result.metafile.inputs).filter((input) => path.isAbsolute(input));
  return { file, bytes: size, inputs };
}
