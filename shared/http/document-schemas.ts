// Request schemas of the document register and the organization's profile. The profile's own rules
// are shared/domain/organization-profile.ts (its validator names every field); here only the shape.
import * as z from 'zod';
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

const paragraphs = (label: string) => labelled(z.array(textField(LABELS.paragraph, 4000)).max(30), label);

/** POST /api/documents */
export const createDocumentBody = form(
  z.strictObject({
    type: labelled(z.enum(DOCUMENT_TYPES), LABELS.type),
    campaignId: codeField(LABELS.campaignId).optional(),
    year: yearField(LABELS.year).optional(),
    modelId: codeField(LABELS.modelId).optional(),
    cellId: codeField(LABELS.cellId).optional(),
    phaseId: codeField(LABELS.phaseId).optional(),
    replaces: codeField(LABELS.replaces).optional(),
  }),
);

/** GET /api/documents?campaignId&year or ?modelId */
export const listDocumentsQuery = address(
  z.object({
    campaignId: codeField(LABELS.campaignId).optional(),
    year: yearQuery(LABELS.year).optional(),
    modelId: codeField(LABELS.modelId).optional(),
  }),
);

/** /api/documents/{id} */
export const documentParams = address(z.object({ id: codeField(LABELS.id) }));

/** GET /api/documents/{id}?format=json|docx|pdf */
export const documentQuery = address(
  z.object({ format: labelled(z.enum(['json', 'docx', 'pdf']), LABELS.format).default('json') }),
);

/** POST /api/documents/{id}/issue: the date and signer may be chosen; today and the default otherwise. */
export const issueDocumentBody = form(
  z.strictObject({
    date: labelled(z.string().regex(/^\d{4}-\d{2}-\d{2}$/), LABELS.date, {
      format: `“${LABELS.date}” phải là một ngày có thật, ví dụ 05/01/2027.`,
    }).optional(),
    signerId: codeField(LABELS.signerId).optional(),
  }),
).default({});

/** POST /api/documents/{id}/cancel */
export const cancelDocumentBody = form(z.strictObject({ reason: noteField(LABELS.reason, 500) }));

/** PUT /api/documents/{id}: what the Office writes in a draft. */
export const updateDraftBody = form(
  z.strictObject({
    narrative: labelled(
      z.strictObject({
        leadership: paragraphs('Công tác lãnh đạo, chỉ đạo').optional(),
        results: paragraphs('Kết quả đạt được').optional(),
        strengths: paragraphs('Ưu điểm').optional(),
        weaknesses: paragraphs('Hạn chế, nguyên nhân').optional(),
        lessons: paragraphs('Bài học kinh nghiệm').optional(),
        directions: paragraphs('Phương hướng, nhiệm vụ').optional(),
        proposals: paragraphs('Đề xuất, kiến nghị').optional(),
      }),
      LABELS.narrative,
    ).optional(),
    reasons: paragraphs(LABELS.reasons).optional(),
    recipients: labelled(z.array(textField(LABELS.recipients, 200)).max(20), LABELS.recipients).optional(),
    signerId: codeField(LABELS.signerId).optional(),
    level: labelled(z.enum(COMMENDATION_LEVELS), LABELS.level).optional(),
  }),
);

/** POST /api/models/{id}/commendation-proposal */
export const proposeCommendationBody = form(
  z.strictObject({
    reason: textField(LABELS.proposalReason, 1000),
    level: labelled(z.enum(COMMENDATION_LEVELS), LABELS.level).optional(),
  }),
);

/** GET /api/commendation-proposals?campaignId&year */
export const proposalsQuery = address(
  z.object({ campaignId: codeField(LABELS.campaignId), year: yearQuery(LABELS.year) }),
);

/** PUT /api/organization-profile: an object here; every field is checked by the profile's validator. */
export const organizationProfileBody = form(z.record(z.string(), z.unknown()));
