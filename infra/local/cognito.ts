// The Cognito user-pool stand-in: speaks the JSON 1.1 protocol that
// @aws-sdk/client-cognito-identity-provider uses (POST with
// `X-Amz-Target: AWSCognitoIdentityProviderService.<Operation>`), for exactly the
// administrative calls the identity sync makes (shared/identity/cognito-users.ts).
// One pool, its groups the roles; the users are kept in a JSON file under the data folder.
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_Operations.html
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import { ROLES } from '../../shared/domain/roles.ts';
import { guardAwsEndpoint } from './aws-endpoint-guard.ts';
import { readBody } from './http-util.ts';
import { listen } from './listen.ts';

/** The local pool's id, the USER_POOL_ID the functions get. */
export const LOCAL_USER_POOL_ID = 'us-east-1_LocalPool';

/** A user of the local pool, as kept in its file. */
export interface LocalCognitoUser {
  readonly username: string;
  attributes: Record<string, string>;
  groups: string[];
  enabled: boolean;
  readonly createdAt: number;
  modifiedAt: number;
}

export interface LocalCognito {
  readonly url: string;
  /** While set, every call answers Cognito's 500 InternalErrorException, so the sync's retries can be seen. */
  failing: boolean;
  /** How many calls the failing switch refused so far. */
  readonly refused: number;
  /** Whether the file was new when the stand-in started (the runtime then fills it from the records). */
  readonly fresh: boolean;
  user(username: string): LocalCognitoUser | undefined;
  list(): LocalCognitoUser[];
  /** Puts users straight into the pool (the records seeded before the pool existed). */
  seed(users: readonly Omit<LocalCognitoUser, 'createdAt' | 'modifiedAt'>[]): void;
  close(): Promise<void>;
}

const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.';
const PAGE_SIZE = 60;

class CognitoError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

type Body = Record<string, unknown>;

function text(body: Body, name: string): string {
  const value = body[name];
  if (typeof value !== 'string' || value === '')
    throw new CognitoError(
      'InvalidParameterException',
      `1 validation error detected: ${name} must not be null`,
    );
  return value;
}

function attributeList(value: unknown): { Name: string; Value: string }[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry: unknown) => {
    const { Name, Value } = (entry ?? {}) as { Name?: unknown; Value?: unknown };
    return typeof Name === 'string' ? [{ Name, Value: typeof Value === 'string' ? Value : '' }] : [];
  });
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/x-amz-json-1.1',
    'content-length': Buffer.byteLength(payload),
    'x-amzn-requestid': randomUUID(),
  });
  response.end(payload);
}

