// The one definition of how a function is bundled: the bundle cache the CDK app
// deploys from (bundle-cache.ts) and the benchmarks build with it, so a bundle
// measured here is byte for byte the bundle that gets deployed.
import { existsSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
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
  // What an entry imports with import() goes to chunks of its own (see buildBundle).
  splitting: true,
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

/** One file of a bundle: its name in the function's directory and its bytes. */
export interface BundleFile {
  readonly name: string;
  readonly contents: Uint8Array;
}

/** A bundle as esbuild made it, not yet written: the entry `index.mjs` first, then its chunks. */
export interface Bundle {
  readonly files: readonly BundleFile[];
  /** The files loaded on a cold start: the entry and the chunks it imports statically. */
  readonly startFiles: readonly string[];
  /** The absolute paths of the source files it was built from. */
  readonly inputs: readonly string[];
}

/** A bundle written to disk: its entry file, what a cold start loads, and what it deploys. */
export interface BuiltBundle {
  readonly file: string;
  /** Bytes a cold start loads: the entry and its static chunks. */
  readonly bytes: number;
  /** Every file the function deploys, the entry first. */
  readonly files: readonly string[];
  readonly inputs: readonly string[];
}

/** The bundle's name for a function's entry; Lambda's handler setting is `index.handler`. */
export const BUNDLE_ENTRY = 'index.mjs';

/**
 * Bundles an entry with the functions' settings, in memory. What the entry
 * imports with `import()` (the workbook and document renderers, S3's client)
 * goes to chunks of its own, so a cold start parses only what it runs: the PDF
 * fonts alone are ~3.7 MB of JavaScript. Chunks nothing reaches from the entry
 * are left out.
 */
export async function buildBundle(entry: string): Promise<Bundle> {
  const outdir = path.join(repoRoot, 'node_modules', '.cache', 'dvk-bundle-out');
  const result = await build({
    entryPoints: { index: entry },
    outdir,
    outExtension: { '.js': '.mjs' },
    splitting: esbuildSettings.splitting,
    write: false,
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
  const entryPath = path.join(outdir, BUNDLE_ENTRY);
  const outputs = result.metafile.outputs;
  const reach = (kinds: readonly string[]): Set<string> => {
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const imported of outputs[file]?.imports ?? [])
        if (!imported.external && kinds.includes(imported.kind)) visit(imported.path);
    };
    visit(entryPath);
    return seen;
  };
  const reachable = reach(['import-statement', 'dynamic-import']);
  const atStart = reach(['import-statement']);
  const files = result.outputFiles
    .filter((file) => reachable.has(file.path))
    .map((file) => ({ name: path.relative(outdir, file.path), contents: file.contents }))
    .sort(
      (a, b) =>
        Number(b.name === BUNDLE_ENTRY) - Number(a.name === BUNDLE_ENTRY) || a.name.localeCompare(b.name),
    );
  // The plugin's modules (namespace:path) are made of the settings, not of files.
  const inputs = Object.keys(result.metafile.inputs).filter((input) => path.isAbsolute(input));
  return { files, startFiles: [...atStart].map((file) => path.relative(outdir, file)), inputs };
}

/** Writes a file beside its final name, then renames it: a reader sees the old file or the new one, never half of one. */
export async function writeFileAtomically(target: string, contents: string | Uint8Array): Promise<void> {
  const temporary = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await writeFile(temporary, contents);
  await rename(temporary, target);
}

/**
 * Writes a bundle into `dir`, the entry last, so a process reading the
 * directory while another writes it finds either the old entry or the new one
 * with all its chunks. Chunks are named by their content, so one already
 * there is already right.
 */
export async function writeBundle(bundle: Bundle, dir: string): Promise<BuiltBundle> {
  await mkdir(dir, { recursive: true });
  for (const file of [...bundle.files].reverse()) {
    const target = path.join(dir, file.name);
    if (file.name === BUNDLE_ENTRY || !existsSync(target)) await writeFileAtomically(target, file.contents);
  }
  const bytes = bundle.files
    .filter((file) => bundle.startFiles.includes(file.name))
    .reduce((sum, file) => sum + file.contents.byteLength, 0);
  return {
    file: path.join(dir, BUNDLE_ENTRY),
    bytes,
    files: bundle.files.map((file) => file.name),
    inputs: bundle.inputs,
  };
}

/** Bundles any entry with the functions' settings into `dir` (benchmarks compare against an empty handler). */
export async function bundleEntry(entry: string, dir: string): Promise<BuiltBundle> {
  return writeBundle(await buildBundle(entry), dir);
}

/** Bundles one catalog function exactly as the CDK app does into `outdir/<name>/`. */
export function bundleFunction(name: string, outdir: string): Promise<BuiltBundle> {
  return bundleEntry(handlerPath(name), path.join(outdir, name));
}
