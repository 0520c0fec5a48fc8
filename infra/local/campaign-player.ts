// Plays the seed campaign (2016–2020) on the embedded runtime through the public API and the clock,
// the way the seeded organization would: every cell registers each October (some miss a kind), most
// models self-assess in August (some miss it), the committee reviews (some are not recognized) and
// the Office promotes a few. Used by `npm run demo` and by the seed-campaign integration test, which
// derives what the reports must say from the same plan.

import { formatDateTime } from '../../shared/domain/calendar.ts';
import type { ModelKind } from '../../shared/domain/model-kinds.ts';
import type { Cell, Person } from '../../shared/domain/types.ts';

export interface Answer<T> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
}

/** The little the player needs of the runtime: the API, tokens and the clock. */
export interface PlayerClient {
  api<T = Record<string, unknown>>(
    token: string | undefined,
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<Answer<T>>;
  token(username: string): Promise<string>;
  clockTo(iso: string): Promise<string>;
}

/** A PlayerClient over HTTP against a runtime's web endpoint. */
export function httpClient(base: string): PlayerClient {
  const api: PlayerClient['api'] = async (token, method, path, body, headers = {}) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      // A string goes as it is, so tests can send malformed JSON.
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body: parsed as never, headers: response.headers };
  };
  return {
    api,
    async token(username) {
      const answer = await api<{ token: string }>(undefined, 'POST', '/local/token', { username });
      if (answer.status !== 200) throw new Error(`no token for ${username}: ${answer.status}`);
      return answer.body.token;
    },
    async clockTo(iso) {
      const answer = await api<{ now: string }>(undefined, 'POST', '/local/clock', { to: iso });
      if (answer.status !== 200)
        throw new Error(`clock move to ${iso} refused: ${JSON.stringify(answer.body)}`);
      return answer.body.now;
    },
  };
}

export const SEED_CAMPAIGN_ID = 'dvk-2016-2020';
export const SEED_YEARS = [2016, 2017, 2018, 2019] as const;

/** One model the plan registers, and what becomes of it. */
export interface PlannedModel {
  readonly year: number;
  readonly cellId: string;
  readonly kind: ModelKind;
  /** Who registers it: the secretary (collective) or the person (individual). */
  readonly registrant: string;
  readonly personId?: string;
  readonly title: string;
  readonly area: 1 | 2 | 3;
  readonly selfAssess: boolean;
  readonly decision?: 'recognized' | 'not_recognized';
  readonly tier?: 'exemplary' | 'commended';
}

type Twist = Partial<Pick<PlannedModel, 'selfAssess' | 'decision' | 'tier'>> & {
  skip?: boolean;
  extra?: boolean;
};

// What goes differently, by the campaign's year (first, second…), cell and kind; everything else is
// registered, self-assessed and recognized.
const TWISTS: Record<number, Record<string, Partial<Record<ModelKind | 'individual2', Twist>>>> = {
  0: {
    'dau-gia-ts': { individual: { skip: true } },
    'thanh-tra': { individual: { decision: 'not_recognized' } },
    'van-phong': { collective: { tier: 'commended' } },
    'xd-kiem-tra-vb': { individual: { selfAssess: false } },
  },
  1: {
    'thanh-tra': { collective: { skip: true } },
    'pho-bien-gdpl': { collective: { selfAssess: false } },
    'hanh-chinh-tp': { individual: { tier: 'exemplary' } },
  },
  2: {
    'pho-bien-gdpl': { individual2: { extra: true } },
    'tro-giup-phap-ly': { collective: { decision: 'not_recognized' } },
    'van-phong': { collective: { tier: 'commended' } },
  },
  3: {
    'tro-giup-phap-ly': { individual: { skip: true } },
    'dau-gia-ts': { individual: { tier: 'exemplary' } },
  },
};

const AREA_SUBJECTS: Record<1 | 2 | 3, string> = {
  1: 'tham mưu nghị quyết',
  2: 'triển khai chính sách pháp luật',
  3: 'cải cách hành chính',
};

