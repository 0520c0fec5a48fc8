// Write routes answer 429 in Vietnamese past the catalog's burst, per person,
// as API Gateway's route throttling does on AWS; reads and other people go on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    // The bucket refills at rateLimit per second while the storm arrives: five bursts' worth stays
    // past the burst even when a loaded machine takes seconds to deliver them.
    const attempts = WRITE_THROTTLE.burstLimit * 5;

    // Act: all at once, a double-click storm on a cheap refused write.
    const answers = await Promise.all(
      Array.from({ length: attempts }, () =>
        rt.api<ErrorBody>(token, 'POST', '/api/models/khong-co/withdraw', { reason: '' }),
      ),
    );
    const read = await rt.api(token, 'GET', '/api/campaigns');
    const otherWrite = await rt.api(other, 'POST', '/api/models/khong-co/withdraw', { reason: '' });

    // Assess
    const throttled = answers.filter((answer) => answer.status === 429);
    expect(throttled.length).toBeGreaterThan(0);
    expect(answers.filter((answer) => answer.status !== 429).length).toBeGreaterThanOrEqual(
      WRITE_THROTTLE.burstLimit,
    );
    expect(throttled[0]?.body.error?.message).toContain('quá nhiều yêu cầu');
    expect(read.status).toBe(200);
    expect(otherWrite.status).not.toBe(429);
  }, 180_000);
});
