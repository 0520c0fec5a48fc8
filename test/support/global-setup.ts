// Before the test files start their runtimes in parallel processes: builds the
// pages (the browser tests serve dist/web, as `npm start` does) and builds or
// checks every function's deployed bundle once, so that the runtimes all find
// the cache fresh instead of racing to build it. Every temporary folder of the
// run goes under one folder of its own, removed when the run ends.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBundleCache } from '../../infra/aws/bundle-cache.ts';
import { buildWeb } from '../../infra/web-build.ts';

/** Vitest's global setup: the pages and the bundles the runtimes will serve and run; answers the teardown. */
export default async function setup(): Promise<() => void> {
  // The test processes, the systems they start and their browsers inherit TMPDIR, which os.tmpdir()
  // reads: data folders, cloud assemblies (~50 MB each) and profiles all land here and go with it.
  const root = mkdtempSync(join(tmpdir(), 'dvk-tests-'));
  process.env.TMPDIR = root;
  buildWeb();
  const report = await createBundleCache().prepare();
  if (report.built.length > 0) {
    console.log(
      `Bundled ${report.built.length} functions as the CDK app does (${(report.milliseconds / 1000).toFixed(1)} s).`,
    );
  }
  return () => rmSync(root, { recursive: true, force: true });
}
