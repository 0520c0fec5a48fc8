// Request schemas of the Office's administration, reports and dashboard (issue #6).
// The shape is checked here (400); whether the dates hang together is shared/domain/campaign-config.ts.
import * as z from 'zod';
import { ROLES } from '../domain/types.ts';
import { ID_PATTERN } from './schemas.ts';

const id = (label: string) =>
  z
    .string({ error: `Bắt buộc: ${label}.` })
    .regex(ID_PATTERN, { error: `${label} không hợp lệ (chỉ gồm chữ, số, “-” và “_”, tối đa 64 ký tự).` });

const text = (label: string, max: number) =>
  z
    .string({ error: `Bắt buộc: ${label}.` })
    .trim()
    .min(1, { error: `Bắt buộc: ${label}.` })
    .max(max, { error: `${label} tối đa ${max} ký tự.` });

const localDate = (label: string) =>
  z
    .string({ error: `Bắt buộc: ${label}.` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: `${label} phải có dạng YYYY-MM-DD.` });

const monthDay = (label: string) =>
  z
    .string({ error: `Bắt buộc: ${label}.` })
    .regex(/^\d{2}-\d{2}$/, { error: `${label} phải có dạng MM-DD.` });

const ratio = (label: string) =>
  z.strictObject(
    {
      numerator: z
        .int({ error: `Tử số của ${label} phải là số nguyên.` })
        .min(0)
        .max(1000),
      denominator: z
        .int({ error: `Mẫu số của ${label} phải là số nguyên.` })
        .min(1)
        .max(1000),
    },
    { error: `${label}: cần tử số và mẫu số.` },
  );

const year = z.int({ error: 'Năm phải là số nguyên.' }).min(2000).max(2200);

/** POST /api/campaigns and PUT /api/campaigns/{id} */
export const campaignBody = z.strictObject({
  id: id('mã phong trào').optional(),
  name: text('tên phong trào', 300),
  status: z.enum(['draft', 'active', 'closed'], {
    error: 'Trạng thái phải là “draft” (nháp), “active” (đang thực hiện) hoặc “closed” (đã kết thúc).',
  }),
  period: z.strictObject({ from: localDate('ngày bắt đầu'), to: localDate('ngày kết thúc') }),
  registrationYears: z.array(year).max(20).optional(),
  calendar: z.strictObject({
    registrationOpens: monthDay('Ngày mở đăng ký'),
    registrationCloses: monthDay('Ngày kết thúc đăng ký'),
    selfAssessmentDeadline: monthDay('Hạn tự đánh giá'),
    annualReport: monthDay('Ngày báo cáo hằng năm'),
    reviewDeadline: monthDay('Hạn xét, công nhận'),
  }),
  phases: z
    .array(
      z.strictObject({
        id: id('mã đợt'),
        name: text('tên đợt', 200),
        from: localDate('ngày bắt đầu đợt'),
        to: localDate('ngày kết thúc đợt'),
        review: z.enum(['preliminary', 'final'], {
          error: 'Loại đợt phải là “preliminary” (sơ kết) hoặc “final” (tổng kết).',
        }),
        reviewDeadline: localDate('hạn sơ kết / tổng kết'),
      }),
    )
    .max(10),
  areas: z
    .array(
      z.strictObject({
        id: z.int({ error: 'Số thứ tự nội dung phải là số nguyên.' }),
        name: text('tên nội dung thi đua', 1000),
        subFields: z.array(text('lĩnh vực cụ thể', 300)).max(30).default([]),
      }),
    )
    .max(10),
  criteria: z.array(z.string().trim().max(1000, { error: 'Mỗi tiêu chí tối đa 1000 ký tự.' })).max(30),
  quorum: ratio('túc số'),
  majority: ratio('tỉ lệ tán thành'),
  minimumPerCell: z
    .strictObject({
      collective: z.int({ error: 'Số mô hình tập thể tối thiểu phải là số nguyên.' }).min(0).max(20),
      individual: z.int({ error: 'Số mô hình cá nhân tối thiểu phải là số nguyên.' }).min(0).max(20),
    })
    .optional(),
});
export type CampaignBody = z.infer<typeof campaignBody>;

export const campaignIdParams = z.object({ id: id('mã phong trào') });

const username = z
  .string({ error: 'Bắt buộc: tên đăng nhập.' })
  .trim()
  .regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, {
    error: 'Tên đăng nhập gồm chữ thường không dấu, số, “.”, “-”, “_” (2–64 ký tự), ví dụ an.nv.',
  });

const email = z.email({ error: 'Địa chỉ email không hợp lệ.' });

const roles = z
  .array(z.enum(ROLES, { error: `Vai trò phải là một trong: ${ROLES.join(', ')}.` }))
  .min(1, { error: 'Cần ít nhất một vai trò.' })
  .max(ROLES.length);

/** POST /api/cells */
export const createCellBody = z.strictObject({
  id: id('mã chi bộ').optional(),
  name: text('tên chi bộ', 300),
  secretaryId: id('mã Bí thư').optional(),
});
/** PUT /api/cells/{cellId} */
export const updateCellBody = z.strictObject({
  name: text('tên chi bộ', 300),
  secretaryId: id('mã Bí thư').optional(),
});
export const cellParams = z.object({ cellId: id('mã chi bộ') });

/** POST /api/people */
export const createPersonBody = z.strictObject({
  id: id('mã người').optional(),
  username,
  name: text('họ và tên', 200),
  email,
  cellId: id('mã chi bộ'),
  roles: roles.default(['member']),
  supervises: z.array(id('mã chi bộ phụ trách')).max(50).optional(),
});
/** PUT /api/people/{id}: the username stays, everything else may change. */
export const updatePersonBody = createPersonBody.omit({ id: true });
export const personParams = z.object({ id: id('mã người') });
/** GET /api/people */
export const listPeopleQuery = z.object({ cellId: id('mã chi bộ') });

/** POST /api/imports */
export const importBody = z.strictObject({
  kind: z.enum(['people', 'cells'], {
    error: 'Loại danh sách phải là “people” (người) hoặc “cells” (chi bộ).',
  }),
  format: z.enum(['csv', 'xlsx'], { error: 'Định dạng phải là “csv” hoặc “xlsx”.' }),
  /** CSV text, or the XLSX file in base64. */
  content: z
    .string({ error: 'Bắt buộc: nội dung tệp.' })
    .min(1, { error: 'Tệp rỗng.' })
    .max(4_000_000, { error: 'Tệp quá lớn (tối đa khoảng 3 MB).' }),
  fileName: z.string().trim().max(200).optional(),
});
export type ImportBody = z.infer<typeof importBody>;
export const importParams = z.object({ id: id('mã lần nhập') });

export const REPORT_KINDS = ['registration-list', 'annual', 'phase'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** GET /api/reports/{kind} */
export const reportParams = z.object({
  kind: z.enum(REPORT_KINDS, {
    error: 'Loại báo cáo phải là “registration-list”, “annual” hoặc “phase”.',
  }),
});
export const reportQuery = z.object({
  campaignId: id('mã phong trào'),
  year: z.coerce.number({ error: 'Năm phải là số.' }).int().min(2000).max(2200).optional(),
  phaseId: id('mã đợt').optional(),
  format: z.enum(['json', 'xlsx', 'html']).default('json'),
});
export type ReportQuery = z.infer<typeof reportQuery>;

/** GET /api/dashboard */
export const dashboardQuery = z.object({ campaignId: id('mã phong trào').optional() });
