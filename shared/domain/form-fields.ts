// The forms' fields as people see them: each label and limit is written once, here, and both the
// pages (their labels) and the API's schemas (their messages name the field by that label) read it.

import { MODEL_SECTIONS, type ModelSection, SECTION_LABELS } from './sections.ts';
import type { YearlyCalendar } from './types.ts';

/** The headline over the list of fields to fix, from the API and from the pages alike. */
export const CHECK_FIELDS_HEADLINE = 'Vui lòng kiểm tra lại các mục sau';

/** Length limits of the registration form. */
export const MODEL_LIMITS = { titleMin: 5, titleMax: 200, sectionMax: 4000, subFieldMax: 200 } as const;

/** Length limits of the self-assessment, review, tier and withdrawal forms. */
export const ASSESSMENT_LIMITS = {
  resultsMax: 8000,
  evidenceMax: 1000,
  evidenceCount: 20,
  noteMax: 2000,
  reasonsMax: 4000,
  reasonMax: 2000,
} as const;

/** The registration form (and the model's listing queries). */
export const MODEL_FIELD_LABELS = {
  campaignId: 'Phong trào thi đua',
  year: 'Năm đăng ký',
  kind: 'Loại mô hình',
  cellId: 'Chi bộ',
  personId: 'Người thực hiện mô hình',
  area: 'Nội dung thi đua',
  subField: 'Lĩnh vực cụ thể',
  title: 'Tên mô hình',
  id: 'Mã mô hình',
  ...(Object.fromEntries(MODEL_SECTIONS.map((section) => [section, SECTION_LABELS[section]])) as Record<
    ModelSection,
    string
  >),
} as const;

/** The self-assessment form. */
export const SELF_ASSESSMENT_LABELS = {
  results: 'Kết quả thực hiện so với mục tiêu đã đăng ký',
  evidence: 'Minh chứng',
  cellConfirmed: 'Chi ủy, Chi bộ đã xác nhận kết quả này',
  cellVote: 'Kết quả biểu quyết của chi bộ',
} as const;

/** The committee's review form. */
export const REVIEW_LABELS = {
  principles: 'Các nguyên tắc công nhận',
  note: 'Ghi chú',
  vote: 'Kết quả biểu quyết của Ban Chấp hành',
  decision: 'Quyết định',
  reasons: 'Lý do, nhận xét',
} as const;

/** The tier form, the withdrawal form and the Office's extension of a window. */
export const MODEL_ACTION_LABELS = {
  tier: 'Mức biểu dương, khen thưởng',
  level: 'Đề nghị lên',
  note: 'Ghi chú',
  reason: 'Lý do rút',
  returnReason: 'Nội dung cần bổ sung',
  closesBefore: 'Hạn gia hạn đăng ký',
  extensionReason: 'Lý do gia hạn',
  entity: 'Loại hồ sơ',
  recordId: 'Mã hồ sơ',
} as const;

/** The yearly calendar's days on the campaign form. */
export const CALENDAR_LABELS: Readonly<Record<keyof YearlyCalendar, string>> = {
  registrationOpens: 'Mở đăng ký',
  registrationCloses: 'Hết hạn đăng ký',
  selfAssessmentDeadline: 'Hạn tự đánh giá (năm sau)',
  reviewDeadline: 'Hạn xét, công nhận (năm sau)',
  annualReport: 'Báo cáo hằng năm',
};

/** The campaign form. */
export const CAMPAIGN_LABELS = {
  id: 'Mã phong trào',
  name: 'Tên phong trào',
  status: 'Trạng thái',
  periodFrom: 'Bắt đầu',
  periodTo: 'Kết thúc',
  registrationYears: 'Năm đăng ký',
  calendar: 'Lịch hằng năm',
  phases: 'Các đợt',
  phaseId: 'Mã đợt',
  phaseName: 'Tên đợt',
  phaseFrom: 'Từ ngày',
  phaseTo: 'Đến ngày',
  phaseReview: 'Loại đợt',
  phaseReviewDeadline: 'Hạn sơ kết, tổng kết',
  areas: 'Nội dung thi đua',
  areaId: 'Số thứ tự nội dung',
  areaName: 'Tên nội dung thi đua',
  subFields: 'Lĩnh vực cụ thể',
  criteria: 'Tiêu chí theo hướng dẫn',
  quorum: 'Túc số',
  quorumNumerator: 'Túc số: tử số',
  quorumDenominator: 'Túc số: mẫu số',
  majority: 'Tỉ lệ tán thành',
  majorityNumerator: 'Tán thành hơn: tử số',
  majorityDenominator: 'Tán thành hơn: mẫu số',
  minimumPerCell: 'Tối thiểu mỗi chi bộ mỗi năm',
  minimumCollective: 'Tối thiểu mô hình tập thể',
  minimumIndividual: 'Tối thiểu mô hình cá nhân',
} as const;

/** The cell and person forms, and the list import. */
export const ORGANIZATION_LABELS = {
  cellId: 'Mã chi bộ',
  cellName: 'Tên chi bộ',
  secretaryId: 'Bí thư',
  personId: 'Mã người',
  username: 'Tên đăng nhập',
  name: 'Họ và tên',
  email: 'Email',
  personCell: 'Chi bộ',
  roles: 'Vai trò',
  supervises: 'Chi bộ phụ trách',
  importKind: 'Loại danh sách',
  importFormat: 'Loại tệp',
  importContent: 'Tệp CSV hoặc Excel',
  fileName: 'Tên tệp',
  importId: 'Mã lần nhập',
} as const;

/** The reports and dashboard pickers. */
export const REPORT_LABELS = {
  kind: 'Loại báo cáo',
  campaignId: 'Phong trào',
  year: 'Năm đăng ký',
  phaseId: 'Đợt',
  format: 'Dạng báo cáo',
  cells: 'Chi bộ hiển thị',
} as const;
