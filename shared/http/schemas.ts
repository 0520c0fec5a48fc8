// The API's request schemas (DESIGN §5). Field names are the contract;
// messages are Vietnamese (zod's vi locale plus our own wording).
import * as z from 'zod';
import { PRINCIPLES } from '../domain/recognition.ts';
import { MODEL_KINDS, MODEL_SECTIONS, type ModelSection } from '../domain/types.ts';

export const TITLE_MAX = 200;
export const SECTION_MAX = 4000;
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

const id = (label: string) =>
  z
    .string({ error: `Bắt buộc: ${label}.` })
    .regex(ID_PATTERN, { error: `${label} không hợp lệ (chỉ gồm chữ, số, “-” và “_”, tối đa 64 ký tự).` });

const text = (label: string, max: number, min = 1) =>
  z
    .string({ error: `Bắt buộc: ${label}.` })
    .trim()
    .min(min, { error: min > 1 ? `${label} cần ít nhất ${min} ký tự.` : `Bắt buộc: ${label}.` })
    .max(max, { error: `${label} tối đa ${max} ký tự.` });

const SECTION_NAMES: Record<ModelSection, string> = {
  situation: 'thực trạng và vấn đề cần giải quyết',
  goals: 'mục tiêu và tiêu chí',
  methods: 'nội dung và phương pháp thực hiện',
  scope: 'phạm vi và đối tượng thụ hưởng',
  forces: 'lực lượng thực hiện và vai trò',
  resources: 'nguồn lực và tiến độ',
  expectedResults: 'kết quả dự kiến đo lường được',
  sustainability: 'tính bền vững và khả năng nhân rộng',
};

const sections = Object.fromEntries(
  MODEL_SECTIONS.map((section) => [section, text(SECTION_NAMES[section], SECTION_MAX)]),
) as Record<ModelSection, ReturnType<typeof text>>;

const modelContent = {
  title: text('tên mô hình', TITLE_MAX, 5),
  area: z.union([z.literal(1), z.literal(2), z.literal(3)], {
    error: 'Lĩnh vực phải là 1, 2 hoặc 3 (theo ba nội dung thi đua của kế hoạch).',
  }),
  subField: text('lĩnh vực cụ thể', 200).optional(),
  ...sections,
};

/** POST /api/models */
export const registerModelBody = z.strictObject({
  campaignId: id('mã phong trào'),
  year: z.int({ error: 'Năm đăng ký phải là số nguyên (năm của tháng 10 đăng ký).' }).min(2000).max(2200),
  kind: z.enum(MODEL_KINDS, {
    error: 'Loại mô hình phải là “collective” (tập thể) hoặc “individual” (cá nhân).',
  }),
  cellId: id('mã chi bộ'),
  personId: id('mã người thực hiện').optional(),
  ...modelContent,
});
export type RegisterModelBody = z.infer<typeof registerModelBody>;

/** PUT /api/models/{id}: the content may change while the window is open. */
export const updateModelBody = z.strictObject(modelContent);
export type UpdateModelBody = z.infer<typeof updateModelBody>;

export const modelIdParams = z.object({ id: id('mã mô hình') });

/** GET /api/models */
export const listModelsQuery = z.object({
  campaignId: id('mã phong trào'),
  year: z.coerce.number({ error: 'Năm phải là số.' }).int().min(2000).max(2200),
  cellId: id('mã chi bộ').optional(),
  personId: id('mã người').optional(),
});

/** GET /api/cells/{cellId}/compliance */
export const complianceQuery = z.object({
  campaignId: id('mã phong trào'),
  year: z.coerce.number({ error: 'Năm phải là số.' }).int().min(2000).max(2200),
});
export const cellIdParams = z.object({ cellId: id('mã chi bộ') });

const isoInstant = z.iso.datetime({
  offset: true,
  error: 'Thời điểm phải theo ISO-8601, ví dụ 2016-10-20T00:00:00+07:00.',
});

/** POST /api/extensions */
export const grantExtensionBody = z.strictObject({
  campaignId: id('mã phong trào'),
  year: z.int().min(2000).max(2200),
  cellId: id('mã chi bộ'),
  closesBefore: isoInstant,
  reason: text('lý do gia hạn', 1000),
});

const count = (label: string) =>
  z
    .int({ error: `${label} phải là số nguyên.` })
    .min(0, { error: `${label} không được âm.` })
    .max(100000);

export const voteSchema = z.strictObject({
  eligible: count('Số người có quyền biểu quyết'),
  present: count('Số người có mặt'),
  for: count('Số phiếu tán thành'),
  against: count('Số phiếu không tán thành'),
  abstain: count('Số phiếu không biểu quyết'),
});

/** POST /api/models/{id}/self-assessment */
export const selfAssessmentBody = z.strictObject({
  results: text('kết quả thực hiện so với mục tiêu đã đăng ký', 8000),
  evidence: z
    .array(text('minh chứng', 1000), { error: 'Minh chứng là danh sách văn bản hoặc đường dẫn.' })
    .max(50, { error: 'Tối đa 50 minh chứng.' }),
  cellConfirmed: z.boolean({ error: 'Xác nhận của chi bộ phải là true hoặc false.' }),
  cellVote: voteSchema.optional(),
});

const finding = z.strictObject({
  met: z.boolean({ error: 'Phải ghi rõ đạt (true) hay không đạt (false).' }),
  note: z.string().trim().max(2000).optional(),
});

/** POST /api/models/{id}/review */
export const reviewBody = z.strictObject({
  principles: z.strictObject(
    Object.fromEntries(PRINCIPLES.map((principle) => [principle, finding])) as Record<
      (typeof PRINCIPLES)[number],
      typeof finding
    >,
  ),
  vote: voteSchema,
  decision: z.enum(['recognized', 'not_recognized'], {
    error: 'Quyết định phải là “recognized” (công nhận) hoặc “not_recognized” (không công nhận).',
  }),
  reasons: z.string().trim().max(4000).default(''),
});

/** POST /api/models/{id}/tier */
export const promoteBody = z.strictObject({
  tier: z.enum(['exemplary', 'commended'], { error: 'Bậc phải là “exemplary” hoặc “commended”.' }),
  level: z.enum(['party_committee', 'higher']).optional(),
  note: z.string().trim().max(2000).optional(),
});

/** GET /api/audit/{entity}/{id} */
export const auditTrailParams = z.object({
  entity: z.enum(['campaign', 'cell', 'person'], { error: 'Loại hồ sơ phải là campaign, cell hoặc person.' }),
  id: id('mã hồ sơ'),
});
