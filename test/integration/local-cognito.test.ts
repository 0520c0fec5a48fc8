// The local Cognito stand-in as the SDK sees it: the identity sync's calls work against it as
// against the user pool, errors come in Cognito's JSON 1.1 shape, only requests signed with the
// local credentials get through, and the users outlive a restart.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_USER_POOL_ID, type LocalCognito, startCognito } from '../../infra/local/cognito.ts';
import { LOCAL_REGION, localCredentials } from '../../infra/local/credentials.ts';
import { directoryUserOf } from '../../shared/domain/identity-sync.ts';
import { disableUser, listPoolUsers, syncUser } from '../../shared/identity/cognito-users.ts';

const person = (n: number) =>
  directoryUserOf({
    id: `p-nguoi-${n}`,
    username: `nguoi.${String(n).padStart(3, '0')}`,
    name: `Người Thứ ${n}`,
    email: `nguoi.${n}@stp.example.vn`,
    cellId: 'thanh-tra',
    roles: n % 2 ? ['member'] : ['member', 'secretary'],
  });

describe('the local Cognito', () => {
  let dir: string;
  let cognito: LocalCognito;
  const clientOf = (credentials: { accessKeyId: string; secretAccessKey: string } = localCredentials) =>
    new CognitoIdentityProviderClient({
      endpoint: cognito.url,
      region: LOCAL_REGION,
      credentials,
      maxAttempts: 1,
    });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dvk-cognito-'));
    cognito = await startCognito(join(dir, 'users.json'), 0);
  });
  afterAll(async () => {
    await cognito.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('takes the sync of many people, lists them page by page, and disables one', async () => {
    // Prepare
    const client = clientOf();
    const people = Array.from({ length: 65 }, (_, n) => person(n + 1));
    // Act
    for (const user of people) await syncUser(LOCAL_USER_POOL_ID, user, client);
    const again = await syncUser(LOCAL_USER_POOL_ID, people[1] ?? person(2), client);
    await disableUser(LOCAL_USER_POOL_ID, 'nguoi.003', client);
    const listed = await listPoolUsers(LOCAL_USER_POOL_ID, client);
    // Assess
    expect(listed).toHaveLength(65);
    expect(again).toMatchObject({ created: false, groupsAdded: [], groupsRemoved: [] });
    expect(listed.find((user) => user.username === 'nguoi.002')).toMatchObject({
      attributes: { 'custom:personId': 'p-nguoi-2', email: 'nguoi.2@stp.example.vn' },
      groups: expect.arrayContaining(['member', 'secretary']),
      enabled: true,
    });
    expect(listed.find((user) => user.username === 'nguoi.003')?.enabled).toBe(false);
  });

  it("answers Cognito's errors by name: an unknown user, a taken username, another pool", async () => {
    // Prepare
    const client = clientOf();
    // Act
    const unknown = await client
      .send(new AdminGetUserCommand({ UserPoolId: LOCAL_USER_POOL_ID, Username: 'khong.co' }))
      .catch((error: Error) => error);
    const taken = await client
      .send(new AdminCreateUserCommand({ UserPoolId: LOCAL_USER_POOL_ID, Username: 'nguoi.001' }))
      .catch((error: Error) => error);
    const otherPool = await client
      .send(new AdminGetUserCommand({ UserPoolId: 'us-east-1_Other', Username: 'nguoi.001' }))
      .catch((error: Error) => error);
    // Assess
    expect(unknown).toMatchObject({ name: 'UserNotFoundException', $metadata: { httpStatusCode: 400 } });
    expect(taken).toMatchObject({ name: 'UsernameExistsException' });
    expect(otherPool).toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('refuses a request signed with other credentials, and one not signed at all', async () => {
    // Act
    const wrong = await clientOf({ accessKeyId: 'local', secretAccessKey: 'wrong' })
      .send(new AdminGetUserCommand({ UserPoolId: LOCAL_USER_POOL_ID, Username: 'nguoi.001' }))
      .catch((error: Error) => error);
    const unsigned = await fetch(cognito.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSCognitoIdentityProviderService.ListUsers',
      },
      body: JSON.stringify({ UserPoolId: LOCAL_USER_POOL_ID }),
    });
    // Assess
    expect(wrong).toMatchObject({ name: 'InvalidSignatureException' });
    expect(unsigned.status).toBe(400);
    expect(((await unsigned.json()) as { __type: string }).__type).toMatch(/MissingAuthenticationToken/);
  });

  it('fails every call while switched to failing, then answers again', async () => {
    // Prepare
    const client = clientOf();
    cognito.failing = true;
    // Act
    const during = await syncUser(LOCAL_USER_POOL_ID, person(1), client).catch((error: Error) => error);
    cognito.failing = false;
    const after = await syncUser(LOCAL_USER_POOL_ID, person(1), client);
    // Assess
    expect(during).toMatchObject({ name: 'InternalErrorException', $metadata: { httpStatusCode: 500 } });
    expect(cognito.refused).toBeGreaterThanOrEqual(1);
    expect(after.created).toBe(false);
  });

  it('keeps its users across a restart on the same file', async () => {
    // Act
    await cognito.close();
    cognito = await startCognito(join(dir, 'users.json'), 0);
    // Assess
    expect(cognito.fresh).toBe(false);
    expect(cognito.list()).toHaveLength(65);
    expect(cognito.user('nguoi.003')?.enabled).toBe(false);
  });
});
