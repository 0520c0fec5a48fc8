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

describe('a port already in use', () => {
  it('stops start-up with a message naming the port', async () => {
    const { createServer } = await import('node:net');
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve()));
    const port = (blocker.address() as { port: number }).port;
    try {
      await expect(
        startTestRuntime({ ports: { web: port, dynamodb: 0, stepfunctions: 0, ses: 0 } }),
      ).rejects.toThrow(new RegExp(`Port ${port} for web/API is already in use`));
    } finally {
      blocker.close();
    }
  });
});
