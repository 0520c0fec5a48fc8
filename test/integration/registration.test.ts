// registration from the API to the record, the workflow and the emails.

import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { DescribeExecutionCommand, GetExecutionHistoryCommand, SFNClient } from '@aws-sdk/client-sfn';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerModelBody } from '../../shared/http/schemas.ts';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime.ts';
import { registrationBody } from '../support/models.ts';

type ErrorBody = { error: { code: string; message: string; fields: { path: string; message: string }[] } };
type ModelBody = { id: string; status: string; executions: string[]; title: string; kind: string };
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

describe('registration', () => {
  let rt: TestRuntime;
  let dynamo: DynamoDBClient;
  let sfn: SFNClient;
  const secretary = 'viet.lv'; // secretary of thanh-tra
  const member = 'xuan.qt'; // member of thanh-tra

  const countModels = async () => {
    const scan = await dynamo.send(
      new ScanCommand({
        TableName: 'dan-van-kheo',
        FilterExpression: 'entity = :model',
        ExpressionAttributeValues: { ':model': { S: 'model' } },
        Select: 'COUNT',
      }),
    );
    return scan.Count ?? 0;
  };

  beforeAll(async () => {
    rt = await startTestRuntime({ clockStart: '2016-09-30T23:59:59+07:00' });
    const endpoints = (
      await rt.api<{ dynamodb: string; stepfunctions: string }>(undefined, 'GET', '/local/endpoints')
    ).body;
    dynamo = new DynamoDBClient({ endpoint: endpoints.dynamodb, region: 'us-east-1', credentials });
    sfn = new SFNClient({ endpoint: endpoints.stepfunctions, region: 'us-east-1', credentials });
  });
  afterAll(async () => {
    dynamo.destroy();
    sfn.destroy();
    await rt.close();
  });

  it('refuses on 30/09 23:59:59 (422), naming the window', async () => {
    const answer = await rt.api<ErrorBody>(
      await rt.token(secretary),
      'POST',
      '/api/models',
      registrationBody(),
    );
    expect(answer.status).toBe(422);
    expect(answer.body.error.fields[0]?.path).toBe('registrationWindow');
    expect(answer.body.error.message).toContain('01/10/2016');
    expect(await countModels()).toBe(0);
  });

  it('accepts on 01/10 00:00:00, starts the workflow and mails the receipt', async () => {
    await rt.clockTo('2016-10-01T00:00:00+07:00');
    const answer = await rt.api<ModelBody>(
      await rt.token(secretary),
      'POST',
      '/api/models',
      registrationBody(),
    );
    expect(answer.status).toBe(201);
    expect(answer.body.status).toBe('registered');
    await rt.clockTo('2016-10-01T00:00:01+07:00');
    const read = await rt.api<ModelBody>(await rt.token(secretary), 'GET', `/api/models/${answer.body.id}`);
    expect(read.body.status).toBe('implementing');
    const [executionArn] = read.body.executions;
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(described.status).toBe('RUNNING');
    expect(described.name).toBe(answer.body.id);
    const history = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
    const entered = history.events
      ?.filter((event) => event.type?.endsWith('StateEntered'))
      .map((event) => event.stateEnteredEventDetails?.name);
    expect(entered).toEqual(['Start', 'Stage', 'Registered', 'Implementing', 'AwaitSelfAssessment']);
    // The daily periodic review also sent the window-opening notices at 00:00:00.
    const mails = (await rt.outbox()).filter((mail) => mail.subject.startsWith('Xác nhận đăng ký'));
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toBe(
      'Xác nhận đăng ký mô hình “Dân vận khéo”: Tiếp công dân khéo, giải quyết khiếu nại tận gốc',
    );
    expect(mails[0]?.to).toEqual(['viet.lv@stp.example.vn']);
  });

  it('accepts on 10/10 23:59:59 and refuses on 11/10 00:00:00 unless an extension covers it', async () => {
    await rt.clockTo('2016-10-10T23:59:59+07:00');
    const token = await rt.token(member);
    const body = registrationBody({
      kind: 'individual',
      personId: 'p026',
      title: 'Cá nhân tuyên truyền pháp luật khéo',
    });
    const last = await rt.api<ModelBody>(token, 'POST', '/api/models', body);
    expect(last.status).toBe(201);

    await rt.clockTo('2016-10-11T00:00:00+07:00');
    const late = registrationBody({ kind: 'individual', personId: 'p027', title: 'Hòa giải viên khéo' });
    const lateToken = await rt.token('yen.tv');
    const refused = await rt.api<ErrorBody>(lateToken, 'POST', '/api/models', late);
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toContain('10/10/2016');

    const office = await rt.token('binh.tt');
    const granted = await rt.api(office, 'POST', '/api/extensions', {
      campaignId: 'dvk-2016-2020',
      year: 2016,
      cellId: 'thanh-tra',
      closesBefore: '2016-10-16T00:00:00+07:00',
      reason: 'Chi bộ đang đi kiểm tra tại cơ sở đến hết 15/10',
    });
    expect(granted.status).toBe(201);
    const extended = await rt.api<ModelBody>(lateToken, 'POST', '/api/models', late);
    expect(extended.status).toBe(201);

    const otherCell = await rt.api<ErrorBody>(
      await rt.token('hoa.hv'),
      'POST',
      '/api/models',
      registrationBody({ cellId: 'dau-gia-ts', title: 'Đấu giá minh bạch' }),
    );
    expect(otherCell.status).toBe(422);
  });

  it('refuses what the rules forbid, naming the field and the rule', async () => {
    await rt.clockTo('2016-10-15T12:00:00+07:00'); // inside thanh-tra's extension
    const memberToken = await rt.token(member);
    const secretaryToken = await rt.token(secretary);
    const cases: { token: string; body: Record<string, unknown>; status: number; path: string }[] = [
      {
        token: memberToken,
        body: registrationBody({ title: 'Tập thể do đảng viên đăng ký' }),
        status: 403,
        path: 'kind',
      },
      {
        token: memberToken,
        body: registrationBody({ kind: 'individual', personId: 'p027', title: 'Đăng ký hộ người khác' }),
        status: 403,
        path: 'personId',
      },
      {
        token: secretaryToken,
        body: registrationBody({ cellId: 'van-phong', title: 'Cho chi bộ khác' }),
        status: 403,
        path: 'cellId',
      },
      {
        token: secretaryToken,
        body: registrationBody({ kind: 'individual', personId: 'p001', title: 'Người của chi bộ khác' }),
        status: 422,
        path: 'personId',
      },
      {
        token: secretaryToken,
        body: registrationBody({ kind: 'individual', personId: 'p026', title: 'Mô hình cá nhân thứ hai' }),
        status: 409,
        path: 'personId',
      },
      {
        token: secretaryToken,
        body: registrationBody({ year: 2020, title: 'Năm không đăng ký' }),
        status: 422,
        path: 'year',
      },
      {
        token: secretaryToken,
        body: registrationBody({ kind: 'individual', title: 'Thiếu người' }),
        status: 400,
        path: 'personId',
      },
      {
        token: secretaryToken,
        body: registrationBody({ personId: 'p026', title: 'Tập thể có tên người' }),
        status: 400,
        path: 'personId',
      },
    ];
    const before = await countModels();
    for (const { token, body, status, path } of cases) {
      const answer = await rt.api<ErrorBody>(token, 'POST', '/api/models', body);
      expect({ title: body.title, status: answer.status }).toEqual({ title: body.title, status });
      expect(answer.body.error.fields.map((field) => field.path)).toContain(path);
      expect(answer.body.error.message).toMatch(/[àáảãạăâđêôơưệịọụ]/);
    }
    const unknownCampaign = await rt.api<ErrorBody>(
      secretaryToken,
      'POST',
      '/api/models',
      registrationBody({ campaignId: 'khong-co' }),
    );
    expect(unknownCampaign.status).toBe(404);
    expect(await countModels()).toBe(before);
  });

  it('lets several collective models per cell, and a second individual after the first is withdrawn', async () => {
    const token = await rt.token(secretary);
    const second = await rt.api<ModelBody>(
      token,
      'POST',
      '/api/models',
      registrationBody({ title: 'Mô hình tập thể thứ hai' }),
    );
    expect(second.status).toBe(201);
    const list = await rt.api<{ items: ModelBody[] }>(
      token,
      'GET',
      '/api/models?campaignId=dvk-2016-2020&year=2016&cellId=thanh-tra',
    );
    expect(list.body.items.filter((model) => model.kind === 'collective')).toHaveLength(2);
  });

  it('answers 20 concurrent identical submissions with one model', async () => {
    const token = await rt.token(secretary);
    const before = await countModels();
    const body = registrationBody({ title: 'Gửi trùng hai mươi lần' });
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        rt.api<ModelBody>(token, 'POST', '/api/models', body, { 'idempotency-key': 'draft-0001' }),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(201));
    expect(new Set(answers.map((answer) => answer.body.id)).size).toBe(1);
    const withoutKey = await Promise.all(
      Array.from({ length: 20 }, () =>
        rt.api<ModelBody>(
          token,
          'POST',
          '/api/models',
          registrationBody({ title: 'Gửi trùng không có khóa' }),
        ),
      ),
    );
    expect(new Set(withoutKey.map((answer) => answer.body.id)).size).toBe(1);
    expect(await countModels()).toBe(before + 2);
    const reused = await rt.api<ErrorBody>(
      token,
      'POST',
      '/api/models',
      registrationBody({ title: 'Nội dung khác' }),
      {
        'idempotency-key': 'draft-0001',
      },
    );
    expect(reused.status).toBe(409);
  });

  it('gives 200 generated malformed bodies a 4xx each and writes nothing (fast-check)', async () => {
    const token = await rt.token(secretary);
    const before = await countModels();
    const valid = registrationBody({ title: 'Thân hợp lệ để biến đổi' });
    const field = fc.constantFrom(...Object.keys(valid), 'extra', '__proto__');
    const badValue = fc.oneof(
      fc.constant(null),
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.string({ maxLength: 5 }),
      fc.string({ minLength: 4001, maxLength: 4100 }),
      fc.array(fc.string(), { maxLength: 3 }),
      fc.object({ maxDepth: 1 }),
      fc.constant(''),
      fc.constant('   '),
    );
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('drop' as const), field }),
      fc.record({ kind: fc.constant('set' as const), field, value: badValue }),
      fc.record({ kind: fc.constant('raw' as const), text: fc.string({ maxLength: 40 }) }),
      fc.record({
        kind: fc.constant('not-object' as const),
        value: fc.oneof(fc.integer(), fc.string(), fc.array(fc.integer())),
      }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (mutations) => {
        let body: unknown = { ...valid };
        let raw: string | undefined;
        for (const m of mutations) {
          if (m.kind === 'raw') raw = `{${m.text}`;
          else if (m.kind === 'not-object') body = m.value;
          else if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
            const copy = { ...(body as Record<string, unknown>) };
            if (m.kind === 'drop') delete copy[m.field];
            else copy[m.field] = m.value;
            body = copy;
          }
        }
        // Only bodies the contract refuses count: a mutation may happen to produce a valid body.
        fc.pre(
          raw !== undefined ||
            !registerModelBody.safeParse(JSON.parse(JSON.stringify(body) ?? 'null')).success,
        );
        const answer = await rt.api<ErrorBody>(token, 'POST', '/api/models', raw ?? JSON.stringify(body));
        expect(answer.status).toBeGreaterThanOrEqual(400);
        expect(answer.status).toBeLessThan(500);
        expect(answer.body.error.code).toBeTruthy();
      }),
      { numRuns: 200 },
    );
    expect(await countModels()).toBe(before);
  });

  it('withdraws a model at once after registering it, before or after its workflow reaches the wait for the self-assessment', async () => {
    // Prepare
    const token = await rt.token(secretary);
    const created = await rt.api<ModelBody>(
      token,
      'POST',
      '/api/models',
      registrationBody({ title: 'Rút ngay sau khi đăng ký' }),
    );
    // Act: no clock move, no wait
    const withdrawn = await rt.api<ModelBody>(token, 'POST', `/api/models/${created.body.id}/withdraw`, {
      reason: 'Đăng ký nhầm',
    });
    const again = await rt.api<ErrorBody>(token, 'POST', `/api/models/${created.body.id}/withdraw`, {
      reason: 'Đăng ký nhầm',
    });
    await rt.runtime.clock.settle();
    const read = await rt.api<ModelBody>(token, 'GET', `/api/models/${created.body.id}`);
    const timeline = await rt.api<{ items: { state: string }[] }>(
      token,
      'GET',
      `/api/models/${created.body.id}/history`,
    );
    // Assess
    expect(created.status).toBe(201);
    expect(withdrawn.status).toBe(200);
    expect(again.status).toBe(409);
    // Refused in words, whether the first withdrawal is still under way or already recorded.
    expect(again.body.error.message).toMatch(
      /^(Yêu cầu rút đăng ký mô hình này đã được gửi\.|Mô hình đang ở trạng thái “Đã rút”, không thể rút\.)$/,
    );
    expect(read.body.status).toBe('withdrawn');
    expect(timeline.body.items.map((item) => item.state)).toContain('withdrawn');
  });

  it('lets the registrant edit and withdraw while the window is open, recording every change', async () => {
    const token = await rt.token(secretary);
    const created = await rt.api<ModelBody>(
      token,
      'POST',
      '/api/models',
      registrationBody({ title: 'Sẽ sửa rồi rút' }),
    );
    const kept = await rt.api<ModelBody>(
      token,
      'POST',
      '/api/models',
      registrationBody({ title: 'Sẽ sửa sau hạn' }),
    );
    const { id } = created.body;
    await rt.clockTo('2016-10-15T12:00:01+07:00');
    const {
      campaignId: _c,
      year: _y,
      kind: _k,
      cellId: _cell,
      ...content
    } = registrationBody({ title: 'Đã sửa tên mô hình' });
    const edited = await rt.api<ModelBody>(token, 'PUT', `/api/models/${id}`, content);
    expect(edited.status).toBe(200);
    expect(edited.body.title).toBe('Đã sửa tên mô hình');
    // A member who may not read the model is answered as a GET answers: it does not exist for them.
    const outsider = await rt.api<ErrorBody>(await rt.token('yen.tv'), 'PUT', `/api/models/${id}`, content);
    expect(outsider.status).toBe(404);

    await rt.clockTo('2016-10-15T12:00:02+07:00');
    const withdrawn = await rt.api<ModelBody>(token, 'POST', `/api/models/${id}/withdraw`, {
      reason: 'Trùng với mô hình khác',
    });
    expect(withdrawn.status).toBe(200);
    await rt.clockTo('2016-10-15T12:00:03+07:00');
    const read = await rt.api<ModelBody>(token, 'GET', `/api/models/${id}`);
    expect(read.body.status).toBe('withdrawn');
    const timeline = await rt.api<{
      items: { state: string; actor: string; data?: { changes?: Record<string, unknown> } }[];
    }>(await rt.token('anh.nt'), 'GET', `/api/models/${id}/history`);
    expect(timeline.status).toBe(404); // a member may not read another's model
    const audit = await rt.api<{
      items: { state: string; actor: string; data?: { changes?: Record<string, unknown> } }[];
    }>(token, 'GET', `/api/models/${id}/history`);
    expect(audit.body.items.map((item) => item.state)).toEqual([
      'registered',
      'implementing',
      'awaiting_self_assessment',
      'edited',
      'withdrawn',
    ]);
    expect(audit.body.items.find((item) => item.state === 'edited')?.data?.changes).toHaveProperty('title');

    await rt.clockTo('2016-10-16T00:00:00+07:00');
    const afterWindow = await rt.api<ErrorBody>(
      await rt.token(secretary),
      'PUT',
      `/api/models/${kept.body.id}`,
      content,
    );
    expect(afterWindow.status).toBe(422);
    expect(afterWindow.body.error.message).toContain('gia hạn');
  });
});
