import { DynamoDBClient, ListTablesCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoOrganization } from '../../infra/local/seed.ts';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime.ts';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
type ErrorBody = { error: { code: string; message: string; fields: { path: string; message: string }[] } };

describe('the embedded runtime (foundation)', () => {
  let rt: TestRuntime;

  beforeAll(async () => {
    rt = await startTestRuntime();
  });
  afterAll(async () => {
    await rt.close();
  });

  it('lists the seeded people with their roles and cells', async () => {
    const answer = await rt.api<{
      users: { username: string; personId: string; roles: string[]; cellId: string }[];
    }>(undefined, 'GET', '/local/users');
    expect(answer.status).toBe(200);
    const organization = demoOrganization();
    expect(answer.body.users).toHaveLength(organization.people.length);
    expect(organization.cells.length).toBeGreaterThanOrEqual(6);
    for (const cell of organization.cells) {
      const members = answer.body.users.filter((user) => user.cellId === cell.id);
      expect(members.filter((user) => user.roles.includes('secretary'))).toHaveLength(1);
      expect(members.length).toBeGreaterThanOrEqual(5);
    }
    for (const role of ['office', 'committee', 'inspector']) {
      expect(answer.body.users.some((user) => user.roles.includes(role))).toBe(true);
    }
  });

  it('serves the seed campaign with its calendar', async () => {
    const token = await rt.token('an.nv');
    const answer = await rt.api<{ items: { id: string; name: string; calendar: Record<string, string> }[] }>(
      token,
      'GET',
      '/api/campaigns',
    );
    expect(answer.status).toBe(200);
    expect(answer.body.items).toEqual([
      expect.objectContaining({
        id: 'dvk-2016-2020',
        calendar: expect.objectContaining({ registrationOpens: '10-01', registrationCloses: '10-10' }),
      }),
    ]);
  });

  it('scopes the cells by role: a member sees their own cell, the Office sees all', async () => {
    const member = await rt.api<{ items: { id: string }[] }>(await rt.token('tien.cv'), 'GET', '/api/cells');
    expect(member.body.items.map((cell) => cell.id)).toEqual(['hanh-chinh-tp']);
    const office = await rt.api<{ items: { id: string }[] }>(await rt.token('binh.tt'), 'GET', '/api/cells');
    expect(office.body.items).toHaveLength(demoOrganization().cells.length);
  });

  it('answers 401 in the documented shape without a token, with a forged one and with an expired one', async () => {
    const missing = await rt.api<ErrorBody>(undefined, 'GET', '/api/cells');
    expect(missing.status).toBe(401);
    expect(missing.body.error.code).toBe('unauthenticated');

    const genuine = await rt.token('an.nv');
    const [header, payload] = genuine.split('.');
    const tampered = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString());
    tampered['cognito:groups'] = ['office'];
    const forgedPayload = `${header}.${Buffer.from(JSON.stringify(tampered)).toString('base64url')}.${genuine.split('.')[2]}`;
    const forged = await rt.api<ErrorBody>(forgedPayload, 'GET', '/api/cells');
    expect(forged.status).toBe(401);
    expect(forged.body.error.message).toMatch(/đăng nhập/);

    const { privateKey } = await generateKeyPair('RS256');
    const otherKey = await new SignJWT({ 'custom:personId': 'p001', 'cognito:groups': ['office'] })
      .setProtectedHeader({ alg: 'RS256', kid: 'local-1' })
      .setIssuer(`${rt.base}/local/identity`)
      .setAudience('local-web-client')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(privateKey);
    expect((await rt.api(otherKey, 'GET', '/api/cells')).status).toBe(401);
    expect((await rt.api('not-a-jwt', 'GET', '/api/cells')).status).toBe(401);

    // A token's lifetime is real time (the virtual clock never expires one): one that lives a second.
    const short = await rt.api<{ token: string }>(undefined, 'POST', '/local/token', {
      username: 'an.nv',
      lifetimeSeconds: 1,
    });
    const exp = Number(
      JSON.parse(Buffer.from(short.body.token.split('.')[1] ?? '', 'base64url').toString()).exp,
    );
    while (Date.now() < exp * 1000 + 1000) await new Promise((wait) => setTimeout(wait, 200));
    const expired = await rt.api<ErrorBody>(short.body.token, 'GET', '/api/cells');
    expect(expired.status).toBe(401);
    expect(expired.body.error.message).toMatch(/hết hạn/);
  });

  it('answers 400 in the documented shape for malformed JSON and wrong types, 403 for a forbidden act', async () => {
    const token = await rt.token('tien.cv');
    const malformed = await rt.api<ErrorBody>(token, 'POST', '/api/models', '{"campaignId": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toEqual({
      code: 'invalid_input',
      message: expect.any(String),
      fields: [{ path: 'body', message: expect.any(String) }],
    });

    const wrongTypes = await rt.api<ErrorBody>(token, 'POST', '/api/models', {
      campaignId: 7,
      year: 'x',
      kind: 'group',
    });
    expect(wrongTypes.status).toBe(400);
    const paths = wrongTypes.body.error.fields.map((field) => field.path);
    expect(paths).toEqual(
      expect.arrayContaining(['body.campaignId', 'body.year', 'body.kind', 'body.title']),
    );

    const forbidden = await rt.api<ErrorBody>(token, 'POST', '/api/extensions', {
      campaignId: 'dvk-2016-2020',
      year: 2016,
      cellId: 'van-phong',
      closesBefore: '2016-10-20T00:00:00+07:00',
      reason: 'Đơn vị đi công tác',
    });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe('forbidden');
  });

  it('lets the AWS SDK list and read the table through the DynamoDB URL of /local/endpoints', async () => {
    const endpoints = await rt.api<{ dynamodb: string; stepfunctions: string; ses: string }>(
      undefined,
      'GET',
      '/local/endpoints',
    );
    const client = new DynamoDBClient({
      endpoint: endpoints.body.dynamodb,
      region: 'us-east-1',
      credentials,
    });
    const tables = await client.send(new ListTablesCommand({}));
    expect(tables.TableNames).toEqual(['dan-van-kheo']);
    const scan = await client.send(new ScanCommand({ TableName: 'dan-van-kheo', Limit: 5 }));
    expect(scan.Items?.length).toBeGreaterThan(0);
    client.destroy();
  });

  it('fires the daily schedule at 00:00:00 Asia/Ho_Chi_Minh, not at 23:59:59 (EventBridge Scheduler cron with a time zone)', async () => {
    const endpoints = await rt.api<{ stepfunctions: string }>(undefined, 'GET', '/local/endpoints');
    const sfn = new SFNClient({ endpoint: endpoints.body.stepfunctions, region: 'us-east-1', credentials });
    const stateMachineArn = 'arn:aws:states:us-east-1:000000000000:stateMachine:periodic-review';
    const count = async () =>
      (await sfn.send(new ListExecutionsCommand({ stateMachineArn }))).executions?.length ?? 0;
    const before = await count();

    await rt.clockTo('2016-10-04T23:59:59+07:00');
    const afterEve = await count();
    await rt.clockTo('2016-10-05T00:00:00+07:00');
    const afterMidnight = await count();

    expect(afterEve - before).toBe(1); // 04/10 00:00:00 only
    expect(afterMidnight - afterEve).toBe(1); // 05/10 00:00:00, exactly at the edge
    const fired = await rt.api<{ items: { schedule: string; scheduledTime: string }[] }>(
      undefined,
      'GET',
      '/local/scheduler',
    );
    const daily = fired.body.items.filter((item) => item.schedule === 'daily-periodic-review');
    expect(daily.map((item) => item.scheduledTime)).toEqual(['2016-10-03T17:00:00Z', '2016-10-04T17:00:00Z']);
    sfn.destroy();
  });

  it("answers CORS as the AWS API does: the web's own origin only", async () => {
    const preflight = (origin: string) =>
      fetch(`${rt.base}/api/models`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization',
        },
      });
    const allowed = await preflight(rt.base);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(rt.base);
    expect(allowed.headers.get('access-control-allow-headers')).toContain('idempotency-key');
    const foreign = await preflight('https://evil.example');
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses to move the clock backwards', async () => {
    const answer = await rt.api<ErrorBody>(undefined, 'POST', '/local/clock', {
      to: '2016-01-01T00:00:00+07:00',
    });
    expect(answer.status).toBe(409);
  });
});