/** The plan over the seeded organization: deterministic, so tests can compute the expected reports. */
export function campaignPlan(
  cells: readonly Cell[],
  people: readonly Person[],
  years: readonly number[] = SEED_YEARS,
): PlannedModel[] {
  const plan: PlannedModel[] = [];
  years.forEach((year, yearIndex) => {
    cells.forEach((cell, cellIndex) => {
      const secretary = people.find((person) => person.id === cell.secretaryId);
      const members = people
        .filter((person) => person.cellId === cell.id && person.id !== cell.secretaryId)
        .sort((a, b) => a.id.localeCompare(b.id));
      const twists = TWISTS[yearIndex % 4]?.[cell.id] ?? {};
      const area = (((cellIndex + yearIndex) % 3) + 1) as 1 | 2 | 3;
      const entries: [ModelKind | 'individual2', Person | undefined][] = [
        ['collective', undefined],
        ['individual', members[yearIndex % members.length]],
        ['individual2', members[(yearIndex + 1) % members.length]],
      ];
      for (const [slot, person] of entries) {
        const twist = twists[slot] ?? {};
        if (twist.skip || (slot === 'individual2' && !twist.extra)) continue;
        const kind: ModelKind = slot === 'collective' ? 'collective' : 'individual';
        const entryArea = slot === 'individual2' ? ((((area as number) % 3) + 1) as 1 | 2 | 3) : area;
        const title =
          kind === 'collective'
            ? `${cell.name.replace(/^Chi bộ /, '')} khéo ${AREA_SUBJECTS[entryArea]} năm ${year}`
            : `${person?.name ?? ''} khéo ${AREA_SUBJECTS[entryArea]} năm ${year}`;
        plan.push({
          year,
          cellId: cell.id,
          kind,
          registrant: kind === 'collective' ? (secretary?.username ?? '') : (person?.username ?? ''),
          ...(kind === 'individual' && person ? { personId: person.id } : {}),
          title,
          area: entryArea,
          selfAssess: twist.selfAssess ?? true,
          ...(twist.selfAssess === false ? {} : { decision: twist.decision ?? 'recognized' }),
          ...(twist.tier ? { tier: twist.tier } : {}),
        });
      }
    });
  });
  return plan;
}

const SECTIONS = {
  situation: 'Khảo sát tâm tư đảng viên cho thấy vấn đề bức xúc của đơn vị chưa được giải quyết dứt điểm.',
  goals: 'Giải quyết dứt điểm vấn đề đã chọn; mức độ hài lòng đạt trên 90%.',
  methods: 'Tuyên truyền, vận động, phân công theo dõi; kiểm tra hằng tháng.',
  scope: 'Toàn thể đảng viên, công chức, viên chức, người lao động của đơn vị.',
  forces: 'Chi bộ lãnh đạo; chi ủy phân công; đảng viên gương mẫu thực hiện.',
  resources: 'Kinh phí thường xuyên của đơn vị; thực hiện từ tháng 10 đến tháng 8 năm sau.',
  expectedResults: 'Vấn đề được giải quyết; số ý kiến phản ánh giảm một nửa.',
  sustainability: 'Cách làm được ghi vào quy chế của đơn vị và nhân rộng sang các phòng khác.',
};

const VOTE = { eligible: 9, present: 8, for: 7, against: 1, abstain: 0 };
const COMMITTEE = ['an.nv', 'hung.dq', 'nam.lv', 'thang.mx'];
const OFFICE = ['binh.tt', 'cuong.lh'];

export interface PlayedModel extends PlannedModel {
  readonly id: string;
  /** Reviewed on the last day the calendar allows (30/12 of the next year), not on 20/08. */
  readonly reviewedOnLastDay?: boolean;
}

export interface PlayOptions {
  readonly log?: (line: string) => void;
  readonly campaignId?: string;
  readonly years?: readonly number[];
  /** Where the clock stops at the end. */
  readonly endAt?: string;
}

function expectStatus(answer: Answer<unknown>, allowed: readonly number[], what: string): void {
  if (!allowed.includes(answer.status)) {
    throw new Error(`${what}: HTTP ${answer.status} ${JSON.stringify(answer.body)}`);
  }
}

/**
 * Plays a campaign (by default the seed one, to 31/10/2020): each year registration on 02/10,
 * self-assessment on 10/08 and reviews on 20/08 of the next year, except one recognized model a
 * year (all years but the last) reviewed on the last day allowed, 30/12 of the next year, at
 * 16:00. Returns the models with their ids.
 */
