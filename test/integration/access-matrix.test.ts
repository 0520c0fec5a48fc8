// The access matrix as data, checked against the embedded runtime: every
// catalog route called by one person of each role (holding only that role), a
// person of another cell and a person with no role, each answered as the
// route's declaration says — and a refusal writes nothing.
import { createHash } from 'node:crypto';
import { DynamoDBClient, ScanCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AccessScope, functions, type RouteAccess, type RouteSpec } from '../../functions/catalog.ts';
import { seedCampaign } from '../../infra/local/seed.ts';
import type { Role } from '../../shared/domain/roles.ts';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime.ts';
import { registrationBody } from '../support/models.ts';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const TABLE = 'dan-van-kheo';
const CAMPAIGN = 'dvk-2016-2020';
const CELL = 'ma-tran'; // the cell whose objects every fixture reaches
const OTHER_CELL = 'ma-tran-khac';

type CallerName = Role | 'other-cell' | 'no-role';
const CALLERS: readonly CallerName[] = [
  'office',
  'committee',
  'inspector',
  'secretary',
  'member',
  'other-cell',
  'no-role',
];
// The readers sit in the other cell, so nothing ties them to the models they judge.
const PEOPLE: Record<
  CallerName | 'removable',
  { username: string; cellId: string; roles: Role[]; supervises?: string[] }
> = {
  office: { username: 'mt.office', cellId: OTHER_CELL, roles: ['office'] },
  // Supervises the cell whose models the fixtures reach: the committee's routes on supervised cells let them through.
  committee: { username: 'mt.committee', cellId: OTHER_CELL, roles: ['committee'], supervises: [CELL] },
  inspector: { username: 'mt.inspector', cellId: OTHER_CELL, roles: ['inspector'] },
  secretary: { username: 'mt.secretary', cellId: CELL, roles: ['secretary'] },
  member: { username: 'mt.member', cellId: CELL, roles: ['member'] },
  // The other cell's secretary and member at once: whatever a cell may do, this one may, on its own cell only.
  'other-cell': { username: 'mt.other', cellId: OTHER_CELL, roles: ['secretary', 'member'] },
  // Created as a member (the form requires a role), then left with none in the setup.
  'no-role': { username: 'mt.none', cellId: CELL, roles: ['member'] },
  // Not a caller: the person the Office removes.
  removable: { username: 'mt.removable', cellId: CELL, roles: ['member'] },
};
const personId = (caller: CallerName | 'removable') => `p-${PEOPLE[caller].username.replace('.', '-')}`;

interface Request {
  readonly path: string;
  readonly body?: unknown;
}
interface Context {
  readonly rt: TestRuntime;
  readonly ids: Record<string, string>;
  /** A fresh model registered by the member, waiting for its self-assessment. */
  freshModel(): Promise<string>;
}
interface Fixture {
  /** The request; `allowed` says whether the caller is let through (a refusal must prepare nothing new). */
  request(ctx: Context, caller: CallerName, allowed: boolean): Request | Promise<Request>;
  /** Domain answers an allowed caller may get, because of the object's state, with the reason. */
  readonly tolerated?: {
    readonly statuses: readonly number[];
    readonly reason: string;
    /** Only for these callers; for every allowed caller when absent. */
    readonly callers?: readonly CallerName[];
  };
  /** The member's case runs after every other one, in this order: it changes the member's only model. */
  readonly last?: number;
  /** The request reaches only the caller's own (their tasks, the cells they may see): no out-of-scope case. */
  readonly ownByConstruction?: string;
}

const modelContent = () => {
  const {
    campaignId: _c,
    year: _y,
    kind: _k,
    cellId: _cell,
    personId: _p,
    ...content
  } = registrationBody() as Record<string, unknown>;
  return content;
};

function campaignBody(from: number, name: string) {
  const seed = seedCampaign();
  return {
    name,
    status: 'draft',
    period: { from: `${from}-10-01`, to: `${from + 4}-10-31` },
    calendar: seed.calendar,
    phases: [
      {
        id: 'dot-1',
        name: `Đợt 1 (10/${from} - 10/${from + 4})`,
        from: `${from}-10-01`,
        to: `${from + 4}-10-31`,
        review: 'final',
        reviewDeadline: `${from + 4}-08-31`,
      },
    ],
    areas: seed.areas,
    criteria: seed.criteria,
    quorum: seed.quorum,
    majority: seed.majority,
  };
}

