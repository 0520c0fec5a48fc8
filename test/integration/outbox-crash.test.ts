// kill -9 between recording a mail and SES taking it: `npm start` in a child
// process records a receipt while SES refuses every send, is killed without
// any cleanup, and starts again on the same data folder. The delivery resumes
// from the engine's journal and the receipt arrives exactly once.
import { afterAll, describe, expect, it } from 'vitest';
import { httpClient } from '../../infra/local/campaign-player.ts';
import { registrationBody } from '../support/models.ts';
import { type RuntimeProcess, removeDataDir, startRuntimeProcess } from '../support/runtime-process.ts';

interface Delivered {
  readonly subject: string;
  readonly to: string[];
  readonly outboxId?: string;
}

describe('a crash between recording and sending a mail', () => {
  const started: RuntimeProcess[] = [];
  afterAll(async () => {
    for (const process of started) await process.stop().catch(() => undefined);
    if (started[0]) removeDataDir(started[0].dataDir);
  });

  it('ends with exactly one delivered receipt', async () => {
    // Prepare: SES refuses everything while the receipt is recorded
    const first = await startRuntimeProcess({ clockStart: '2016-10-03T08:00:00+07:00' });
    started.push(first);
    const before = httpClient(first.base);
    await before.api(undefined, 'POST', '/local/ses', { failing: true });
    const title = 'Mô hình ghi nhận trước khi hệ thống bị dừng đột ngột';
    const created = await before.api<{ id: string }>(
      await before.token('viet.lv'),
      'POST',
      '/api/models',
      registrationBody({ title }),
    );
    await before.clockTo('2016-10-03T08:03:00+07:00');
    const refused = (await before.api<{ refused: number }>(undefined, 'GET', '/local/ses')).body.refused;
    const outboxBefore = (await before.api<{ items: Delivered[] }>(undefined, 'GET', '/local/outbox')).body
      .items;
    // Act: kill -9, then start again on the same folder (SES now answers)
    await first.kill();
    const second = await startRuntimeProcess({ dataDir: first.dataDir });
    started.push(second);
    const after = httpClient(second.base);
    await after.clockTo('2016-10-03T11:00:00+07:00');
    const outbox = (await after.api<{ items: Delivered[] }>(undefined, 'GET', '/local/outbox')).body.items;
    // Assess
    expect(created.status).toBe(201);
    expect(refused).toBeGreaterThanOrEqual(1);
    expect(outboxBefore.filter((mail) => mail.subject.includes(title))).toEqual([]);
    const receipts = outbox.filter((mail) => mail.subject.includes(title));
    expect(receipts).toHaveLength(1);
    expect(receipts[0]?.outboxId).toMatch(/^[0-9a-f]{32}$/);
    expect(receipts[0]?.to).toEqual(['viet.lv@stp.example.vn']);
  }, 180_000);
});
