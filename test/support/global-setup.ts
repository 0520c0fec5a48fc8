// Before the test files start their runtimes in parallel processes: builds the
// pages (the browser tests serve dist/web, as `npm start` does) and builds or
// checks every function's deployed bundle once, so that the runtimes all find
// the cache fresh instead of racing to build it.
import { createBundleCache } from '../../infra/aws/bundle-cache.ts';
import { buildWeb } from '../../infra/web-build.ts';

/** Vitest's global setup: the pages and the bundles the runtimes will serve and run. */
export default async function setup(): Promise<void> {
  buildWeb();
  const report = await createBundleCache().prepare();
  if (report.built.length > 0) {
    console.log(
      `Bundled ${report.built.length} functions as the CDK app does (${(report.milliseconds / 1000).toFixed(1)} s).`,
    );
  }
}
