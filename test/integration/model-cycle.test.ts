// the model's yearly cycle on the clock, for one cell, and the auditors' timeline.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  SendTaskSuccessCommand,
  SFNClient,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime.ts';
import { allMet, registrationBody } from '../support/models.ts';

type ErrorBody = { error: { code: string; message: string; fields: { path: string; message: string }[] } };
type ModelBody = { id: string; status: string; tier?: string; executions: string[] };
type Timeline = {
  items: { state: string; at: string; atText: string; actor: string; actorName: string; data?: unknown }[];
};
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

const goodVote = { eligible: 9, present: 7, for: 6, against: 1, abstain: 0 };
const cellVote = { eligible: 6, present: 6, for: 6, against: 0, abstain: 0 };

// Each step moves the clock over months of daily jobs: a loaded machine needs more than the default.
describe('the model cycle for one cell, 01/10/2016 → 31/12/2017', { timeout: 90_000 }, () => {
  let rt: TestRuntime;
  let sfn: SFNClient;
  let dynamo: DynamoDBClient;
  const ids: Record<string, string> = {};
  const as = (username: string) => rt.token(username);

  const register = async (username: string, overrides: Record<string, unknown>) => {
    const answer = await rt.api<ModelBody>(
      await as(username),
      'POST',
      '/api/models',
      registrationBody(overrides),
    );
    expect(answer.status).toBe(201);
    return answer.body.id;
  };
  const selfAssess = async (username: string, id: string, collective: boolean) =>
    rt.api<ModelBody & ErrorBody>(await as(username), 'POST', `/api/models/${id}/self-assessment`, {
      results: 'Đạt và vượt các mục tiêu đã đăng ký.',
      evidence: ['Báo cáo kết quả số 12/BC-CB', 'https://stp.example.vn/minh-chung/12'],
      cellConfirmed: true,
      ...(collective ? { cellVote } : {}),
    });
  const review = async (username: string, id: string, body: Record<string, unknown>) =>
    rt.api<ModelBody & ErrorBody>(await as(username), 'POST', `/api/models/${id}/review`, body);
  const read = async (id: string) =>
    (await rt.api<ModelBody>(await as('binh.tt'), 'GET', `/api/models/${id}`)).body;

  beforeAll(async () => {
    rt = await startTestRuntime({ clockStart: '2016-10-01T08:00:00+07:00' });
    const endpoints = (
      await rt.api<{ stepfunctions: string; dynamodb: string }>(undefined, 'GET', '/local/endpoints')
    ).body;
    sfn = new SFNClient({ endpoint: endpoints.stepfunctions, region: 'us-east-1', credentials });
    dynamo = new DynamoDBClient({ endpoint: endpoints.dynamodb, region: 'us-east-1', credentials });
  });
  afterAll(async () => {
    sfn.destroy();
    dynamo.destroy();
    await rt.close();
  });

  it('registers in October 2016', async () => {
    ids.late = await register('hoa.hv', { cellId: 'dau-gia-ts', title: 'Đấu giá công khai, minh bạch' });
    ids.collective = await register('viet.lv', {});
    ids.exemplary = await register('xuan.qt', {
      kind: 'individual',
      personId: 'p026',
      title: 'Tuyên truyền viên pháp luật khéo',
    });
    ids.missed = await register('yen.tv', {
      kind: 'individual',
      personId: 'p027',
      title: 'Hòa giải ở cơ sở',
    });
    ids.refused = await register('anh.nt', {
      kind: 'individual',
      personId: 'p028',
      title: 'Số hóa hồ sơ thanh tra',
    });
    ids.own = await register('hung.dq', {
      kind: 'individual',
      cellId: 'xd-kiem-tra-vb',
      personId: 'p007',
      title: 'Kiểm tra văn bản khéo',
    });
    await rt.clockTo('2016-10-01T08:00:01+07:00');
    for (const id of Object.values(ids)) expect((await read(id)).status).toBe('implementing');
  });

  it('takes the self-assessments in June 2017 and refuses a review before one', async () => {
    await rt.clockTo('2017-06-15T09:00:00+07:00');
    const early = await review('hung.dq', ids.missed as string, {
      principles: allMet,
      vote: goodVote,
      decision: 'recognized',
    });
    expect(early.status).toBe(409);

    expect((await selfAssess('viet.lv', ids.collective as string, true)).status).toBe(200);
    expect((await selfAssess('xuan.qt', ids.exemplary as string, false)).status).toBe(200);
    expect((await selfAssess('viet.lv', ids.refused as string, false)).status).toBe(200); // the secretary for a member
    expect((await selfAssess('hoa.hv', ids.late as string, true)).status).toBe(200);
    expect((await selfAssess('hung.dq', ids.own as string, false)).status).toBe(200);
    const again = await rt.api<ErrorBody>(
      await as('viet.lv'),
      'POST',
      `/api/models/${ids.collective}/self-assessment`,
      {
        results: 'Lần hai',
        evidence: [],
        cellConfirmed: true,
        cellVote,
      },
    );
    expect(again.status).toBe(409); // already self-assessed
    await rt.clockTo('2017-06-15T09:00:01+07:00');
    expect((await read(ids.collective as string)).status).toBe('self_assessed');
  });

  it('times the missed self-assessment out at 01/09/2017 00:00:00 and refuses it late (422)', async () => {
    await rt.clockTo('2017-08-31T23:59:59+07:00');
    expect((await read(ids.missed as string)).status).toBe('implementing');
    await rt.clockTo('2017-09-01T00:00:00+07:00');
    expect((await read(ids.missed as string)).status).toBe('missed_self_assessment');
    const late = await selfAssess('yen.tv', ids.missed as string, false);
    expect(late.status).toBe(422);
    const timeline = await rt.api<Timeline>(await as('danh.pv'), 'GET', `/api/models/${ids.missed}/history`);
    expect(timeline.body.items.at(-1)).toMatchObject({
      state: 'missed_self_assessment',
      atText: '01/09/2017 00:00:00',
      actor: 'system',
    });
  });

  it('reviews in September 2017 and refuses what the rules forbid', async () => {
    await rt.clockTo('2017-09-15T14:00:00+07:00');
    const contradicting = await review('hung.dq', ids.exemplary as string, {
      principles: { ...allMet, spread: { met: false, note: 'Chưa lan tỏa' } },
      vote: goodVote,
      decision: 'recognized',
    });
    expect(contradicting.status).toBe(422);
    expect(contradicting.body.error.fields.map((field) => field.path)).toContain('principles.spread');
    const noQuorum = await review('hung.dq', ids.exemplary as string, {
      principles: allMet,
      vote: { eligible: 9, present: 5, for: 5, against: 0, abstain: 0 },
      decision: 'recognized',
    });
    expect(noQuorum.status).toBe(422);
    const ownModel = await review('hung.dq', ids.own as string, {
      principles: allMet,
      vote: goodVote,
      decision: 'recognized',
    });
    expect(ownModel.status).toBe(403);
    const byMember = await review('xuan.qt', ids.collective as string, {
      principles: allMet,
      vote: goodVote,
      decision: 'recognized',
    });
    expect(byMember.status).toBe(403);

    expect(
      (
        await review('hung.dq', ids.collective as string, {
          principles: allMet,
          vote: goodVote,
          decision: 'recognized',
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await review('hung.dq', ids.exemplary as string, {
          principles: allMet,
          vote: goodVote,
          decision: 'recognized',
        })
      ).status,
    ).toBe(200);
    const notRecognized = await review('nam.lv', ids.refused as string, {
      principles: { ...allMet, spread: { met: false, note: 'Mới áp dụng trong một tổ' } },
      vote: { eligible: 9, present: 8, for: 2, against: 6, abstain: 0 },
      decision: 'not_recognized',
      reasons: 'Mô hình chưa lan tỏa ra toàn cơ quan.',
    });
    expect(notRecognized.status).toBe(200);
    const second = await review('nam.lv', ids.collective as string, {
      principles: allMet,
      vote: goodVote,
      decision: 'recognized',
    });
    expect(second.status).toBe(409);
    await rt.clockTo('2017-09-15T14:00:01+07:00');
    expect((await read(ids.collective as string)).status).toBe('recognized');
    expect((await read(ids.refused as string)).status).toBe('not_recognized');
  });

  it('marks the recognized individual exemplary, then proposes it for commendation', async () => {
    const early = await rt.api<ErrorBody>(await as('binh.tt'), 'POST', `/api/models/${ids.exemplary}/tier`, {
      tier: 'commended',
    });
    expect(early.status).toBe(409);
    const exemplary = await rt.api<ModelBody>(
      await as('hung.dq'),
      'POST',
      `/api/models/${ids.exemplary}/tier`,
      { tier: 'exemplary' },
    );
    expect(exemplary.body.tier).toBe('exemplary');
    const commended = await rt.api<ModelBody>(
      await as('binh.tt'),
      'POST',
      `/api/models/${ids.exemplary}/tier`,
      {
        tier: 'commended',
        level: 'higher',
        note: 'Đề nghị Đảng ủy Khối biểu dương',
      },
    );
    expect(commended.body.tier).toBe('commended');
    expect(commended.body.status).toBe('recognized');
  });

  it('decides a review on 30/12/2017 for a model registered 01/10/2016, within the one-year cap, as one timeline', async () => {
    await rt.clockTo('2017-12-30T10:00:00+07:00');
    const pending = await dynamo.send(
      new GetItemCommand({
        TableName: 'dan-van-kheo',
        Key: { pk: { S: `MODEL#${ids.late}` }, sk: { S: 'META' } },
      }),
    );
    const reviewToken = pending.Item?.taskToken?.S as string;
    expect(reviewToken).toBeTruthy();
    const decided = await review('nam.lv', ids.late as string, {
      principles: allMet,
      vote: goodVote,
      decision: 'recognized',
    });
    expect(decided.status).toBe(200);
    await rt.clockTo('2017-12-30T10:00:01+07:00');
    const model = await read(ids.late as string);
    expect(model.status).toBe('recognized');
    expect(model.executions).toHaveLength(2);
    for (const executionArn of model.executions) {
      const execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
      expect(execution.status).toBe('SUCCEEDED');
      const lifetime = (execution.stopDate?.getTime() ?? 0) - (execution.startDate?.getTime() ?? 0);
      expect(lifetime).toBeLessThan(365 * 24 * 3600 * 1000);
    }
    const timeline = await rt.api<Timeline>(await as('danh.pv'), 'GET', `/api/models/${ids.late}/history`);
    expect(timeline.body.items.map((item) => item.state)).toEqual([
      'registered',
      'implementing',
      'awaiting_self_assessment',
      'self_assessed',
      'awaiting_review',
      'reviewed',
      'recognized',
    ]);
    expect(timeline.body.items[0]?.atText).toBe('01/10/2016 08:00:00');
    expect(timeline.body.items.at(-1)?.atText).toBe('30/12/2017 10:00:00');

    // The used token is stale: it changes nothing and says why.
    const stale = await sfn
      .send(new SendTaskSuccessCommand({ taskToken: reviewToken, output: '{}' }))
      .catch((error: Error) => error);
    expect(['TaskTimedOut', 'TaskDoesNotExist', 'InvalidToken']).toContain((stale as Error).name);
    const forged = await sfn
      .send(new SendTaskSuccessCommand({ taskToken: 'forged-token', output: '{}' }))
      .catch((error: Error) => error);
    expect((forged as Error).name).toBe('InvalidToken');
    expect((await read(ids.late as string)).status).toBe('recognized');
  });

  it("reads the cell's 2016 compliance right", async () => {
    await rt.clockTo('2017-12-31T08:00:00+07:00');
    const compliance = await rt.api<Record<string, unknown>>(
      await as('viet.lv'),
      'GET',
      '/api/cells/thanh-tra/compliance?campaignId=dvk-2016-2020&year=2016',
    );
    expect(compliance.body).toMatchObject({
      collectiveRegistered: 1,
      individualRegistered: 3,
      collectiveRecognized: 1,
      individualRecognized: 1,
      compliant: true,
    });
  });

  it('lets an inspector read every step with actor and time, the same as GetExecutionHistory, from the archive once closed', async () => {
    const inspector = await as('danh.pv');
    for (const id of [ids.collective, ids.exemplary, ids.missed, ids.refused] as string[]) {
      const timeline = await rt.api<Timeline>(inspector, 'GET', `/api/models/${id}/history`);
      expect(timeline.status).toBe(200);
      for (const item of timeline.body.items) {
        expect(item.actorName).toBeTruthy();
        expect(item.atText).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}$/);
      }
      const model = await read(id);
      for (const executionArn of model.executions) {
        const history = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
        expect(history.events?.[0]?.type).toBe('ExecutionStarted');
        expect(
          existsSync(
            join(
              rt.dataDir,
              'archive',
              'executions',
              'model-cycle',
              `${executionArn.split(':').at(-1)}.json`,
            ),
          ),
        ).toBe(true);
      }
    }
    const exemplary = await rt.api<Timeline>(inspector, 'GET', `/api/models/${ids.exemplary}/history`);
    expect(exemplary.body.items.map((item) => item.state)).toEqual([
      'registered',
      'implementing',
      'awaiting_self_assessment',
      'self_assessed',
      'awaiting_review',
      'reviewed',
      'recognized',
      'exemplary',
      'commended',
    ]);
    expect(exemplary.body.items.find((item) => item.state === 'reviewed')?.actorName).toBe('Đặng Quốc Hùng');
    const refused = await rt.api<Timeline>(inspector, 'GET', `/api/models/${ids.refused}/history`);
    expect(refused.body.items.find((item) => item.state === 'self_assessed')?.actorName).toBe('Lâm Văn Việt');
  });

  it('mailed the people concerned at every step, one message to each person', async () => {
    const outbox = await rt.outbox();
    expect(outbox.every((mail) => mail.to.length === 1)).toBe(true);
    // Each model's message of a step goes to each of its people once: one subject per model and step.
    const subjects = [...new Set(outbox.map((mail) => mail.subject))];
    const count = (prefix: string) => subjects.filter((subject) => subject.startsWith(prefix)).length;
    expect(count('Xác nhận đăng ký mô hình')).toBe(6);
    expect(count('Đã nhận báo cáo tự đánh giá')).toBe(5);
    expect(count('Quá hạn tự đánh giá')).toBe(1);
    expect(count('Mô hình được công nhận')).toBe(3);
    expect(count('Kết quả xét công nhận')).toBe(1);
    expect(subjects.filter((subject) => subject.includes('Tiêu biểu'))).toHaveLength(1);
    expect(subjects.filter((subject) => subject.includes('khen thưởng'))).toHaveLength(1);
  });
});