export async function playCampaign(
  client: PlayerClient,
  cells: readonly Cell[],
  people: readonly Person[],
  options: PlayOptions = {},
): Promise<PlayedModel[]> {
  const log = options.log ?? (() => undefined);
  const campaignId = options.campaignId ?? SEED_CAMPAIGN_ID;
  const years = options.years ?? SEED_YEARS;
  const plan = campaignPlan(cells, people, years);
  const played: PlayedModel[] = [];
  const byUsername = new Map(people.map((person) => [person.username, person]));
  // Tokens live an hour of clock time: fetch them again after each move.
  let tokens = new Map<string, string>();
  const tokenOf = async (username: string) => {
    const cached = tokens.get(username);
    if (cached) return cached;
    const token = await client.token(username);
    tokens.set(username, token);
    return token;
  };
  const moveTo = async (iso: string) => {
    await client.clockTo(iso);
    tokens = new Map();
    log(`  đồng hồ: ${formatDateTime(new Date(iso))}`);
  };

  const review = async (model: PlayedModel) => {
    const reviewer =
      COMMITTEE.find((username) => byUsername.get(username)?.cellId !== model.cellId) ?? COMMITTEE[0];
    const recognized = model.decision === 'recognized';
    const answer = await client.api(await tokenOf(reviewer ?? ''), 'POST', `/api/models/${model.id}/review`, {
      principles: {
        registered: { met: true },
        democraticVote: { met: true },
        meetsStandard: { met: true },
        spread: recognized ? { met: true } : { met: false, note: 'Chưa lan tỏa ra ngoài phòng.' },
        cellRecognized: { met: true },
      },
      vote: VOTE,
      decision: model.decision,
      reasons: recognized ? '' : 'Mô hình chưa có sức lan tỏa trong cơ quan.',
    });
    expectStatus(answer, [200], `review ${model.title}`);
    if (model.tier) {
      // Nobody promotes a model of their own cell: the Office if one of it sits elsewhere, else a committee member.
      const promoter = [...OFFICE, ...COMMITTEE].find((username) => {
        const person = byUsername.get(username);
        return person && person.cellId !== model.cellId;
      });
      const tiers =
        model.tier === 'commended' ? (['exemplary', 'commended'] as const) : (['exemplary'] as const);
      for (const tier of tiers) {
        const promoted = await client.api(
          await tokenOf(promoter ?? ''),
          'POST',
          `/api/models/${model.id}/tier`,
          {
            tier,
            ...(tier === 'commended' ? { level: 'party_committee' } : {}),
          },
        );
        expectStatus(promoted, [200], `promote ${model.title} to ${tier}`);
      }
    }
  };
  const lastDayReviews: PlayedModel[] = [];

  for (const year of years) {
    await moveTo(`${year}-10-02T09:00:00+07:00`);
    for (const model of plan.filter((entry) => entry.year === year)) {
      const answer = await client.api<{ id: string }>(
        await tokenOf(model.registrant),
        'POST',
        '/api/models',
        {
          campaignId,
          year,
          kind: model.kind,
          cellId: model.cellId,
          ...(model.personId ? { personId: model.personId } : {}),
          title: model.title,
          area: model.area,
          ...SECTIONS,
        },
        {
          'idempotency-key': `demo-${campaignId}-${year}-${model.cellId}-${model.kind}-${model.personId ?? 'cell'}`,
        },
      );
      expectStatus(answer, [200, 201], `register ${model.title}`);
      played.push({ ...model, id: answer.body.id });
    }
    log(`Năm ${year}: đã đăng ký ${played.filter((model) => model.year === year).length} mô hình`);
    // Last year's model kept for the last review day: 30/12 of this year.
    const late = lastDayReviews.splice(0);
    if (late.length > 0) {
      await moveTo(`${year}-12-30T16:00:00+07:00`);
      for (const model of late) await review(model);
      log(`Năm ${year - 1}: ${late.length} mô hình xét, công nhận vào ngày cuối cùng (30/12/${year})`);
    }

    await moveTo(`${year + 1}-08-10T09:00:00+07:00`);
    for (const model of played.filter((entry) => entry.year === year && entry.selfAssess)) {
      const answer = await client.api(
        await tokenOf(model.registrant),
        'POST',
        `/api/models/${model.id}/self-assessment`,
        {
          results: 'Đã hoàn thành các mục tiêu đăng ký; vấn đề của đơn vị được giải quyết.',
          evidence: ['Báo cáo kết quả của chi bộ', 'Biên bản họp chi bộ'],
          cellConfirmed: true,
          ...(model.kind === 'collective' ? { cellVote: VOTE } : {}),
        },
      );
      expectStatus(answer, [200], `self-assess ${model.title}`);
    }

    await moveTo(`${year + 1}-08-20T09:00:00+07:00`);
    const decided = played.filter((entry) => entry.year === year && entry.decision);
    const last = year === years.at(-1);
    const onLastDay = last
      ? undefined
      : decided.find((entry) => entry.decision === 'recognized' && !entry.tier);
    for (const model of decided) {
      if (model === onLastDay) continue;
      await review(model);
    }
    if (onLastDay) {
      const index = played.indexOf(onLastDay);
      played[index] = { ...onLastDay, reviewedOnLastDay: true };
      lastDayReviews.push(played[index] as PlayedModel);
    }
    log(`Năm ${year}: đã tự đánh giá, xét công nhận, đề nghị khen thưởng`);
  }
  await moveTo(options.endAt ?? '2020-10-31T12:00:00+07:00');
  return played;
}
