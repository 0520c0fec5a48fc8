import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { describe, expect, it } from 'vitest';
import { portsOf, startTestRuntime, type TestRuntime } from '../support/local-runtime.ts';

// Its own file: the functions run in the test's process and build their SDK
// clients once per process, for the first runtime's endpoints; the restart
// reuses that runtime's ports, as npm start does.
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const stateMachineArn = 'arn:aws:states:us-east-1:000000000000:stateMachine:periodic-review';

async function executionNames(rt: TestRuntime): Promise<string[]> {
  const endpoints = await rt.api<{ stepfunctions: string }>(undefined, 'GET', '/local/endpoints');
  const sfn = new SFNClient({ endpoint: endpoints.body.stepfunctions, region: 'us-east-1', credentials });
  try {
    const listed = await sfn.send(new ListExecutionsCommand({ stateMachineArn }));
    return (listed.executions ?? []).map((execution) => execution.name ?? '').sort();
  } finally {
    sfn.destroy();
  }
}

describe('the daily periodic review across a crash', () => {
  it('starts one execution per day, named after it, even when the occurrence is delivered again', async () => {
    // Prepare: two days fire; then the runtime dies as if killed between
    // starting 05/10's review and recording that it did (the scheduler's file
    // still says 04/10 was the last).
    const first = await startTestRuntime({ clockStart: '2016-10-03T08:00:00+07:00' });
    await first.clockTo('2016-10-05T00:00:01+07:00');
    const before = await executionNames(first);
    const ports = portsOf(first.runtime);
    await first.close(true);
    const stateFile = join(first.dataDir, 'scheduler.json');
    const saved = JSON.parse(readFileSync(stateFile, 'utf8')) as { lastFired: Record<string, number> };
    saved.lastFired['daily-periodic-review'] = Date.parse('2016-10-04T17:00:00Z') - 1;
    writeFileSync(stateFile, JSON.stringify(saved));

    // Act
    const second = await startTestRuntime({ dataDir: first.dataDir, ports });
    try {
      await second.clockTo('2016-10-05T00:00:02+07:00');
      const fired = await second.api<{
        items: { schedule: string; scheduledTime: string; error?: string }[];
      }>(undefined, 'GET', '/local/scheduler');
      const after = await executionNames(second);

      // Assess
      expect(before).toEqual(['daily-review-2016-10-04', 'daily-review-2016-10-05']);
      expect(fired.body.items).toContainEqual({
        schedule: 'daily-periodic-review',
        scheduledTime: '2016-10-04T17:00:00Z',
      });
      expect(after).toEqual(before);
    } finally {
      await second.close();
    }
  });
});