const PDF_BYTES = new TextEncoder().encode('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const attachmentBody = {
  stage: 'registration',
  name: 'Biên bản họp.pdf',
  contentType: 'application/pdf',
  size: PDF_BYTES.length,
};
// What the rules answer on the fixture model, still implementing, once the caller is let through.
const notSelfAssessed = {
  statuses: [409],
  reason: 'the fixture model is still implementing: a review waits for its self-assessment',
};
const notRecognized = {
  statuses: [409],
  reason: 'the fixture model is not recognized: only a recognized model is promoted',
};
const notExemplary = {
  statuses: [422],
  reason: 'the fixture model is not exemplary: only an exemplary model is proposed for commendation',
};

/** One valid request per catalog route, by `METHOD path`. */
const FIXTURES: Record<string, Fixture> = {
  'GET /api/campaigns': { request: () => ({ path: '/api/campaigns' }) },
  'GET /api/cells': {
    request: () => ({ path: '/api/cells' }),
    ownByConstruction: 'lists only the cells the caller may see',
  },
  'POST /api/models': {
    request: (_ctx, caller) =>
      caller === 'member'
        ? {
            path: '/api/models',
            body: registrationBody({ kind: 'individual', cellId: CELL, personId: personId('member') }),
          }
        : { path: '/api/models', body: registrationBody({ cellId: CELL, title: `Mô hình của ${caller}` }) },
    tolerated: {
      statuses: [409],
      callers: ['member'],
      reason: 'the member registered their one individual model of the year in the setup',
    },
  },
  'GET /api/models': {
    request: (_ctx, caller) =>
      caller === 'member'
        ? { path: `/api/models?campaignId=${CAMPAIGN}&year=2016&personId=${personId('member')}` }
        : { path: `/api/models?campaignId=${CAMPAIGN}&year=2016&cellId=${CELL}` },
  },
  'GET /api/models/{id}': { request: (ctx) => ({ path: `/api/models/${ctx.ids.model}` }) },
  'PUT /api/models/{id}': {
    request: (ctx) => ({ path: `/api/models/${ctx.ids.model}`, body: modelContent() }),
  },
  'POST /api/models/{id}/withdraw': {
    request: async (ctx, caller, allowed) => ({
      path: `/api/models/${allowed && caller !== 'member' ? await ctx.freshModel() : ctx.ids.model}/withdraw`,
      body: { reason: 'Chi bộ đổi mô hình' },
    }),
    // A member has one individual model a year: theirs is withdrawn once every other case has used it.
    last: 2,
    tolerated: {
      statuses: [409],
      callers: ['member'],
      reason:
        'the member’s only model was self-assessed just before, and a self-assessed model is not withdrawn',
    },
  },
  'POST /api/models/{id}/return': {
    request: async (ctx, _caller, allowed) => ({
      path: `/api/models/${allowed ? await ctx.freshModel() : ctx.ids.model}/return`,
      body: { reason: 'Bổ sung kết quả dự kiến và cách đo.' },
    }),
  },
  'POST /api/extensions': {
    request: () => ({
      path: '/api/extensions',
      body: {
        campaignId: CAMPAIGN,
        year: 2016,
        cellId: CELL,
        closesBefore: '2016-10-20T00:00:00+07:00',
        reason: 'Chi bộ mới thành lập',
      },
    }),
  },
  'GET /api/extensions': { request: () => ({ path: `/api/extensions?campaignId=${CAMPAIGN}&year=2016` }) },
  'GET /api/cells/{cellId}/compliance': {
    request: () => ({ path: `/api/cells/${CELL}/compliance?campaignId=${CAMPAIGN}&year=2016` }),
  },
  'POST /api/models/{id}/self-assessment': {
    request: async (ctx, caller, allowed) => ({
      path: `/api/models/${allowed && caller !== 'member' ? await ctx.freshModel() : ctx.ids.model}/self-assessment`,
      body: {
        results: 'Đạt các mục tiêu.',
        evidence: [],
        cellConfirmed: true,
        cellVote: { eligible: 5, present: 5, for: 5, against: 0, abstain: 0 },
      },
    }),
    last: 1,
  },
  'POST /api/models/{id}/review': {
    request: (ctx) => ({
      path: `/api/models/${ctx.ids.model}/review`,
      body: {
        principles: {
          registered: { met: true, note: 'Có đăng ký đúng hạn' },
          democraticVote: { met: true, note: 'Bỏ phiếu công khai' },
          meetsStandard: { met: true, note: 'Đúng tiêu chuẩn' },
          spread: { met: true, note: 'Lan tỏa' },
          cellRecognized: { met: true, note: 'Chi bộ công nhận' },
        },
        vote: { eligible: 9, present: 7, for: 6, against: 1, abstain: 0 },
        decision: 'recognized',
        reasons: '',
      },
    }),
    tolerated: notSelfAssessed,
  },
  'POST /api/models/{id}/tier': {
    request: (ctx) => ({ path: `/api/models/${ctx.ids.model}/tier`, body: { tier: 'exemplary' } }),
    tolerated: notRecognized,
  },
  'GET /api/models/{id}/history': { request: (ctx) => ({ path: `/api/models/${ctx.ids.model}/history` }) },
  'POST /api/models/{id}/attachments': {
    request: (ctx) => ({ path: `/api/models/${ctx.ids.model}/attachments`, body: attachmentBody }),
  },
  'POST /api/models/{id}/attachments/{attachmentId}/confirm': {
    request: (ctx) => ({ path: `/api/models/${ctx.ids.model}/attachments/${ctx.ids.attachment}/confirm` }),
  },
  'GET /api/models/{id}/attachments': {
    request: (ctx) => ({ path: `/api/models/${ctx.ids.model}/attachments` }),
  },
  'GET /api/models/{id}/attachments/{attachmentId}': {
    request: (ctx) => ({ path: `/api/models/${ctx.ids.model}/attachments/${ctx.ids.attachment}` }),
  },
  'GET /api/audit/{entity}/{id}': { request: () => ({ path: `/api/audit/cell/${CELL}` }) },
  'POST /api/mail/{id}/resend': {
    request: (ctx) => ({ path: `/api/mail/${ctx.ids.mail}/resend` }),
    tolerated: {
      statuses: [409],
      reason: 'only a failed message is sent again; the fixture was delivered',
    },
  },
  'GET /api/cells/{cellId}/people': { request: () => ({ path: `/api/cells/${CELL}/people` }) },
  'POST /api/campaigns': {
    request: () => ({
      path: '/api/campaigns',
      body: campaignBody(2031, 'Phong trào thi đua giai đoạn 2031 - 2035'),
    }),
  },
  'PUT /api/campaigns/{id}': {
    request: (ctx) => ({
      path: `/api/campaigns/${ctx.ids.campaign}`,
      body: campaignBody(2036, 'Phong trào thi đua giai đoạn 2036 - 2040'),
    }),
  },
  'POST /api/cells': { request: () => ({ path: '/api/cells', body: { name: 'Chi bộ Phòng Công chứng' } }) },
  'PUT /api/cells/{cellId}': {
    request: () => ({
      path: `/api/cells/${CELL}`,
      body: { name: 'Chi bộ Ma trận', secretaryId: personId('secretary') },
    }),
  },
  'GET /api/people': { request: () => ({ path: `/api/people?cellId=${CELL}` }) },
  'POST /api/people': {
    request: () => ({
      path: '/api/people',
      body: { username: 'mt.moi', name: 'Người Mới', email: 'mt.moi@stp.example.vn', cellId: CELL },
    }),
  },
  'PUT /api/people/{id}': {
    request: () => ({
      path: `/api/people/${personId('member')}`,
      body: {
        username: PEOPLE.member.username,
        name: 'Đảng viên Ma Trận',
        email: `${PEOPLE.member.username}@stp.example.vn`,
        cellId: CELL,
        roles: ['member'],
      },
    }),
  },
  'DELETE /api/people/{id}': { request: () => ({ path: `/api/people/${personId('removable')}` }) },
  'POST /api/imports': {
    request: () => ({
      path: '/api/imports',
      body: {
        kind: 'people',
        format: 'csv',
        content:
          'Họ và tên,Tên đăng nhập,Email,Chi bộ,Vai trò\r\nTrần Văn Nhập,mt.nhap,mt.nhap@stp.example.vn,Chi bộ Ma trận,Đảng viên',
        fileName: 'dang-vien.csv',
      },
    }),
  },
  'POST /api/imports/{id}/run': { request: (ctx) => ({ path: `/api/imports/${ctx.ids.import}/run` }) },
  'GET /api/imports/{id}': { request: (ctx) => ({ path: `/api/imports/${ctx.ids.import}` }) },
  'GET /api/reports/{kind}': {
    request: () => ({ path: `/api/reports/term?campaignId=${CAMPAIGN}` }),
  },
  'GET /api/dashboard': { request: () => ({ path: `/api/dashboard?campaignId=${CAMPAIGN}` }) },
  'GET /api/organization-profile': { request: () => ({ path: '/api/organization-profile' }) },
  'PUT /api/organization-profile': {
    request: (ctx) => ({
      path: '/api/organization-profile',
      body: ctx.ids.profile ? JSON.parse(ctx.ids.profile) : {},
    }),
  },
  'POST /api/documents': {
    request: (ctx) => ({
      path: '/api/documents',
      body: { type: 'registration-form', modelId: ctx.ids.model },
    }),
  },
  'GET /api/documents': {
    request: () => ({ path: `/api/documents?campaignId=${CAMPAIGN}&year=2016` }),
    ownByConstruction: 'lists only the documents the caller may read',
  },
  'GET /api/documents/{id}': { request: (ctx) => ({ path: `/api/documents/${ctx.ids.issued}` }) },
  'PUT /api/documents/{id}': {
    request: (ctx) => ({ path: `/api/documents/${ctx.ids.draft}`, body: { recipients: ['Lưu Văn phòng'] } }),
  },
  'POST /api/documents/{id}/issue': {
    request: (ctx) => ({ path: `/api/documents/${ctx.ids.draft}/issue`, body: {} }),
  },
  'POST /api/documents/{id}/cancel': {
    request: (ctx) => ({
      path: `/api/documents/${ctx.ids.issued}/cancel`,
      body: { reason: 'Ban hành nhầm' },
    }),
  },
  'POST /api/models/{id}/commendation-proposal': {
    request: (ctx) => ({
      path: `/api/models/${ctx.ids.model}/commendation-proposal`,
      body: { reason: 'Mô hình tiêu biểu của chi bộ' },
    }),
    tolerated: notExemplary,
  },
  'GET /api/commendation-proposals': {
    request: () => ({ path: `/api/commendation-proposals?campaignId=${CAMPAIGN}&year=2016` }),
  },
  'GET /api/tasks': {
    request: () => ({ path: '/api/tasks' }),
    ownByConstruction: 'everyone reads their own tasks',
  },
};

