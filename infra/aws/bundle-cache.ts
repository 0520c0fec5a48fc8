// The bundles the CDK app deploys and the embedded runtime runs: every catalog
// function bundled by bundleFunction's own esbuild settings, kept under
// node_modules/.cache so that `@aws-sdk/*` (external, as the Lambda runtime
// provides it) resolves from the project's node_modules locally, the way
// /var/runtime provides it on Lambda. The CDK app stages these very files as the
// functions' code, so what runs locally is what deploys. A bundle is rebuilt only
// when one of its inputs (as esbuild's metafile lists them) or the bundling
// settings changed, so `npm start`, `npm test` and `cdk synth` stay fast.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { version as esbuildVersion } from 'esbuild';
import { functions, handlerEntry } from '../../functions/catalog.ts';
import {
  buildBundle,
  esbuildSettings,
  handlerPath,
  repoRoot,
  writeBundle,
  writeFileAtomically,
} from './bundling.ts';

/** Where the bundles live unless told otherwise. */
export const DEFAULT_BUNDLE_DIR = join(repoRoot, 'node_modules', '.cache', 'dvk-bundles');

interface InputStamp {
  readonly size: number;
  readonly mtimeMs: number;
  readonly sha256: string;
}

interface Manifest {
  readonly settings: string;
  readonly inputs: Readonly<Record<string, InputStamp>>;
  /** The bundle's files, the entry first: what the CDK app deploys. */
  readonly files: readonly string[];
  readonly entryBytes: number;
}

/** The cache's record beside each bundle: its inputs, and the files the CDK app deploys. */
export const BUNDLE_MANIFEST = 'manifest.json';

/** The directory holding a function's bundle (`index.mjs` and its chunks) in the cache at `dir`. */
export function bundleDirOf(name: string, dir: string = DEFAULT_BUNDLE_DIR): string {
  return join(dir, name);
}

/** The files of a function's current bundle in the cache at `dir`, the entry first, as its record lists them. */
export function bundleFilesOf(name: string, dir: string = DEFAULT_BUNDLE_DIR): readonly string[] | undefined {
  return readManifest(join(bundleDirOf(name, dir), BUNDLE_MANIFEST))?.files;
}

/** What preparing the bundles did, for start-up messages and benchmarks. */
export interface BundleReport {
  readonly built: readonly string[];
  readonly reused: readonly string[];
  readonly milliseconds: number;
}

export interface BundleCache {
  /** The `file:` URL of a function's current bundle, built or rebuilt first when stale. */
  url(name: string): Promise<string>;
  /** Builds what is stale among `names` (default: every catalog function), a few at a time. */
  prepare(names?: readonly string[]): Promise<BundleReport>;
  /** Forgets what is known fresh, so the next `url` checks the sources again (after a file changed). */
  invalidate(): void;
}

// The settings, the esbuild version, the lock file and package.json (its `sideEffects` decides
// which modules a bundle keeps) decide the bytes as much as the sources do.
function settingsFingerprint(): string {
  const contentOf = (file: string) =>
    existsSync(join(repoRoot, file)) ? readFileSync(join(repoRoot, file)) : Buffer.alloc(0);
  return createHash('sha256')
    .update(JSON.stringify(esbuildSettings))
    .update(esbuildVersion)
    .update(contentOf('package-lock.json'))
    .update(contentOf('package.json'))
    .digest('hex');
}

