import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../infra/aws/bundling.ts';
import { ALARM_EMAIL, MAIL_FROM } from './stack-harness.ts';

const outdir = mkdtempSync(path.join(tmpdir(), 'dvk-synth-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

const env = {
  ...process.env,
  CDK_DISABLE_VERSION_CHECK: '1',
  CDK_DISABLE_CLI_TELEMETRY: '1',
  AWS_ACCESS_KEY_ID: '',
  AWS_SECRET_ACCESS_KEY: '',
  AWS_PROFILE: '',
};

describe('cdk synth', () => {
  it('refuses to synthesize without a sender and an alarm email, saying what to set', () => {
    // Act
    const result = spawnSync('npx', ['cdk', 'synth', '--quiet', '-o', outdir], {
      cwd: repoRoot,
      env,
      encoding: 'utf8',
      timeout: 240_000,
    });
    // Assess
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('Missing deployment settings: mailFrom, alarmEmail.');
    expect(result.stderr).toContain('-c mailFrom=');
  }, 300_000);

  it('produces the DanVanKheo template offline, with no AWS account', () => {
    // Act
    const context = ['-c', `mailFrom=${MAIL_FROM}`, '-c', `alarmEmail=${ALARM_EMAIL}`];
    const result = spawnSync('npx', ['cdk', 'synth', '--quiet', '-o', outdir, ...context], {
      cwd: repoRoot,
      env,
      encoding: 'utf8',
      timeout: 240_000,
    });
    // Assess
    expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
    const templatePath = path.join(outdir, 'DanVanKheo.template.json');
    expect(existsSync(templatePath)).toBe(true);
    const template = JSON.parse(readFileSync(templatePath, 'utf8')) as {
      Resources: Record<string, { Type: string }>;
    };
    const types = new Set(Object.values(template.Resources).map((resource) => resource.Type));
    for (const type of [
      'AWS::DynamoDB::Table',
      'AWS::Lambda::Function',
      'AWS::ApiGatewayV2::Api',
      'AWS::CloudFront::Distribution',
    ]) {
      expect(types).toContain(type);
    }
    // The web asset is the build's output: pages, bundles and the 404 page, no TypeScript source.
    const webAssets = readdirSync(outdir)
      .filter((name) => name.startsWith('asset.'))
      .map((name) => path.join(outdir, name))
      .filter((dir) => existsSync(path.join(dir, 'js', 'index.js')));
    expect(webAssets).toHaveLength(1);
    const [web] = webAssets;
    for (const file of ['index.html', '404.html', 'app.css', 'favicon.svg', 'js/model.js']) {
      expect(existsSync(path.join(web ?? '', file)), file).toBe(true);
    }
    expect(existsSync(path.join(web ?? '', 'pages'))).toBe(false);
  }, 300_000);
});
