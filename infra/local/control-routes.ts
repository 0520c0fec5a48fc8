// The local control calls (/local/*): what a developer, the tests and the
// benchmarks use to sign in, move the clock, read the outbox, make SES or
// Cognito fail, and find the endpoints. The API stand-in guards them (this
// origin only, JSON only) before they get here.
import type { ServerResponse } from 'node:http';
import { cellRepository } from '../../shared/data/cells.ts';
import { personRepository } from '../../shared/data/people.ts';
import type { LocalControlHandler } from './api-gateway.ts';
import { LOCAL_USER_POOL_ID, type LocalCognito } from './cognito.ts';
import { sendJson } from './http-util.ts';
import { type LocalIdentity, TokenRejectedError } from './identity.ts';
import type { LocalScheduler } from './scheduler.ts';
import type { LocalSes } from './ses.ts';
import type { VirtualClock } from './virtual-clock.ts';

/** What the control calls read and switch. */
export interface ControlDependencies {
  readonly clock: VirtualClock;
  readonly ses: LocalSes;
  readonly cognito: LocalCognito;
  readonly scheduler: LocalScheduler;
  /** The runtime's endpoints; the web's own is filled in once its server listens. */
  readonly endpoints: Readonly<
    Record<'web' | 'dynamodb' | 'stepfunctions' | 'ses' | 's3' | 'cognito', string>
  >;
  readonly region: string;
  /** The local identity provider, once it is ready. */
  readonly identity: () => LocalIdentity;
}

