// `npm start`: the whole system on this computer.
import { resolve } from 'node:path';
import { formatDateTime } from '../../shared/domain/calendar.ts';
import { ensureWebBuilt, watchWeb } from '../web-build.ts';
import { DataFolderInUseError } from './data-lock.ts';
import { PortInUseError } from './listen.ts';
import { startRuntime } from './runtime.ts';

function portFrom(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`${name}=${raw} is not a port number (0–65535).`);
    process.exit(2);
  }
  return port;
}

// The seed campaign is 2016–2020: a new data folder starts on its first
// registration day so the demo can be used at once; /local/clock moves it.
const DEFAULT_CLOCK_START = '2016-10-03T08:00:00+07:00';

async function main(): Promise<void> {
  const rootDir = resolve(import.meta.dirname, '..', '..');
  const clockStart = Date.parse(process.env.CLOCK_START ?? DEFAULT_CLOCK_START);
  if (Number.isNaN(clockStart)) {
    console.error(`CLOCK_START=${process.env.CLOCK_START} is not an ISO-8601 instant.`);
    process.exit(2);
  }
  const lambdaCode = process.env.LAMBDA_CODE ?? 'bundles';
  if (lambdaCode !== 'bundles' && lambdaCode !== 'sources') {
    console.error(
      `LAMBDA_CODE=${lambdaCode}: use "bundles" (the default, what deploys) or "sources" (debugging).`,
    );
    process.exit(2);
  }
  // The pages are served from their build: made now if older than their sources, then kept fresh.
  ensureWebBuilt();
  const stopWatching =
    process.env.WEB_WATCH === '0'
      ? () => undefined
      : watchWeb((error) =>
          console.log(
            error ? `Dựng trang web lỗi / web build failed: ${error.message}` : 'Đã dựng lại các trang web.',
          ),
        );
  const runtime = await startRuntime({
    rootDir,
    dataDir: resolve(process.env.DATA_DIR ?? '.data'),
    port: portFrom('PORT', 3000),
    dynamodbPort: portFrom('DYNAMODB_PORT', 0),
    stepFunctionsPort: portFrom('STEPFUNCTIONS_PORT', 0),
    sesPort: portFrom('SES_PORT', 0),
    s3Port: portFrom('S3_PORT', 0),
    cognitoPort: portFrom('COGNITO_PORT', 0),
    clockStart,
    clockRunning: process.env.CLOCK_MODE !== 'frozen',
    lambdaCode,
    watchSources: true,
  });
  const { web, dynamodb, stepfunctions, ses, cognito } = runtime.endpoints;
  const now = formatDateTime(new Date(runtime.clock.now()));
  const report = runtime.bundles;
  const code = report
    ? `${report.built.length + report.reused.length} bundles as deployed (${report.built.length} rebuilt in ${(report.milliseconds / 1000).toFixed(1)} s)`
    : 'TypeScript sources (LAMBDA_CODE=sources: debugging only, not what deploys)';
  console.log(
    [
      '',
      'Dân vận khéo — chạy trên máy này (embedded local mode)',
      '',
      `  Trang web / web pages:      ${web}/`,
      `  API:                        ${web}/api/...`,
      `  Hộp thư / outbox:           ${web}/outbox.html`,
      `  Đồng hồ / clock:            ${web}/local/clock   (now ${now}, Asia/Ho_Chi_Minh)`,
      `  DynamoDB endpoint:          ${dynamodb}`,
      `  Step Functions endpoint:    ${stepfunctions}`,
      `  SES endpoint:               ${ses}`,
      `  Cognito endpoint:           ${cognito}`,
      `  Functions:                  ${code}`,
      `  Data folder:                ${resolve(process.env.DATA_DIR ?? '.data')}${runtime.seeded ? ' (new; demo organization seeded)' : ''}`,
      '',
      'Ctrl-C để dừng / to stop.',
      '',
    ].join('\n'),
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) process.exit(130);
    stopping = true;
    console.log(`\n${signal}: đang dừng / stopping…`);
    stopWatching();
    runtime.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof PortInUseError || error instanceof DataFolderInUseError) console.error(error.message);
  else console.error(error);
  process.exit(1);
});
