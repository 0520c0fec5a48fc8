// The identity sync against a mocked Cognito: create with the invitation, update roles, re-enable,
// disable, repeat after a failure, and the reconcile report.
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminUpdateUserAttributesCommand,
  CognitoIdentityProviderClient,
  ListUsersCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { type DirectoryUser, directoryUserOf } from '../../../shared/domain/identity-sync.ts';
import { disableUser, reconcile, syncUser } from '../../../shared/identity/cognito-users.ts';

const POOL = 'ap-southeast-1_test';
const client = new CognitoIdentityProviderClient({ region: 'ap-southeast-1' });
const cognito = mockClient(client);

const notFound = () => Object.assign(new Error('User does not exist.'), { name: 'UserNotFoundException' });

const tam: DirectoryUser = directoryUserOf({
  id: 'p-tam-nv',
  username: 'tam.nv',
  name: 'Nguyễn Văn Tâm',
  email: 'tam.nv@stp.example.vn',
  cellId: 'cong-chung',
  roles: ['secretary', 'member'],
});

describe('syncing a person to the user pool', () => {
  beforeEach(() => {
    cognito.reset();
  });

  it('creates a missing user with the invitation by email, the person id and groups equal to the roles', async () => {
    // Prepare
    cognito.on(AdminGetUserCommand).rejects(notFound());
    cognito.on(AdminCreateUserCommand).resolves({});
    cognito.on(AdminAddUserToGroupCommand).resolves({});
    // Act
    const outcome = await syncUser(POOL, tam, client);
    // Assess
    const create = cognito.commandCalls(AdminCreateUserCommand)[0]?.args[0].input;
    expect(create).toMatchObject({ UserPoolId: POOL, Username: 'tam.nv', DesiredDeliveryMediums: ['EMAIL'] });
    expect(create?.UserAttributes).toEqual(
      expect.arrayContaining([
        { Name: 'custom:personId', Value: 'p-tam-nv' },
        { Name: 'email', Value: 'tam.nv@stp.example.vn' },
      ]),
    );
    expect(
      cognito.commandCalls(AdminAddUserToGroupCommand).map((call) => call.args[0].input.GroupName),
    ).toEqual(['secretary', 'member']);
    expect(outcome.created).toBe(true);
  });

  it('updates an existing user: attributes, a role added and a lost role removed, re-enabled', async () => {
    // Prepare
    cognito.on(AdminGetUserCommand).resolves({ Username: 'tam.nv', Enabled: false });
    cognito
      .on(AdminListGroupsForUserCommand)
      .resolves({ Groups: [{ GroupName: 'member' }, { GroupName: 'office' }] });
    // Act
    const outcome = await syncUser(POOL, tam, client);
    // Assess
    expect(cognito.commandCalls(AdminCreateUserCommand)).toHaveLength(0);
    expect(cognito.commandCalls(AdminEnableUserCommand)).toHaveLength(1);
    expect(cognito.commandCalls(AdminUpdateUserAttributesCommand)).toHaveLength(1);
    expect(outcome).toMatchObject({ groupsAdded: ['secretary'], groupsRemoved: ['office'], enabled: true });
    expect(cognito.commandCalls(AdminRemoveUserFromGroupCommand)[0]?.args[0].input.GroupName).toBe('office');
  });

  it('fails when Cognito does, and the repeated call finishes the work without a second invitation', async () => {
    // Prepare: the first attempt created the user, then the group call failed
    cognito.on(AdminGetUserCommand).rejectsOnce(notFound()).resolves({ Username: 'tam.nv', Enabled: true });
    cognito.on(AdminCreateUserCommand).resolves({});
    cognito
      .on(AdminAddUserToGroupCommand)
      .rejectsOnce(Object.assign(new Error('Rate exceeded'), { name: 'TooManyRequestsException' }))
      .resolves({});
    cognito.on(AdminListGroupsForUserCommand).resolves({ Groups: [] });
    // Act
    const first = await syncUser(POOL, tam, client).catch((error: Error) => error.name);
    const second = await syncUser(POOL, tam, client);
    // Assess
    expect(first).toBe('TooManyRequestsException');
    expect(cognito.commandCalls(AdminCreateUserCommand)).toHaveLength(1);
    expect(second.groupsAdded).toEqual(['secretary', 'member']);
  });

  it('disables the user of a removed person, and a user never created is already done', async () => {
    // Prepare
    cognito.on(AdminDisableUserCommand, { Username: 'tam.nv' }).resolves({});
    cognito.on(AdminDisableUserCommand, { Username: 'nobody' }).rejects(notFound());
    // Act
    await disableUser(POOL, 'tam.nv', client);
    await disableUser(POOL, 'nobody', client);
    // Assess
    expect(cognito.commandCalls(AdminDisableUserCommand)).toHaveLength(2);
  });

  it('reports the drift, and with fix creates the missing, corrects the groups and disables the orphan', async () => {
    // Prepare
    const an = directoryUserOf({
      id: 'p001',
      username: 'an.nv',
      name: 'Nguyễn Văn An',
      email: 'an.nv@stp.example.vn',
      cellId: 'van-phong',
      roles: ['member'],
    });
    cognito.on(ListUsersCommand).resolves({
      Users: [
        {
          Username: 'an.nv',
          Enabled: true,
          Attributes: [
            { Name: 'email', Value: 'an.nv@stp.example.vn' },
            { Name: 'name', Value: 'Nguyễn Văn An' },
            { Name: 'custom:personId', Value: 'p001' },
            { Name: 'custom:cellId', Value: 'van-phong' },
          ],
        },
        { Username: 'cu.lv', Enabled: true, Attributes: [] },
      ],
    });
    cognito
      .on(AdminListGroupsForUserCommand, { Username: 'an.nv' })
      .resolves({ Groups: [{ GroupName: 'secretary' }] });
    cognito.on(AdminListGroupsForUserCommand, { Username: 'cu.lv' }).resolves({ Groups: [] });
    cognito.on(AdminGetUserCommand, { Username: 'an.nv' }).resolves({ Username: 'an.nv', Enabled: true });
    cognito.on(AdminGetUserCommand, { Username: 'tam.nv' }).rejects(notFound());
    // Act
    const report = await reconcile(POOL, [an, tam], { fix: false }, client);
    const fixed = await reconcile(POOL, [an, tam], { fix: true }, client);
    // Assess
    expect(report.drift).toEqual([
      { kind: 'groups', username: 'an.nv', add: ['member'], remove: ['secretary'] },
      { kind: 'missing', username: 'tam.nv' },
      { kind: 'orphan', username: 'cu.lv' },
    ]);
    expect(report.fixed).toBe(0);
    expect(fixed.fixed).toBe(3);
    expect(cognito.commandCalls(AdminDisableUserCommand)[0]?.args[0].input.Username).toBe('cu.lv');
    expect(cognito.commandCalls(AdminCreateUserCommand)[0]?.args[0].input.Username).toBe('tam.nv');
  });
});