/** The handler of every /local/* call; false when the path is none of them. */
export function createControlRoutes(dependencies: ControlDependencies): LocalControlHandler {
  const { clock, ses, cognito, scheduler, endpoints, region } = dependencies;
  const currentIdentity = dependencies.identity;
  return async (method: string, path: string, body: Buffer, _url: URL, response: ServerResponse) => {
    const route = `${method} ${path}`;
    switch (route) {
      case 'GET /local/users':
        sendJson(response, 200, { users: await listUsers() });
        return true;
      case 'POST /local/token': {
        // {username}: signs the person in; {refreshToken}: renews their session. Both read the
        // person's record now, so a person the Office just added signs in at once and a role
        // changed on the organization page is in the very next token.
        const parsed = parseJson(body);
        const fields = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as {
          username?: unknown;
          refreshToken?: unknown;
          lifetimeSeconds?: unknown;
        };
        const lifetime = typeof fields.lifetimeSeconds === 'number' ? fields.lifetimeSeconds : undefined;
        let person: Awaited<ReturnType<typeof personRepository.get>>;
        if (typeof fields.refreshToken === 'string' && fields.refreshToken !== '') {
          try {
            person = await personRepository.get(await currentIdentity().verifyRefresh(fields.refreshToken));
          } catch (error) {
            if (!(error instanceof TokenRejectedError)) throw error;
            person = undefined;
          }
          if (!person) {
            sendJson(
              response,
              401,
              localError(
                'unauthenticated',
                'Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại.',
                'refreshToken',
              ),
            );
            return true;
          }
        } else {
          const { username } = fields;
          if (typeof username !== 'string' || username === '') {
            sendJson(
              response,
              400,
              localError('invalid_input', 'Thiếu tên đăng nhập (username).', 'username'),
            );
            return true;
          }
          person = await personRepository.findByUsername(username);
          if (!person) {
            sendJson(
              response,
              404,
              localError('not_found', `Không có người dùng “${username}”.`, 'username'),
            );
            return true;
          }
        }
        // A user the pool holds disabled (a person removed from the records) signs in no more.
        if (cognito.user(person.username)?.enabled === false) {
          sendJson(
            response,
            403,
            localError('forbidden', `Tài khoản “${person.username}” đã bị khóa.`, 'username'),
          );
          return true;
        }
        sendJson(response, 200, {
          token: await currentIdentity().issue({ ...person, personId: person.id }, lifetime),
          refreshToken: await currentIdentity().issueRefresh(person.id),
        });
        return true;
      }
      case 'GET /local/clock':
        sendJson(response, 200, { now: new Date(clock.now()).toISOString() });
        return true;
      case 'POST /local/clock': {
        const parsed = parseJson(body) as { to?: unknown } | undefined;
        const to = typeof parsed?.to === 'string' ? Date.parse(parsed.to) : Number.NaN;
        if (Number.isNaN(to)) {
          sendJson(response, 400, localError('invalid_input', 'Thời điểm “to” phải theo ISO-8601.', 'to'));
          return true;
        }
        try {
          clock.assertForward(to);
        } catch (error) {
          sendJson(response, 409, localError('conflict', (error as Error).message, 'to'));
          return true;
        }
        await clock.advanceTo(to);
        sendJson(response, 200, { now: new Date(clock.now()).toISOString() });
        return true;
      }
      case 'GET /local/outbox':
        sendJson(response, 200, { items: ses.list() });
        return true;
      case 'GET /local/ses':
        sendJson(response, 200, { failing: ses.failing, failingFor: ses.failingFor, refused: ses.refused });
        return true;
      case 'POST /local/ses': {
        // {failing}: SES refuses every send, or none; {failing, addresses}: only sends to those addresses.
        const parsed = parseJson(body) as { failing?: unknown; addresses?: unknown } | undefined;
        if (typeof parsed?.failing !== 'boolean') {
          sendJson(
            response,
            400,
            localError('invalid_input', 'Cần “failing”: true (SES từ chối mọi thư) hoặc false.', 'failing'),
          );
          return true;
        }
        const addresses = parsed.addresses ?? [];
        if (!Array.isArray(addresses) || !addresses.every((address) => typeof address === 'string')) {
          sendJson(
            response,
            400,
            localError('invalid_input', '“addresses” là danh sách địa chỉ thư bị từ chối.', 'addresses'),
          );
          return true;
        }
        ses.failing = parsed.failing;
        ses.failingFor = addresses;
        sendJson(response, 200, { failing: ses.failing, failingFor: ses.failingFor, refused: ses.refused });
        return true;
      }
      case 'GET /local/cognito':
        sendJson(response, 200, {
          failing: cognito.failing,
          refused: cognito.refused,
          users: cognito.list(),
        });
        return true;
      case 'POST /local/cognito': {
        const parsed = parseJson(body) as { failing?: unknown } | undefined;
        if (typeof parsed?.failing !== 'boolean') {
          sendJson(
            response,
            400,
            localError(
              'invalid_input',
              'Cần “failing”: true (Cognito từ chối mọi yêu cầu) hoặc false.',
              'failing',
            ),
          );
          return true;
        }
        cognito.failing = parsed.failing;
        sendJson(response, 200, { failing: cognito.failing, refused: cognito.refused });
        return true;
      }
      case 'GET /local/endpoints':
        sendJson(response, 200, {
          dynamodb: endpoints.dynamodb,
          stepfunctions: endpoints.stepfunctions,
          ses: endpoints.ses,
          s3: endpoints.s3,
          cognito: endpoints.cognito,
          userPoolId: LOCAL_USER_POOL_ID,
          web: endpoints.web,
          region,
        });
        return true;
      case 'GET /local/scheduler':
        sendJson(response, 200, { items: scheduler.fired() });
        return true;
      case 'GET /local/identity/.well-known/jwks.json':
        sendJson(response, 200, currentIdentity().jwks);
        return true;
      case 'GET /local/identity/.well-known/openid-configuration':
        sendJson(response, 200, {
          issuer: currentIdentity().issuer,
          jwks_uri: `${currentIdentity().issuer}/.well-known/jwks.json`,
        });
        return true;
    }
    const message = /^GET \/local\/outbox\/([^/]+?)(\.eml)?$/.exec(route);
    if (message?.[1]) {
      const id = decodeURIComponent(message[1]);
      if (message[2]) {
        const raw = ses.raw(id);
        if (!raw) return false;
        response.writeHead(200, { 'content-type': 'message/rfc822' });
        response.end(raw);
        return true;
      }
      const found = ses.read(id);
      if (!found) {
        sendJson(response, 404, localError('not_found', 'Không có thư này.', 'id'));
        return true;
      }
      sendJson(response, 200, found);
      return true;
    }
    return false;
  };
}

/** Everyone on the records, cell by cell. */
export async function listPeople() {
  const cells = await cellRepository.list();
  return (await Promise.all(cells.map((cell) => personRepository.listByCell(cell.id)))).flat();
}

async function listUsers() {
  const cells = await cellRepository.list();
  const people = await listPeople();
  const cellNames = new Map(cells.map((cell) => [cell.id, cell.name]));
  return people.map((person) => ({
    username: person.username,
    personId: person.id,
    name: person.name,
    roles: person.roles,
    cellId: person.cellId,
    cellName: cellNames.get(person.cellId) ?? person.cellId,
  }));
}

function parseJson(body: Buffer): unknown {
  try {
    return body.length ? JSON.parse(body.toString('utf8')) : undefined;
  } catch {
    return undefined;
  }
}

function localError(code: string, message: string, path: string) {
  return { error: { code, message, fields: [{ path, message }] } };
}
