// The runtime runs what deploys: every catalog function from the bundle the
// CDK app builds, so an error's name is the one Lambda would report from the
// minified code. The case that broke on AWS: a decision sent straight to the
// workflow's callback that the rules refuse must be caught by CheckReview
// (RuleViolationError) and send the workflow back to wait, not fail it.
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { GetExecutionHistoryCommand, SendTaskSuccessCommand, SFNClient } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functions } from '../../functions/catalog.ts';
import { localCredentials } from '../../infra/local/dynamodb.ts';
import { TABLE_NAME } from '../../infra/local/runtime.ts';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime.ts';
import { registrationBody } from '../support/models.ts';

const allMet = {
  registered: { met: true, note: 'Có đăng ký đúng hạn' },
  democraticVote: { met: true, note: 'Bỏ phiếu công khai' },
  meetsStandard: { met: true, note: 'Đúng tiêu chuẩn' },
  spread: { met: true, note: 'Lan tỏa trong toàn cơ quan' },
  cellRecognized: { met: true, note: 'Chi bộ công nhận khéo' },
};
const goodVote = { eligible: 9, present: 7, for: 6, against: 1, abstain: 0 };

describe('the functions run from the deployed bundles', () => {
  let rt: TestRuntime;
  let sfn: SFNClient;
  let modelId = '';

  beforeAll(async () => {
    rt = await startTestRuntime();
    sfn = new SFNClient({
      endpoint: rt.runtime.endpoints.stepfunctions,
      region: 'us-east-1',
      credentials: localCredentials,
    });
  });
  afterAll(async () => {
    sfn.destroy();
    await rt.close();
  });

  it('prepared a bundle for every catalog function, as the CDK app bundles them', () => {
    // Act
    const report = rt.runtime.bundles;
    // Assess
    expect(report).toBeDefined();
    expect([...(report?.built ?? []), ...(report?.reused ?? [])].sort()).toEqual(
      functions.map((spec) => spec.name).sort(),
    );
  });

  it('catches a refused decision in CheckReview by its name and waits again (https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html)', async () => {
    // Prepare: a collective model of Thanh tra, self-assessed, awaiting the committee
    const secretary = await rt.token('viet.lv');
    const created = await rt.api<{ id: string }>(secretary, 'POST', '/api/models', registrationBody());
    expect(created.status).toBe(201);
    modelId = created.body.id;
    await rt.clockTo('2017-06-01T09:00:00+07:00');
    const assessed = await rt.api(
      await rt.token('viet.lv'),
      'POST',
      `/api/models/${modelId}/self-assessment`,
      {
        results: 'Đạt các mục tiêu đã đăng ký.',
        evidence: ['Báo cáo số 12/BC-CB'],
        cellConfirmed: true,
        cellVote: { eligible: 6, present: 6, for: 6, against: 0, abstain: 0 },
      },
    );
    expect(assessed.status).toBe(200);
    await rt.clockTo('2017-06-01T09:00:05+07:00');
    const dynamo = new DynamoDBClient({
      endpoint: rt.runtime.endpoints.dynamodb,
      region: 'us-east-1',
      credentials: localCredentials,
    });
    const stored = await dynamo.send(
      new GetItemCommand({
        TableName: TABLE_NAME,
        Key: { pk: { S: `MODEL#${modelId}` }, sk: { S: 'META' } },
      }),
    );
    const token = stored.Item?.taskToken?.S ?? '';
    const executionArn = stored.Item?.executions?.L?.at(-1)?.S ?? '';
    dynamo.destroy();
    expect(stored.Item?.awaiting?.S).toBe('review');
    // Act: "recognized" with a principle not met, past the API, straight to the callback
    await sfn.send(
      new SendTaskSuccessCommand({
        taskToken: token,
        output: JSON.stringify({
          actor: 'p001',
          at: '2017-06-02T02:00:00.000Z',
          review: {
            principles: { ...allMet, spread: { met: false, note: 'Chưa lan tỏa' } },
            vote: goodVote,
            decision: 'recognized',
            reasons: 'Thử gửi thẳng vào quy trình',
            by: 'p001',
            at: '2017-06-02T02:00:00.000Z',
          },
        }),
      }),
    );
    await rt.clockTo('2017-06-02T09:00:00+07:00');
    // Assess: CheckReview failed with the literal name, ReviewRefused, and the workflow awaits a review again
    const history = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }));
    const events = history.events ?? [];
    const failed = events.find(
      (event) => event.type === 'LambdaFunctionFailed' || event.type === 'TaskFailed',
    );
    const error = failed?.lambdaFunctionFailedEventDetails?.error ?? failed?.taskFailedEventDetails?.error;
    expect(error).toBe('RuleViolationError');
    const entered = events
      .filter((event) => event.type?.endsWith('StateEntered'))
      .map((event) => event.stateEnteredEventDetails?.name);
    expect(entered).toContain('ReviewRefused');
    expect(entered.filter((name) => name === 'AwaitReview')).toHaveLength(2);
    const model = await rt.api<{ status: string }>(
      await rt.token('binh.tt'),
      'GET',
      `/api/models/${modelId}`,
    );
    expect(model.body.status).toBe('self_assessed');
  }, 90_000);

  it('takes a valid review through the API afterwards', async () => {
    // Act
    const reviewed = await rt.api<{ status: string }>(
      await rt.token('an.nv'),
      'POST',
      `/api/models/${modelId}/review`,
      { principles: allMet, vote: goodVote, decision: 'recognized', reasons: 'Đạt cả năm nguyên tắc.' },
    );
    await rt.clockTo('2017-06-02T09:05:00+07:00');
    // Assess
    expect(reviewed.status).toBe(200);
    const model = await rt.api<{ status: string }>(
      await rt.token('binh.tt'),
      'GET',
      `/api/models/${modelId}`,
    );
    expect(model.body.status).toBe('recognized');
  });
});
