// The user pool kept equal to the people records: each call does the whole change and may be
// repeated (a user that exists is updated, a user that is gone is already disabled), so a failed
// call is simply run again by whoever retries it.
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminUpdateUserAttributesCommand,
  type CognitoIdentityProviderClient,
  ListUsersCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { cognitoClient } from '../aws/cognito.ts';
import {
  attributesOf,
  type DirectoryUser,
  type Drift,
  groupChanges,
  identityDrift,
  type PoolUser,
} from '../domain/identity-sync.ts';

/** What one sync did, for the log and the reconcile report. */
export interface SyncOutcome {
  readonly username: string;
  readonly created: boolean;
  readonly enabled: boolean;
  readonly groupsAdded: readonly string[];
  readonly groupsRemoved: readonly string[];
}

const named = (error: unknown, name: string) => error instanceof Error && error.name === name;

async function groupsOf(
  client: CognitoIdentityProviderClient,
  poolId: string,
  username: string,
): Promise<string[]> {
  const groups: string[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(
      new AdminListGroupsForUserCommand({ UserPoolId: poolId, Username: username, NextToken: token }),
    );
    groups.push(...(page.Groups ?? []).flatMap((group) => (group.GroupName ? [group.GroupName] : [])));
    token = page.NextToken;
  } while (token);
  return groups;
}

/** Creates the person's user (Cognito mails the invitation) or brings it up to date, enabled, groups = roles. */
export async function syncUser(
  poolId: string,
  user: DirectoryUser,
  client: CognitoIdentityProviderClient = cognitoClient(),
): Promise<SyncOutcome> {
  const attributes = Object.entries(attributesOf(user)).map(([Name, Value]) => ({ Name, Value }));
  let created = false;
  let enabled = false;
  let exists = true;
  try {
    const found = await client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: user.username }));
    if (found.Enabled === false) {
      await client.send(new AdminEnableUserCommand({ UserPoolId: poolId, Username: user.username }));
      enabled = true;
    }
  } catch (error) {
    if (!named(error, 'UserNotFoundException')) throw error;
    exists = false;
  }
  if (!exists) {
    try {
      await client.send(
        new AdminCreateUserCommand({
          UserPoolId: poolId,
          Username: user.username,
          UserAttributes: attributes,
          DesiredDeliveryMediums: ['EMAIL'],
        }),
      );
      created = true;
    } catch (error) {
      // Created by an earlier attempt whose answer was lost: update it like any other.
      if (!named(error, 'UsernameExistsException')) throw error;
    }
  }
  if (!created)
    await client.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: poolId,
        Username: user.username,
        UserAttributes: attributes,
      }),
    );
  const { add, remove } = groupChanges(
    user.groups,
    created ? [] : await groupsOf(client, poolId, user.username),
  );
  for (const group of add)
    await client.send(
      new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: user.username, GroupName: group }),
    );
  for (const group of remove)
    await client.send(
      new AdminRemoveUserFromGroupCommand({ UserPoolId: poolId, Username: user.username, GroupName: group }),
    );
  return { username: user.username, created, enabled, groupsAdded: add, groupsRemoved: remove };
}

/** Disables the user of a person removed from the records; a user never created is already so. */
export async function disableUser(
  poolId: string,
  username: string,
  client: CognitoIdentityProviderClient = cognitoClient(),
): Promise<void> {
  try {
    await client.send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: username }));
  } catch (error) {
    if (!named(error, 'UserNotFoundException')) throw error;
  }
}

/** Every user of the pool with its attributes, groups and state. */
export async function listPoolUsers(
  poolId: string,
  client: CognitoIdentityProviderClient = cognitoClient(),
): Promise<PoolUser[]> {
  const users: PoolUser[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(new ListUsersCommand({ UserPoolId: poolId, PaginationToken: token }));
    for (const user of page.Users ?? []) {
      if (!user.Username) continue;
      users.push({
        username: user.Username,
        attributes: Object.fromEntries((user.Attributes ?? []).map((a) => [a.Name ?? '', a.Value ?? ''])),
        groups: await groupsOf(client, poolId, user.Username),
        enabled: user.Enabled !== false,
      });
    }
    token = page.PaginationToken;
  } while (token);
  return users;
}

/** The drift between the records and the pool; with `fix`, each difference is set right. */
export async function reconcile(
  poolId: string,
  people: readonly DirectoryUser[],
  { fix }: { readonly fix: boolean },
  client: CognitoIdentityProviderClient = cognitoClient(),
): Promise<{ drift: Drift[]; fixed: number }> {
  const drift = identityDrift(people, await listPoolUsers(poolId, client));
  if (!fix) return { drift, fixed: 0 };
  const byName = new Map(people.map((person) => [person.username, person]));
  const usernames = new Set<string>();
  for (const item of drift) {
    if (item.kind === 'orphan') await disableUser(poolId, item.username, client);
    else usernames.add(item.username);
  }
  for (const username of usernames) {
    const person = byName.get(username);
    if (person) await syncUser(poolId, person, client);
  }
  return { drift, fixed: drift.length };
}
