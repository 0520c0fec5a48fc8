// Write routes answer 429 in Vietnamese past the catalog's burst, per person,
// as API Gateway's route throttling does on AWS; reads and other people go on.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WRITE_THROTTLE } from '../../functions/catalog.ts';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime.ts';

type ErrorBody = { error?: { code: string; message: string } };

describe('per-person throttling of write routes', () => {
  let rt: TestRuntime;

  beforeAll(async () => {
    rt = await startTestRuntime({ clockStart: '2016-10-03T08:00:00+07:00' });
  });
  afterAll(async () => {
    await rt.close();
  });

  it('answers 429 in Vietnamese past the burst, and only to that person', async () => {
    // Prepare
    const token = await rt.token('dung.pt');
    const other = await rt.token('duc.hm');
    const attempts = WRITE_THROTTLE.burstLimit * 2;
    // The bucket refills at rateLimit per second on the wall clock; the runtime shares this process,
    // so the storm is held to one instant, as if it all arrived at once however slow the machine.
    const instant = vi.spyOn(Date, 'now').mockReturnValue(Date.now());

    // Act: all at once, a double-click storm on a cheap refused write.
    const answers = await Promise.all(
      Array.from({ length: attempts }, () =>
        rt.api<ErrorBody>(token, 'POST', '/api/models/khong-co/withdraw', { reason: '' }),
      ),
    ).finally(() => instant.mockRestore());
    const read = await rt.api(token, 'GET', '/api/campaigns');
    const otherWrite = await rt.api(other, 'POST', '/api/models/khong-co/withdraw', { reason: '' });

    // Assess
    const throttled = answers.filter((answer) => answer.status === 429);
    expect(throttled.length).toBeGreaterThan(0);
    expect(answers.filter((answer) => answer.status !== 429).length).toBe(WRITE_THROTTLE.burstLimit);
    expect(throttled[0]?.body.error?.message).toContain('quá nhiều yêu cầu');
    expect(read.status).toBe(200);
    expect(otherWrite.status).not.toBe(429);
  }, 180_000);
});
