// Request schemas of the Office's administration, reports and dashboard. The shape is checked here
// (400); whether the dates hang together is shared/domain/campaign-config.ts. Every field carries its
// form label, and shared/http/messages.ts words the problems.
import * as z from 'zod/mini';
import {
  CALENDAR_LABELS,
  CAMPAIGN_LABELS,
  ORGANIZATION_LABELS,
  REPORT_LABELS,
} from '../domain/form-fields.ts';
import { ROLES } from '../domain/roles.ts';
import type { YearlyCalendar } from '../domain/types.ts';
import { labelled } from './messages.ts';
import {
  address,
  codeField,
  form,
  lineField,
  noteField,
  optionalLineField,
  textField,
  wellFormed,
  yearField,
  yearQuery,
} from './schemas.ts';

const localDate = (label: string) =>
  labelled(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)), label, {
    format: `“${label}” phải là một ngày có thật, ví dụ 01/10/2026.`,
  });

const monthDay = (label: string) =>
  labelled(z.string().check(z.regex(/^\d{2}-\d{2}$/)), label, {
    format: `“${label}” phải là một ngày trong năm, ví dụ 01/10.`,
  });

const ratio = (label: string, numerator: string, denominator: string) =>
  labelled(
    z.strictObject({
      numerator: labelled(z.int().check(z.minimum(0), z.maximum(1000)), numerator),
      denominator: labelled(z.int().check(z.minimum(1), z.maximum(1000)), denominator),
    }),
    label,
  );

const calendarField = (key: keyof YearlyCalendar) => monthDay(CALENDAR_LABELS[key]);

/** POST /api/campaigns and PUT /api/campaigns/{id} */
export const campaignBody = form(
  z.strictObject({
    id: z.optional(codeField(CAMPAIGN_LABELS.id)),
    name: lineField(CAMPAIGN_LABELS.name, 300),
    status: labelled(z.enum(['draft', 'active', 'closed']), CAMPAIGN_LABELS.status),
    period: labelled(
      z.strictObject({
        from: localDate(CAMPAIGN_LABELS.periodFrom),
        to: localDate(CAMPAIGN_LABELS.periodTo),
      }),
      'Thời gian thực hiện',
    ),
    registrationYears: z.optional(
      labelled(
        z.array(yearField(CAMPAIGN_LABELS.registrationYears)).check(z.maxLength(20)),
        CAMPAIGN_LABELS.registrationYears,
      ),
    ),
    calendar: labelled(
      z.strictObject({
        registrationOpens: calendarField('registrationOpens'),
        registrationCloses: calendarField('registrationCloses'),
        selfAssessmentDeadline: calendarField('selfAssessmentDeadline'),
        annualReport: calendarField('annualReport'),
        reviewDeadline: calendarField('reviewDeadline'),
      }),
      CAMPAIGN_LABELS.calendar,
    ),
    phases: labelled(
      z
        .array(
          labelled(
            z.strictObject({
              id: codeField(CAMPAIGN_LABELS.phaseId),
              name: lineField(CAMPAIGN_LABELS.phaseName, 200),
              from: localDate(CAMPAIGN_LABELS.phaseFrom),
              to: localDate(CAMPAIGN_LABELS.phaseTo),
              review: labelled(z.enum(['preliminary', 'final']), CAMPAIGN_LABELS.phaseReview),
              reviewDeadline: localDate(CAMPAIGN_LABELS.phaseReviewDeadline),
            }),
            'Đợt',
          ),
        )
        .check(z.maxLength(10)),
      CAMPAIGN_LABELS.phases,
    ),
    areas: labelled(
      z
        .array(
          labelled(
            z.strictObject({
              id: labelled(z.int(), CAMPAIGN_LABELS.areaId),
              name: textField(CAMPAIGN_LABELS.areaName, 1000),
              subFields: z._default(
                labelled(
                  z.array(lineField(CAMPAIGN_LABELS.subFields, 300)).check(z.maxLength(30)),
                  CAMPAIGN_LABELS.subFields,
                ),
                [],
              ),
            }),
            CAMPAIGN_LABELS.areas,
          ),
        )
        .check(z.maxLength(10)),
      CAMPAIGN_LABELS.areas,
    ),
    criteria: labelled(
      z.array(noteField(CAMPAIGN_LABELS.criteria, 1000)).check(z.maxLength(30)),
      CAMPAIGN_LABELS.criteria,
    ),
    quorum: ratio(CAMPAIGN_LABELS.quorum, CAMPAIGN_LABELS.quorumNumerator, CAMPAIGN_LABELS.quorumDenominator),
    majority: ratio(
      CAMPAIGN_LABELS.majority,
      CAMPAIGN_LABELS.majorityNumerator,
      CAMPAIGN_LABELS.majorityDenominator,
    ),
    minimumPerCell: z.optional(
      labelled(
        z.strictObject({
          collective: labelled(z.int().check(z.minimum(0), z.maximum(20)), CAMPAIGN_LABELS.minimumCollective),
          individual: labelled(z.int().check(z.minimum(0), z.maximum(20)), CAMPAIGN_LABELS.minimumIndividual),
        }),
        CAMPAIGN_LABELS.minimumPerCell,
      ),
    ),
  }),
);
export type CampaignBody = z.infer<typeof campaignBody>;

