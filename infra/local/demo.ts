// `npm run demo`: plays the whole seed campaign (10/2016 → 10/2020) on the embedded runtime, in a
// fresh data folder (dan-van-kheo-demo under the system's temp folder, or DEMO_DATA_DIR), then prints where to look and keeps serving
// until Ctrl-C (DEMO_EXIT=1 stops at once, for scripts).
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { cellRepository } from '../../shared/data/cells.ts';
import { personRepository } from '../../shared/data/people.ts';
import { ensureWebBuilt } from '../web-build.ts';
import { httpClient, playCampaign, SEED_CAMPAIGN_ID } from './campaign-player.ts';
import { startRuntime } from './runtime.ts';

async function main(): Promise<void> {
  const started = Date.now();
  const rootDir = resolve(import.meta.dirname, '..', '..');
  const dataDir = resolve(process.env.DEMO_DATA_DIR ?? join(tmpdir(), 'dan-van-kheo-demo'));
  rmSync(dataDir, { recursive: true, force: true });
  ensureWebBuilt();
  const port = Number(process.env.PORT ?? 3000);
  const runtime = await startRuntime({
    rootDir,
    dataDir,
    port: Number.isInteger(port) ? port : 3000,
    // The eve of the first registration day, so that day's window-opening notice fires too.
    clockStart: Date.parse('2016-09-30T12:00:00+07:00'),
    clockRunning: false,
  });
  const web = runtime.endpoints.web;
  console.log(`Dân vận khéo — chạy thử phong trào 2016–2020 trên ${web} (dữ liệu: ${dataDir})`);
  const cells = await cellRepository.list();
  const people = (await Promise.all(cells.map((cell) => personRepository.listByCell(cell.id)))).flat();
  const played = await playCampaign(httpClient(web), cells, people, { log: (line) => console.log(line) });
  const outbox = (await (await fetch(`${web}/local/outbox`)).json()) as { items: unknown[] };
  const commended = played.find((model) => model.tier === 'commended') ?? played[0];
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    [
      '',
      `Xong trong ${seconds} giây: ${played.length} mô hình, ${outbox.items.length} email.`,
      '',
      'Xem ở đâu / where to look (đăng nhập bằng binh.tt — Văn phòng Đảng ủy):',
      `  Bảng theo dõi / dashboard:  ${web}/dashboard.html?campaignId=${SEED_CAMPAIGN_ID}`,
      `  Báo cáo / reports:          ${web}/reports.html?kind=phase&campaignId=${SEED_CAMPAIGN_ID}&phaseId=dot-2`,
      `  Hộp thư / outbox:           ${web}/outbox.html`,
      `  Dòng thời gian / timeline:  ${web}/timeline.html?id=${commended?.id ?? ''}`,
      `  Nhật ký công việc định kỳ:  ${web}/local/scheduler`,
      '',
      process.env.DEMO_EXIT === '1' ? '' : 'Ctrl-C để dừng / to stop.',
    ].join('\n'),
  );
  const stop = () => {
    runtime.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  if (process.env.DEMO_EXIT === '1') stop();
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