function sha256Of(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

function stampOf(file: string): InputStamp {
  const info = statSync(file);
  return { size: info.size, mtimeMs: info.mtimeMs, sha256: sha256Of(file) };
}

// Unchanged when size and mtime agree; when only the mtime moved (a checkout, a touch), the content decides.
function unchanged(file: string, stamp: InputStamp): boolean {
  if (!existsSync(file)) return false;
  const info = statSync(file);
  if (info.size !== stamp.size) return false;
  if (info.mtimeMs === stamp.mtimeMs) return true;
  return sha256Of(file) === stamp.sha256;
}

// A record from before bundles had chunks lists no files: it reads as none, so the bundle is rebuilt.
function readManifest(file: string): Manifest | undefined {
  try {
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as Partial<Manifest>;
    return Array.isArray(manifest.files) ? (manifest as Manifest) : undefined;
  } catch {
    return undefined;
  }
}

/** The bundle cache of the catalog's functions in `dir`. */
export function createBundleCache(dir: string = DEFAULT_BUNDLE_DIR): BundleCache {
  const settings = settingsFingerprint();
  const fresh = new Map<string, Promise<string>>();
  const known = new Set(functions.map((spec) => spec.name));

  const paths = (name: string) => ({
    bundle: join(dir, name, 'index.mjs'),
    manifest: join(dir, name, BUNDLE_MANIFEST),
  });

  const isFresh = async (name: string): Promise<boolean> => {
    const { bundle, manifest } = paths(name);
    if (!existsSync(bundle)) return false;
    const recorded = readManifest(manifest);
    if (!recorded || recorded.settings !== settings) return false;
    if (statSync(bundle).size !== recorded.entryBytes) return false;
    if (!recorded.files.every((file) => existsSync(join(dir, name, file)))) return false;
    return Object.entries(recorded.inputs).every(([file, stamp]) => unchanged(file, stamp));
  };

  // writeBundle writes beside the final names, then renames, the entry last: a
  // test process reading the cache while another builds it never sees half a
  // file. Chunks the previous bundle listed stay one build longer, for a
  // sandbox still running it that has yet to import one.
  const build = async (name: string): Promise<void> => {
    const { bundle, manifest } = paths(name);
    const previous = readManifest(manifest);
    const built = await writeBundle(await buildBundle(handlerPath(name)), join(dir, name));
    const inputs = Object.fromEntries(built.inputs.map((file) => [file, stampOf(file)]));
    const record: Manifest = { settings, inputs, files: built.files, entryBytes: statSync(bundle).size };
    await writeFileAtomically(manifest, JSON.stringify(record));
    const kept = new Set([BUNDLE_MANIFEST, ...built.files, ...(previous?.files ?? [])]);
    const stale = (await readdir(join(dir, name))).filter(
      (file) => !kept.has(file) && !file.endsWith('.tmp'),
    );
    await Promise.all(stale.map((file) => rm(join(dir, name, file), { force: true })));
  };

  const ensure = (name: string): Promise<{ url: string; built: boolean }> => {
    if (!known.has(name)) throw new Error(`No function named ${name} in functions/catalog.ts`);
    const run = (async () => {
      const wasFresh = await isFresh(name);
      if (!wasFresh) await build(name);
      // The content hash in the URL gives a rebuilt bundle a module instance of its own.
      const url = `${pathToFileURL(paths(name).bundle).href}?v=${sha256Of(paths(name).bundle).slice(0, 12)}`;
      return { url, built: !wasFresh };
    })();
    fresh.set(
      name,
      run.then(
        (result) => result.url,
        (error: unknown) => {
          fresh.delete(name);
          throw error;
        },
      ),
    );
    return run;
  };

  return {
    url(name) {
      return fresh.get(name) ?? ensure(name).then((result) => result.url);
    },
    async prepare(names = [...known]) {
      const started = performance.now();
      const built: string[] = [];
      const reused: string[] = [];
      const queue = [...names];
      // esbuild is itself parallel; a few builds at a time keep memory flat.
      const worker = async () => {
        for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
          const result = await ensure(name);
          (result.built ? built : reused).push(name);
        }
      };
      await Promise.all(Array.from({ length: 4 }, worker));
      return { built, reused, milliseconds: performance.now() - started };
    },
    invalidate() {
      fresh.clear();
    },
  };
}

/** The TypeScript handler of a function, for the debugging mode that runs sources instead of bundles. */
export function sourceUrl(name: string): string {
  return pathToFileURL(join(repoRoot, handlerEntry({ name }))).href;
}
