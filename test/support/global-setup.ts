// Builds (or checks) every function's deployed bundle once, before the test
// files start their runtimes in parallel processes: they then all find the
// cache fresh instead of racing to build it.
import { createBundleCache } from '../../infra/local/bundles.ts';

/** Vitest's global setup: prepare the bundles the runtimes will run. */
export default async function setup(): Promise<void> {
  const report = await createBundleCache().prepare();
  if (report.built.length > 0) {
    console.log(
      `Bundled ${report.built.length} functions as the CDK app does (${(report.milliseconds / 1000).toFixed(1)} s).`,
    );
  }
}