/** Starts the Cognito stand-in on 127.0.0.1:port, keeping the users in `file`. */
export async function startCognito(file: string, port: number): Promise<LocalCognito> {
  mkdirSync(dirname(file), { recursive: true });
  const fresh = !existsSync(file);
  const users = new Map<string, LocalCognitoUser>(
    fresh
      ? []
      : (JSON.parse(readFileSync(file, 'utf8')) as LocalCognitoUser[]).map((user) => [user.username, user]),
  );
  const state = { failing: false, refused: 0 };
  const save = () => {
    const temporary = `${file}.tmp`;
    writeFileSync(temporary, JSON.stringify([...users.values()], null, 2));
    renameSync(temporary, file);
  };
  if (fresh) save();

  const userOrFail = (body: Body): LocalCognitoUser => {
    const user = users.get(text(body, 'Username'));
    if (!user) throw new CognitoError('UserNotFoundException', 'User does not exist.');
    return user;
  };
  const groupOrFail = (body: Body): string => {
    const group = text(body, 'GroupName');
    if (!(ROLES as readonly string[]).includes(group))
      throw new CognitoError('ResourceNotFoundException', 'Group not found.');
    return group;
  };
  const touch = (user: LocalCognitoUser) => {
    user.modifiedAt = Date.now() / 1000;
    save();
    return {};
  };
  const shape = (user: LocalCognitoUser) => ({
    Username: user.username,
    Enabled: user.enabled,
    UserStatus: 'FORCE_CHANGE_PASSWORD',
    UserCreateDate: user.createdAt,
    UserLastModifiedDate: user.modifiedAt,
  });
  const attributes = (user: LocalCognitoUser) =>
    Object.entries(user.attributes).map(([Name, Value]) => ({ Name, Value }));

  const operations: Record<string, (body: Body) => unknown> = {
    AdminGetUser: (body) => {
      const user = userOrFail(body);
      return { ...shape(user), UserAttributes: attributes(user) };
    },
    AdminCreateUser: (body) => {
      const username = text(body, 'Username');
      if (users.has(username))
        throw new CognitoError('UsernameExistsException', 'User account already exists');
      const now = Date.now() / 1000;
      const user: LocalCognitoUser = {
        username,
        attributes: Object.fromEntries(attributeList(body.UserAttributes).map((a) => [a.Name, a.Value])),
        groups: [],
        enabled: true,
        createdAt: now,
        modifiedAt: now,
      };
      users.set(username, user);
      save();
      return { User: { ...shape(user), Attributes: attributes(user) } };
    },
    AdminUpdateUserAttributes: (body) => {
      const user = userOrFail(body);
      for (const { Name, Value } of attributeList(body.UserAttributes)) user.attributes[Name] = Value;
      return touch(user);
    },
    AdminListGroupsForUser: (body) => {
      const user = userOrFail(body);
      return {
        Groups: user.groups.map((GroupName) => ({ GroupName, UserPoolId: LOCAL_USER_POOL_ID })),
      };
    },
    AdminAddUserToGroup: (body) => {
      const group = groupOrFail(body);
      const user = userOrFail(body);
      if (!user.groups.includes(group)) user.groups.push(group);
      return touch(user);
    },
    AdminRemoveUserFromGroup: (body) => {
      const group = groupOrFail(body);
      const user = userOrFail(body);
      user.groups = user.groups.filter((held) => held !== group);
      return touch(user);
    },
    AdminEnableUser: (body) => {
      const user = userOrFail(body);
      user.enabled = true;
      return touch(user);
    },
    AdminDisableUser: (body) => {
      const user = userOrFail(body);
      user.enabled = false;
      return touch(user);
    },
    ListUsers: (body) => {
      const all = [...users.values()].sort((a, b) => a.username.localeCompare(b.username));
      const start = typeof body.PaginationToken === 'string' ? Number(body.PaginationToken) : 0;
      if (!Number.isInteger(start) || start < 0)
        throw new CognitoError('InvalidParameterException', 'Invalid pagination token.');
      const page = all.slice(start, start + PAGE_SIZE);
      return {
        Users: page.map((user) => ({ ...shape(user), Attributes: attributes(user) })),
        ...(start + PAGE_SIZE < all.length ? { PaginationToken: String(start + PAGE_SIZE) } : {}),
      };
    },
  };

  const answer = (request: IncomingMessage, raw: Buffer): unknown => {
    if (request.method !== 'POST')
      throw new CognitoError('UnknownOperationException', 'Only POST is supported');
    const target = String(request.headers['x-amz-target'] ?? '');
    const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : '';
    const run = operations[operation];
    if (!run)
      throw new CognitoError(
        'UnknownOperationException',
        `The local Cognito supports ${Object.keys(operations).join(', ')}, not ${operation || target}`,
      );
    if (state.failing) {
      state.refused += 1;
      throw new CognitoError('InternalErrorException', 'The local Cognito is failing on purpose.', 500);
    }
    const body = (raw.length ? JSON.parse(raw.toString('utf8')) : {}) as Body;
    if (body.UserPoolId !== LOCAL_USER_POOL_ID)
      throw new CognitoError(
        'ResourceNotFoundException',
        `User pool ${String(body.UserPoolId)} does not exist.`,
      );
    return run(body);
  };

  const server = createServer((request, response) => {
    readBody(request)
      .then((raw) => sendJson(response, 200, answer(request, raw)))
      .catch((error: unknown) => {
        if (error instanceof CognitoError)
          return sendJson(response, error.status, { __type: error.type, message: error.message });
        const message = error instanceof Error ? error.message : String(error);
        return sendJson(response, 400, { __type: 'InvalidParameterException', message });
      });
  });
  guardAwsEndpoint(server, { service: 'cognito-idp' }); // SigV4 with the local credentials, own Host, no web pages
  await listen(server, port, 'Cognito');
  const { port: actual } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${actual}`,
    fresh,
    get failing() {
      return state.failing;
    },
    set failing(value: boolean) {
      state.failing = value;
    },
    get refused() {
      return state.refused;
    },
    user: (username) => users.get(username),
    list: () => [...users.values()],
    seed: (seeded) => {
      const now = Date.now() / 1000;
      for (const user of seeded)
        users.set(user.username, { ...user, groups: [...user.groups], createdAt: now, modifiedAt: now });
      save();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
