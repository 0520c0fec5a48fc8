// The web's build: the pages are TypeScript that import the domain's labels, calendar rules and
// formats from shared/, bundled by esbuild into plain ES modules; every HTML file comes from one
// template and web/pages.ts. `npm start`, the tests and `cdk synth` all serve or deploy this output.
// Synchronous and offline on purpose: CDK's local asset bundling calls it during synth.
import {
  copyFileSync,
  existsSync,
  type FSWatcher,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  watch,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { PAGES, type PageSpec } from '../web/pages.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const WEB_SOURCE_DIR = path.join(ROOT, 'web');
/** Where `npm start` and the tests serve the pages from (git-ignored). */
export const WEB_OUTPUT_DIR = path.join(ROOT, 'dist', 'web');
const STATIC_FILES = ['app.css', 'favicon.svg'];
// What the pages' bundles can depend on: a change under these means the output is stale.
const SOURCE_DIRS = [WEB_SOURCE_DIR, path.join(ROOT, 'shared')];

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** One page's HTML: the same head, skip link and header shell everywhere; the script fills them in. */
export function pageHtml(page: PageSpec): string {
  const heading = page.heading ? `\n    <h2 class="page-title">${escapeHtml(page.heading)}</h2>` : '';
  return `<!doctype html>
<html lang="vi">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(page.title)} — Dân vận khéo</title>
  <link rel="icon" href="/favicon.svg" type="image/svg+xml">
  <link rel="stylesheet" href="/app.css">
  <script type="module" src="/js/${page.name}.js"></script>
</head>
<body>
  <a class="skip-link" href="#main">Bỏ qua, tới nội dung chính</a>
  <header class="site" id="site-header">
    <h1><a href="/">Phong trào thi đua <span>“Dân vận khéo”</span></a></h1>
    <nav aria-label="Điều hướng chính" id="site-nav"></nav>
    <div class="who" id="who"></div>
  </header>
  <main id="main" tabindex="-1"${page.wide ? ' class="wide"' : ''}>${heading}
    <div id="content"><p class="muted" role="status">Đang tải…</p></div>
  </main>
</body>
</html>
`;
}

/** Builds every page into `outDir` (replaced whole), synchronously. */
export function buildWeb(outDir: string = WEB_OUTPUT_DIR): void {
  // Built beside the target and swapped in, so a server never reads a half-written folder.
  const staging = `${outDir}.building-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  buildSync({
    entryPoints: PAGES.map((page) => ({
      in: path.join(WEB_SOURCE_DIR, 'pages', `${page.name}.ts`),
      out: page.name,
    })),
    outdir: path.join(staging, 'js'),
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022', 'chrome109', 'firefox115', 'safari16'],
    minify: true,
    sourcemap: 'linked',
    chunkNames: 'chunks/[name]-[hash]',
    legalComments: 'linked',
    logLevel: 'error',
  });
  for (const page of PAGES) writeFileSync(path.join(staging, `${page.name}.html`), pageHtml(page));
  for (const file of STATIC_FILES) copyFileSync(path.join(WEB_SOURCE_DIR, file), path.join(staging, file));
  const previous = `${outDir}.previous-${process.pid}`;
  if (existsSync(outDir)) renameSync(outDir, previous);
  renameSync(staging, outDir);
  rmSync(previous, { recursive: true, force: true });
}

function newestMtime(dir: string): number {
  let newest = statSync(dir).mtimeMs;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Whether the output is missing or older than a source of the pages or this build. */
export function webOutputStale(outDir: string = WEB_OUTPUT_DIR): boolean {
  const stamp = path.join(outDir, 'index.html');
  if (!existsSync(stamp)) return true;
  const built = statSync(stamp).mtimeMs;
  const sources = Math.max(...SOURCE_DIRS.map(newestMtime), statSync(fileURLToPath(import.meta.url)).mtimeMs);
  return sources > built;
}

/** Builds the pages when the output is older than their sources; answers whether it built. */
export function ensureWebBuilt(outDir: string = WEB_OUTPUT_DIR): boolean {
  if (!webOutputStale(outDir)) return false;
  buildWeb(outDir);
  return true;
}

/** Rebuilds the pages whenever one of their sources changes; returns the function that stops watching. */
export function watchWeb(
  report: (error: Error | undefined) => void,
  outDir: string = WEB_OUTPUT_DIR,
): () => void {
  let timer: NodeJS.Timeout | undefined;
  const rebuild = () => {
    clearTimeout(timer);
    // An editor's save is several events; one build after they settle.
    timer = setTimeout(() => {
      try {
        buildWeb(outDir);
        report(undefined);
      } catch (error) {
        report(error as Error);
      }
    }, 150);
  };
  const watchers: FSWatcher[] = SOURCE_DIRS.map((dir) => watch(dir, { recursive: true }, rebuild));
  return () => {
    clearTimeout(timer);
    for (const watcher of watchers) watcher.close();
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  buildWeb();
  console.log(`Đã dựng các trang web vào ${path.relative(ROOT, WEB_OUTPUT_DIR)}/`);
}
