// The CDK app: `npm run synth` runs it through cdk.json. It needs no AWS
// account to synthesize: the stack is environment-agnostic. The functions deploy the
// bundles the embedded runtime runs (infra/aws/bundle-cache.ts). cdk-nag v3 runs as
// a policy-validation plugin, so any unacknowledged AwsSolutions finding stops synth.
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { createBundleCache } from './bundle-cache.ts';
import { DanVanKheoStack } from './dan-van-kheo-stack.ts';

// The functions' code is the bundle cache's files: bring it up to date first (a no-op when fresh).
await createBundleCache().prepare();
const app = new App();
new DanVanKheoStack(app, 'DanVanKheo', {
  description: 'Dân vận khéo: registration, review and reporting of the emulation movement',
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
app.synth();
