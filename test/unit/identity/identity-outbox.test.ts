// The sync task of the identity outbox against mocked DynamoDB and Cognito: it applies the
// person's current record whatever version asked (so late syncs converge), disables the user of a
// person gone from the records, and records a failed attempt before handing it to the Retry.
import {
  AdminAddUserToGroupCommand,
  AdminDisableUserCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminUpdateUserAttributesCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import type { IdentitySyncItem } from '../../../shared/domain/identity-sync.ts';
import { applyIdentitySync, recordIdentitySyncFailure } from '../../../shared/services/identity-outbox.ts';

const dynamo = mockClient(DynamoDBDocumentClient);
const cognito = mockClient(CognitoIdentityProviderClient);

const item: IdentitySyncItem = {
  id: 'abc',
  personId: 'p-tam-nv',
  username: 'tam.nv',
  recordVersion: '2016-10-03T01:00:00.000Z',
  status: 'pending',
  createdAt: '2016-10-03T01:00:00.000Z',
  attempts: 0,
  version: 0,
};
const event = { personId: item.personId, recordVersion: item.recordVersion, at: '2016-10-03T01:00:05.000Z' };
const itemKey = { pk: 'IDENTITY-SYNC#p-tam-nv', sk: item.recordVersion };
const personKey = { pk: 'PERSON#p-tam-nv', sk: 'META' };

const written = () =>
  dynamo.commandCalls(PutCommand).map((call) => call.args[0].input.Item as Record<string, unknown>);

describe('the identity sync task', () => {
  beforeEach(() => {
    process.env.TABLE_NAME = 'table';
    process.env.USER_POOL_ID = 'ap-southeast-1_test';
    dynamo.reset();
    cognito.reset();
    dynamo.on(GetCommand, { Key: itemKey }).resolves({ Item: { ...itemKey, ...item } });
    dynamo.on(PutCommand).resolves({});
  });

  it("applies the person's current roles, not those of the version that asked", async () => {
    // Prepare: the record was changed again since (now only a member).
    dynamo.on(GetCommand, { Key: personKey }).resolves({
      Item: {
        ...personKey,
        id: 'p-tam-nv',
        username: 'tam.nv',
        name: 'Nguyễn Văn Tâm',
        email: 'tam.nv@stp.example.vn',
        cellId: 'cong-chung',
        roles: ['member'],
      },
    });
    cognito.on(AdminGetUserCommand).resolves({ Username: 'tam.nv', Enabled: true });
    cognito.on(AdminUpdateUserAttributesCommand).resolves({});
    cognito.on(AdminListGroupsForUserCommand).resolves({ Groups: [{ GroupName: 'secretary' }] });
    cognito.on(AdminAddUserToGroupCommand).resolves({});
    cognito.on(AdminRemoveUserFromGroupCommand).resolves({});
    // Act
    const result = await applyIdentitySync(event);
    // Assess
    expect(result).toEqual({ status: 'done' });
    expect(
      cognito.commandCalls(AdminAddUserToGroupCommand).map((call) => call.args[0].input.GroupName),
    ).toEqual(['member']);
    expect(
      cognito.commandCalls(AdminRemoveUserFromGroupCommand).map((call) => call.args[0].input.GroupName),
    ).toEqual(['secretary']);
    expect(written()[0]).toMatchObject({ status: 'done', doneAt: event.at, gsi2pk: 'IDENTITY-SYNCS#done' });
  });

  it('disables the user of a person gone from the records', async () => {
    // Prepare
    dynamo.on(GetCommand, { Key: personKey }).resolves({});
    cognito.on(AdminDisableUserCommand).resolves({});
    // Act
    const result = await applyIdentitySync(event);
    // Assess
    expect(result).toEqual({ status: 'done' });
    expect(cognito.commandCalls(AdminDisableUserCommand)[0]?.args[0].input).toEqual({
      UserPoolId: 'ap-southeast-1_test',
      Username: 'tam.nv',
    });
  });

  it('records a failed attempt and throws IdentitySyncDeferred for the Retry', async () => {
    // Prepare
    dynamo.on(GetCommand, { Key: personKey }).resolves({});
    cognito
      .on(AdminDisableUserCommand)
      .rejects(Object.assign(new Error('Rate exceeded'), { name: 'TooManyRequestsException' }));
    // Act
    const failure = await applyIdentitySync(event).catch((error: Error) => error);
    // Assess
    expect(failure).toMatchObject({ name: 'IdentitySyncDeferred' });
    expect(written()[0]).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: 'TooManyRequestsException: Rate exceeded',
    });
  });

  it('marks the sync failed, in words, after the last retry', async () => {
    // Prepare
    dynamo.on(GetCommand, { Key: itemKey }).resolves({ Item: { ...itemKey, ...item, attempts: 17 } });
    // Act
    const result = await recordIdentitySyncFailure(event);
    // Assess
    expect(result).toEqual({ status: 'failed' });
    expect(written()[0]).toMatchObject({
      status: 'failed',
      failure:
        'Chưa cập nhật được tài khoản đăng nhập “tam.nv” sau 17 lần thử; hãy chạy lại đối chiếu tài khoản.',
      gsi2pk: 'IDENTITY-SYNCS#failed',
    });
  });
});
