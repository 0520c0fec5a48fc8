// Request schemas of the document register and the organization's profile. The profile's own rules
// are shared/domain/organization-profile.ts (its validator names every field); here only the shape.
import * as z from 'zod/mini';
import { DOCUMENT_TYPES } from '../domain/organization-profile.ts';
import { COMMENDATION_LEVELS } from '../domain/tiers.ts';
import { labelled } from './messages.ts';
import { address, codeField, form, noteField, textField, yearField, yearQuery } from './schemas.ts';

const LABELS = {
  type: 'Loại văn bản',
  campaignId: 'Phong trào',
  year: 'Năm',
  modelId: 'Mô hình',
  cellId: 'Chi bộ',
  phaseId: 'Đợt sơ kết, tổng kết',
  replaces: 'Văn bản được thay thế',
  id: 'Mã văn bản',
  format: 'Định dạng tệp',
  reason: 'Lý do hủy',
  date: 'Ngày ban hành',
  signerId: 'Người ký',
  narrative: 'Nội dung báo cáo',
  paragraph: 'Đoạn văn',
  reasons: 'Lý do đề nghị',
  recipients: 'Nơi nhận',
  level: 'Cấp đề nghị',
  proposalReason: 'Thành tích, lý do đề nghị',
} as const;

const paragraphs = (label: string) =>
  labelled(z.array(textField(LABELS.paragraph, 4000)).check(z.maxLength(30)), label);

/** POST /api/documents */
export const createDocumentBody = form(
  z.strictObject({
    type: labelled(z.enum(DOCUMENT_TYPES), LABELS.type),
    campaignId: z.optional(codeField(LABELS.campaignId)),
    year: z.optional(yearField(LABELS.year)),
    modelId: z.optional(codeField(LABELS.modelId)),
    cellId: z.optional(codeField(LABELS.cellId)),
    phaseId: z.optional(codeField(LABELS.phaseId)),
    replaces: z.optional(codeField(LABELS.replaces)),
  }),
);

/** GET /api/documents?campaignId&year or ?modelId */
export const listDocumentsQuery = address(
  z.object({
    campaignId: z.optional(codeField(LABELS.campaignId)),
    year: z.optional(yearQuery(LABELS.year)),
    modelId: z.optional(codeField(LABELS.modelId)),
  }),
);

/** /api/documents/{id} */
export const documentParams = address(z.object({ id: codeField(LABELS.id) }));

/** GET /api/documents/{id}?format=json|docx|pdf */
export const documentQuery = address(
  z.object({ format: z._default(labelled(z.enum(['json', 'docx', 'pdf']), LABELS.format), 'json') }),
);

/** POST /api/documents/{id}/issue: the date and signer may be chosen; today and the default otherwise. */
export const issueDocumentBody = z._default(
  form(
    z.strictObject({
      date: z.optional(
        labelled(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)), LABELS.date, {
          format: `“${LABELS.date}” phải là một ngày có thật, ví dụ 05/01/2027.`,
        }),
      ),
      signerId: z.optional(codeField(LABELS.signerId)),
    }),
  ),
  {},
);

/** POST /api/documents/{id}/cancel */
export const cancelDocumentBody = form(z.strictObject({ reason: noteField(LABELS.reason, 500) }));

/** PUT /api/documents/{id}: what the Office writes in a draft. */
export const updateDraftBody = form(
  z.strictObject({
    narrative: z.optional(
      labelled(
        z.strictObject({
          leadership: z.optional(paragraphs('Công tác lãnh đạo, chỉ đạo')),
          results: z.optional(paragraphs('Kết quả đạt được')),
          strengths: z.optional(paragraphs('Ưu điểm')),
          weaknesses: z.optional(paragraphs('Hạn chế, nguyên nhân')),
          lessons: z.optional(paragraphs('Bài học kinh nghiệm')),
          directions: z.optional(paragraphs('Phương hướng, nhiệm vụ')),
          proposals: z.optional(paragraphs('Đề xuất, kiến nghị')),
        }),
        LABELS.narrative,
      ),
    ),
    reasons: z.optional(paragraphs(LABELS.reasons)),
    recipients: z.optional(
      labelled(z.array(textField(LABELS.recipients, 200)).check(z.maxLength(20)), LABELS.recipients),
    ),
    signerId: z.optional(codeField(LABELS.signerId)),
    level: z.optional(labelled(z.enum(COMMENDATION_LEVELS), LABELS.level)),
  }),
);

/** POST /api/models/{id}/commendation-proposal */
export const proposeCommendationBody = form(
  z.strictObject({
    reason: textField(LABELS.proposalReason, 1000),
    level: z.optional(labelled(z.enum(COMMENDATION_LEVELS), LABELS.level)),
  }),
);

/** GET /api/commendation-proposals?campaignId&year */
export const proposalsQuery = address(
  z.object({ campaignId: codeField(LABELS.campaignId), year: yearQuery(LABELS.year) }),
);

/** PUT /api/organization-profile: an object here; every field is checked by the profile's validator. */
export const organizationProfileBody = form(z.record(z.string(), z.unknown()));