export const campaignIdParams = address(z.object({ id: codeField(CAMPAIGN_LABELS.id) }));

const username = labelled(
  z.string().check(z.trim(), z.regex(/^[a-z0-9][a-z0-9._-]{1,63}$/)),
  ORGANIZATION_LABELS.username,
  {
    format: `“${ORGANIZATION_LABELS.username}” gồm chữ thường không dấu, chữ số, dấu chấm, gạch ngang hoặc gạch dưới (từ 2 đến 64 ký tự), ví dụ an.nv.`,
  },
);

const email = labelled(z.email(), ORGANIZATION_LABELS.email, {
  format: `“${ORGANIZATION_LABELS.email}” không phải một địa chỉ thư điện tử hợp lệ.`,
});

const roles = labelled(
  z
    .array(labelled(z.enum(ROLES), ORGANIZATION_LABELS.roles))
    .check(z.minLength(1), z.maxLength(ROLES.length)),
  ORGANIZATION_LABELS.roles,
  { missing: `Cần chọn ít nhất một “${ORGANIZATION_LABELS.roles}”.` },
);

/** POST /api/cells */
export const createCellBody = form(
  z.strictObject({
    id: z.optional(codeField(ORGANIZATION_LABELS.cellId)),
    name: lineField(ORGANIZATION_LABELS.cellName, 300),
    secretaryId: z.optional(codeField(ORGANIZATION_LABELS.secretaryId)),
  }),
);
/** PUT /api/cells/{cellId} */
export const updateCellBody = form(
  z.strictObject({
    name: lineField(ORGANIZATION_LABELS.cellName, 300),
    secretaryId: z.optional(codeField(ORGANIZATION_LABELS.secretaryId)),
  }),
);
export const cellParams = address(z.object({ cellId: codeField(ORGANIZATION_LABELS.cellId) }));

const personFields = {
  id: z.optional(codeField(ORGANIZATION_LABELS.personId)),
  username,
  name: lineField(ORGANIZATION_LABELS.name, 200),
  email,
  cellId: codeField(ORGANIZATION_LABELS.personCell),
  roles: z._default(roles, ['member']),
  supervises: z.optional(
    labelled(
      z.array(codeField(ORGANIZATION_LABELS.supervises)).check(z.maxLength(50)),
      ORGANIZATION_LABELS.supervises,
    ),
  ),
};

/** POST /api/people */
export const createPersonBody = form(z.strictObject(personFields));
/** PUT /api/people/{id}: the username stays, everything else may change. */
export const updatePersonBody = form(
  z.strictObject({
    username: personFields.username,
    name: personFields.name,
    email: personFields.email,
    cellId: personFields.cellId,
    roles: personFields.roles,
    supervises: personFields.supervises,
  }),
);
export const personParams = address(z.object({ id: codeField(ORGANIZATION_LABELS.personId) }));
/** GET /api/people */
export const listPeopleQuery = address(z.object({ cellId: codeField(ORGANIZATION_LABELS.personCell) }));

/** POST /api/imports */
export const importBody = form(
  z.strictObject({
    kind: labelled(z.enum(['people', 'cells']), ORGANIZATION_LABELS.importKind),
    format: labelled(z.enum(['csv', 'xlsx']), ORGANIZATION_LABELS.importFormat),
    /** CSV text, or the XLSX file in base64. */
    content: labelled(
      wellFormed(z.string().check(z.minLength(1), z.maxLength(4_000_000))),
      ORGANIZATION_LABELS.importContent,
      {
        missing: 'Cần chọn tệp CSV hoặc Excel để nhập.',
        tooBig: 'Tệp quá lớn: tối đa khoảng 3 MB.',
      },
    ),
    fileName: z.optional(optionalLineField(ORGANIZATION_LABELS.fileName, 200)),
  }),
);
export const importParams = address(z.object({ id: codeField(ORGANIZATION_LABELS.importId) }));

export const REPORT_KINDS = ['registration-list', 'annual', 'phase', 'term'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** GET /api/reports/{kind} */
export const reportParams = address(z.object({ kind: labelled(z.enum(REPORT_KINDS), REPORT_LABELS.kind) }));
export const reportQuery = address(
  z.object({
    campaignId: codeField(REPORT_LABELS.campaignId),
    year: z.optional(yearQuery(REPORT_LABELS.year)),
    phaseId: z.optional(codeField(REPORT_LABELS.phaseId)),
    format: z._default(labelled(z.enum(['json', 'xlsx', 'html']), REPORT_LABELS.format), 'json'),
  }),
);

/** GET /api/dashboard */
export const dashboardQuery = address(
  z.object({
    campaignId: z.optional(codeField(REPORT_LABELS.campaignId)),
    cells: z.optional(labelled(z.enum(['all', 'mine']), REPORT_LABELS.cells)),
  }),
);

/** GET /api/extensions?campaignId&year */
export const extensionsQuery = address(
  z.object({
    campaignId: codeField(REPORT_LABELS.campaignId),
    year: yearQuery(REPORT_LABELS.year),
  }),
);
