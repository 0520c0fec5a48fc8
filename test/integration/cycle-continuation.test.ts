// A review the calendar allows more than a year after the self-assessment:
// the wait continues as a new execution before Step Functions' one-year cap,
// the review is accepted and the model keeps one timeline.
import { DescribeExecutionCommand, ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCampaign } from '../../infra/local/seed.ts';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime.ts';
import { allMet, registrationBody } from '../support/models.ts';

type ModelBody = { id: string; status: string; executions: string[] };
type Timeline = { items: { state: string; atText: string; actorName: string }[] };
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const YEAR_MS = 365 * 24 * 3600 * 1000;

describe('registered 02/10/2016, self-assessed 15/11/2016, reviewed 01/12/2017', () => {
  let rt: TestRuntime;
  let sfn: SFNClient;
  let modelId = '';
  const read = async () =>
    (await rt.api<ModelBody>(await rt.token('binh.tt'), 'GET', `/api/models/${modelId}`)).body;

  beforeAll(async () => {
    rt = await startTestRuntime({ clockStart: '2016-09-15T08:00:00+07:00' });
    const endpoints = (await rt.api<{ stepfunctions: string }>(undefined, 'GET', '/local/endpoints')).body;
    sfn = new SFNClient({ endpoint: endpoints.stepfunctions, region: 'us-east-1', credentials });
  });
  afterAll(async () => {
    sfn.destroy();
    await rt.close();
  });

  it('accepts the review, recognizes the model, times no execution out and keeps one timeline', async () => {
    // Prepare
    await rt.clockTo('2016-10-02T09:00:00+07:00');
    const registered = await rt.api<ModelBody>(
      await rt.token('viet.lv'),
      'POST',
      '/api/models',
      registrationBody({}),
    );
    expect(registered.status).toBe(201);
    modelId = registered.body.id;
    await rt.clockTo('2016-11-15T09:00:00+07:00');
    const assessed = await rt.api(
      await rt.token('viet.lv'),
      'POST',
      `/api/models/${modelId}/self-assessment`,
      {
        results: 'Đạt và vượt các mục tiêu đã đăng ký.',
        evidence: ['Báo cáo kết quả số 12/BC-CB'],
        cellConfirmed: true,
        cellVote: { eligible: 6, present: 6, for: 6, against: 0, abstain: 0 },
      },
    );
    expect(assessed.status).toBe(200);
    await rt.clockTo('2017-11-20T09:00:00+07:00');
    expect((await read()).status).toBe('self_assessed');
    // A calendar edit that would move the open model's review deadline is refused, with the reason.
    const { id: campaignId, ...configuration } = { ...seedCampaign(), status: 'active' as const };
    const office = await rt.token('binh.tt');
    const moved = { ...configuration, calendar: { ...configuration.calendar, reviewDeadline: '12-15' } };
    const refusedEdit = await rt.api<{
      error: { message: string; fields: { path: string; message: string }[] };
    }>(office, 'PUT', `/api/campaigns/${campaignId}`, moved);
    expect(refusedEdit.status).toBe(422);
    expect(refusedEdit.body.error.fields[0]?.path).toBe('calendar.reviewDeadline');
    expect(refusedEdit.body.error.fields[0]?.message).toContain('1 mô hình năm 2016');

    // Act: a committee member of another cell decides.
    await rt.clockTo('2017-12-01T09:00:00+07:00');
    const reviewed = await rt.api(await rt.token('hung.dq'), 'POST', `/api/models/${modelId}/review`, {
      principles: allMet,
      vote: { eligible: 9, present: 7, for: 6, against: 1, abstain: 0 },
      decision: 'recognized',
    });
    await rt.clockTo('2017-12-01T09:00:01+07:00');

    // Assess
    expect(reviewed.status).toBe(200);
    const model = await read();
    expect(model.status).toBe('recognized');
    expect(model.executions).toHaveLength(3);
    for (const executionArn of model.executions) {
      const execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
      expect(execution.status).toBe('SUCCEEDED');
      expect((execution.stopDate?.getTime() ?? 0) - (execution.startDate?.getTime() ?? 0)).toBeLessThan(
        YEAR_MS,
      );
    }
    const stateMachineArn = model.executions[0]
      ?.replace(':execution:', ':stateMachine:')
      .replace(/:[^:]+$/, '');
    const timedOut = await sfn.send(
      new ListExecutionsCommand({ stateMachineArn, statusFilter: 'TIMED_OUT' }),
    );
    expect(timedOut.executions ?? []).toEqual([]);
    const timeline = await rt.api<Timeline>(
      await rt.token('danh.pv'),
      'GET',
      `/api/models/${modelId}/history`,
    );
    expect(timeline.body.items.map((item) => item.state)).toEqual([
      'registered',
      'implementing',
      'awaiting_self_assessment',
      'self_assessed',
      'awaiting_review',
      'continued',
      'reviewed',
      'recognized',
    ]);
    expect(timeline.body.items.find((item) => item.state === 'continued')?.atText).toBe(
      '10/11/2017 09:00:00',
    );
    expect(timeline.body.items.at(-1)?.atText).toBe('01/12/2017 09:00:00');
    // Once no model is open, the same edit is accepted.
    const acceptedEdit = await rt.api(
      await rt.token('binh.tt'),
      'PUT',
      `/api/campaigns/${campaignId}`,
      moved,
    );
    expect(acceptedEdit.status).toBe(200);
  }, 300_000);
});
