import { describe, expect, it } from 'vitest';
import { portsOf, startTestRuntime } from '../support/local-runtime.ts';

// Its own file: the functions run in the test's process and, as on Lambda,
// build their SDK clients once per process — for the endpoints of the first
// runtime they meet. The restart reuses that runtime's ports, as npm start does.
describe('restarting the runtime', () => {
  it('keeps the data, the clock and the signing key', async () => {
    const first = await startTestRuntime();
    const token = await first.token('an.nv');
    await first.clockTo('2016-10-03T08:30:00+07:00');
    const body = {
      campaignId: 'dvk-2016-2020',
      year: 2016,
      kind: 'collective',
      cellId: 'van-phong',
      title: 'Mô hình giữ lại sau khi khởi động lại',
      area: 1,
      situation: 'a',
      goals: 'b',
      methods: 'c',
      scope: 'd',
      forces: 'e',
      resources: 'f',
      expectedResults: 'g',
      sustainability: 'h',
    };
    const created = await first.api<{ id: string }>(token, 'POST', '/api/models', body);
    expect(created.status).toBe(201);
    const ports = portsOf(first.runtime);
    await first.close(true);

    const second = await startTestRuntime({ dataDir: first.dataDir, ports });
    try {
      expect((await second.api<{ now: string }>(undefined, 'GET', '/local/clock')).body.now).toBe(
        '2016-10-03T01:30:00.000Z',
      );
      const read = await second.api<{ id: string; title: string }>(
        token,
        'GET',
        `/api/models/${created.body.id}`,
      );
      expect(read.status).toBe(200);
      expect(read.body.title).toBe(body.title);
    } finally {
      await second.close();
    }
  });
});