const ROUTES: RouteSpec[] = functions.flatMap((spec) => spec.routes ?? []);
const routeKey = (route: RouteSpec) => `${route.method} ${route.path}`;

type Expectation = { kind: 'allowed' } | { kind: 'refused'; statuses: readonly number[] };

/** What the declaration promises the caller on the fixture's request. */
function expectation(access: RouteAccess, fixture: Fixture, caller: CallerName): Expectation {
  const forbidden = { kind: 'refused', statuses: [403] } as const;
  // Refused by the API envelope before any route looks at scope.
  if (caller === 'no-role') return forbidden;
  const scopes = PEOPLE[caller].roles
    .map((role) => access.roles[role])
    .filter((scope): scope is AccessScope => scope !== undefined);
  if (scopes.length === 0) return forbidden;
  if (caller !== 'other-cell' || scopes.includes('all') || fixture.ownByConstruction)
    return { kind: 'allowed' };
  return { kind: 'refused', statuses: [access.outOfScope] };
}

describe('the access matrix', () => {
  let rt: TestRuntime;
  let dynamo: DynamoDBClient;
  const tokens = new Map<CallerName, string>();
  const ids: Record<string, string> = {};
  let office = '';

  const fingerprint = async (): Promise<string> => {
    const hash = createHash('sha256');
    let count = 0;
    let start: Record<string, unknown> | undefined;
    const items: string[] = [];
    do {
      const page = await dynamo.send(
        new ScanCommand({ TableName: TABLE, ExclusiveStartKey: start as never }),
      );
      for (const item of page.Items ?? []) items.push(JSON.stringify(Object.entries(item).sort()));
      count += page.Count ?? 0;
      start = page.LastEvaluatedKey;
    } while (start);
    for (const item of items.sort()) hash.update(item);
    return `${count}:${hash.digest('hex')}`;
  };
  /** Waits until the background work (workflows, mail) has settled, so a refusal's fingerprint is its own. */
  const settled = async () => {
    let previous = await fingerprint();
    for (let round = 0; round < 40; round += 1) {
      await new Promise((resolve) => setTimeout(resolve, 150));
      const next = await fingerprint();
      if (next === previous) return;
      previous = next;
    }
  };
  const waitImplementing = async (modelId: string) => {
    for (let round = 0; round < 100; round += 1) {
      const model = await rt.api<{ status: string; taskToken?: string }>(
        office,
        'GET',
        `/api/models/${modelId}`,
      );
      if (model.body.status === 'implementing') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await settled();
  };
  let freshCount = 0;
  const ctx: Context = {
    get rt() {
      return rt;
    },
    ids,
    async freshModel() {
      const answer = await rt.api<{ id: string }>(
        tokens.get('secretary'),
        'POST',
        '/api/models',
        registrationBody({ cellId: CELL, title: `Mô hình thử số ${++freshCount}` }),
      );
      if (answer.status !== 201) throw new Error(`fresh model: ${JSON.stringify(answer.body)}`);
      await waitImplementing(answer.body.id);
      return answer.body.id;
    },
  };

  beforeAll(async () => {
    rt = await startTestRuntime({ clockStart: '2016-10-03T08:00:00+07:00' });
    const endpoints = (await rt.api<{ dynamodb: string }>(undefined, 'GET', '/local/endpoints')).body;
    dynamo = new DynamoDBClient({ endpoint: endpoints.dynamodb, region: 'us-east-1', credentials });
    office = await rt.token('binh.tt');
    const must = async <T>(what: string, answer: Promise<{ status: number; body: T }>) => {
      const got = await answer;
      if (got.status >= 300) throw new Error(`${what}: ${got.status} ${JSON.stringify(got.body)}`);
      return got.body;
    };
    await must('cell', rt.api(office, 'POST', '/api/cells', { id: CELL, name: 'Chi bộ Ma trận' }));
    await must(
      'other cell',
      rt.api(office, 'POST', '/api/cells', { id: OTHER_CELL, name: 'Chi bộ Ma trận khác' }),
    );
    for (const caller of [...CALLERS, 'removable' as const]) {
      const { username, cellId, roles, supervises } = PEOPLE[caller];
      await must(
        username,
        rt.api(office, 'POST', '/api/people', {
          username,
          name: `Người ${caller}`,
          email: `${username}@stp.example.vn`,
          cellId,
          roles,
          ...(supervises ? { supervises } : {}),
        }),
      );
    }
    // The Office's form requires a role, so the person with none is written straight into their item.
    await dynamo.send(
      new UpdateItemCommand({
        TableName: TABLE,
        Key: { pk: { S: `PERSON#${personId('no-role')}` }, sk: { S: 'META' } },
        UpdateExpression: 'SET #roles = :none',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#roles': 'roles' },
        ExpressionAttributeValues: { ':none': { L: [] } },
      }),
    );
    await must(
      'secretary',
      rt.api(office, 'PUT', `/api/cells/${CELL}`, {
        name: 'Chi bộ Ma trận',
        secretaryId: personId('secretary'),
      }),
    );
    await must(
      'other secretary',
      rt.api(office, 'PUT', `/api/cells/${OTHER_CELL}`, {
        name: 'Chi bộ Ma trận khác',
        secretaryId: personId('other-cell'),
      }),
    );
    for (const caller of CALLERS) tokens.set(caller, await rt.token(PEOPLE[caller].username));

    const model = await must<{ id: string }>(
      'model',
      rt.api(
        tokens.get('member'),
        'POST',
        '/api/models',
        registrationBody({
          kind: 'individual',
          cellId: CELL,
          personId: personId('member'),
          title: 'Ma trận khéo',
        }),
      ),
    );
    ids.model = model.id;
    await waitImplementing(model.id);
    const upload = await must<{
      attachment: { id: string };
      upload: { url: string; fields: Record<string, string> };
    }>(
      'attachment',
      rt.api(tokens.get('member'), 'POST', `/api/models/${model.id}/attachments`, attachmentBody),
    );
    const form = new FormData();
    for (const [name, value] of Object.entries(upload.upload.fields)) form.append(name, value);
    form.append('file', new Blob([PDF_BYTES]), 'file');
    const posted = await fetch(upload.upload.url, { method: 'POST', body: form });
    if (posted.status !== 204) throw new Error(`upload: ${posted.status}`);
    await must(
      'confirm',
      rt.api(
        tokens.get('member'),
        'POST',
        `/api/models/${model.id}/attachments/${upload.attachment.id}/confirm`,
      ),
    );
    ids.attachment = upload.attachment.id;
    const campaign = await must<{ id: string }>(
      'campaign',
      rt.api(
        office,
        'POST',
        '/api/campaigns',
        campaignBody(2036, 'Phong trào thi đua giai đoạn 2036 - 2040'),
      ),
    );
    ids.campaign = campaign.id;
    const issued = await must<{ id: string }>(
      'document',
      rt.api(office, 'POST', '/api/documents', { type: 'registration-form', modelId: model.id }),
    );
    await must('issue', rt.api(office, 'POST', `/api/documents/${issued.id}/issue`, {}));
    ids.issued = issued.id;
    const draft = await must<{ id: string }>(
      'draft',
      rt.api(office, 'POST', '/api/documents', { type: 'registration-form', modelId: model.id }),
    );
    ids.draft = draft.id;
    const started = await must<{ id: string }>(
      'import',
      rt.api(office, 'POST', '/api/imports', {
        kind: 'people',
        format: 'csv',
        content:
          'Họ và tên,Tên đăng nhập,Email,Chi bộ,Vai trò\r\nTrần Văn Đầu,mt.dau,mt.dau@stp.example.vn,Chi bộ Ma trận,Đảng viên',
        fileName: 'dau.csv',
      }),
    );
    ids.import = started.id;
    const profile = await must<{ profile: unknown }>(
      'profile',
      rt.api(office, 'GET', '/api/organization-profile'),
    );
    ids.profile = JSON.stringify(profile.profile);
    await settled();
    const mail = await dynamo.send(
      new ScanCommand({
        TableName: TABLE,
        FilterExpression: 'entity = :mail',
        ExpressionAttributeValues: { ':mail': { S: 'mail' } },
      }),
    );
    const mailId = mail.Items?.[0]?.id?.S;
    if (!mailId) throw new Error('no message in the outbox to send again');
    ids.mail = mailId;
  }, 120_000);
  afterAll(async () => {
    dynamo?.destroy();
    await rt?.close();
  });

  it('has a declaration and a fixture for every catalog route, and no fixture for a route that is gone', () => {
    // Assess
    expect(ROUTES.filter((route) => !route.access).map(routeKey)).toEqual([]);
    expect(ROUTES.filter((route) => !FIXTURES[routeKey(route)]).map(routeKey)).toEqual([]);
    expect(Object.keys(FIXTURES).filter((key) => !ROUTES.some((route) => routeKey(route) === key))).toEqual(
      [],
    );
  });

  const cases = ROUTES.flatMap((route) =>
    CALLERS.map((caller) => {
      const fixture = FIXTURES[routeKey(route)];
      const access = route.access;
      const expected = fixture && access ? expectation(access, fixture, caller) : undefined;
      return { route, caller, fixture, access, expected };
    }),
  );

  // Every refusal first, over a settled table, so a change can only be the refused call's own.
  describe('refused, and nothing written', () => {
    for (const { route, caller, fixture, expected } of cases) {
      if (expected?.kind !== 'refused' || !fixture) continue;
      it(`${routeKey(route)} as ${caller} → ${expected.statuses.join(' or ')}`, async () => {
        // Prepare
        const request = await fixture.request(ctx, caller, false);
        const before = await fingerprint();
        // Act
        const answer = await rt.api(tokens.get(caller), route.method, request.path, request.body);
        // Assess
        expect(expected.statuses, JSON.stringify(answer.body)).toContain(answer.status);
        expect(await fingerprint()).toBe(before);
      });
    }
  });

  const lastOf = (c: (typeof cases)[number]) => (c.caller === 'member' ? (c.fixture?.last ?? 0) : 0);
  describe('allowed', () => {
    for (const { route, caller, fixture, expected } of [...cases].sort((a, b) => lastOf(a) - lastOf(b))) {
      if (expected?.kind !== 'allowed' || !fixture) continue;
      it(`${routeKey(route)} as ${caller} → answered`, async () => {
        // Prepare
        const request = await fixture.request(ctx, caller, true);
        // Act
        const answer = await rt.api(tokens.get(caller), route.method, request.path, request.body);
        // Assess
        const { tolerated } = fixture;
        const ok =
          answer.status < 300 ||
          ((tolerated?.statuses.includes(answer.status) ?? false) &&
            (tolerated?.callers?.includes(caller) ?? true));
        expect(ok, `${answer.status} ${JSON.stringify(answer.body)}`).toBe(true);
      });
    }
  });
});
