// The API's request schemas (docs/ARCHITECTURE.md). Field names are the contract; each field carries its label
// on the form, and shared/http/messages.ts words every problem from that label. Built with zod/mini, whose
// checks are functions: a function loads only what it uses (the classic API took ~15 ms more of each cold start).
import * as z from 'zod/mini';
import {
  ASSESSMENT_LIMITS,
  MODEL_ACTION_LABELS,
  MODEL_FIELD_LABELS,
  MODEL_LIMITS,
  REVIEW_LABELS,
  SELF_ASSESSMENT_LABELS,
} from '../domain/form-fields.ts';
import { MODEL_KINDS } from '../domain/model-kinds.ts';
import { DECISIONS, PRINCIPLE_LABELS, PRINCIPLES } from '../domain/principles.ts';
import { MODEL_SECTIONS, type ModelSection } from '../domain/sections.ts';
import { MODEL_TIERS } from '../domain/tiers.ts';
import { VOTE_LABELS } from '../domain/votes.ts';
import { isPrintable, isSingleLine, isWellFormedText, labelled, TEXT_CHECKS } from './messages.ts';

export const RETURN_REASON_MAX = 1000;
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** A code such as a campaign's or a cell's, labelled for its messages. */
export const codeField = (label: string) =>
  labelled(z.string().check(z.regex(ID_PATTERN)), label, {
    format: `“${label}” chỉ gồm chữ cái không dấu, chữ số, dấu gạch ngang hoặc gạch dưới (tối đa 64 ký tự).`,
  });

/** Any text a person sends: well-formed Unicode, or refused before it reaches a mail, a sheet or a PDF. */
export const wellFormed = (schema: z.ZodMiniString) =>
  schema.check(z.refine(isWellFormedText, { params: { reason: TEXT_CHECKS.wellFormed }, abort: true }));

/** Multi-line text: well-formed, and no control character but tab and line breaks. */
const multiLine = (schema: z.ZodMiniString) =>
  wellFormed(schema).check(z.refine(isPrintable, { params: { reason: TEXT_CHECKS.printable } }));

/** Free text, trimmed, from `min` to `max` characters, labelled for its messages. */
export const textField = (label: string, max: number, min = 1) =>
  labelled(multiLine(z.string().check(z.trim(), z.minLength(min), z.maxLength(max))), label);

/** A single line of text (a title, a name): no line break nor any control character. */
export const lineField = (label: string, max: number, min = 1) =>
  labelled(
    wellFormed(z.string().check(z.trim(), z.minLength(min), z.maxLength(max))).check(
      z.refine(isSingleLine, { params: { reason: TEXT_CHECKS.singleLine } }),
    ),
    label,
  );

/** Optional free text (a note): may be empty. */
export const noteField = (label: string, max: number) =>
  labelled(multiLine(z.string().check(z.trim(), z.maxLength(max))), label);

/** An optional single line (a file name): may be empty. */
export const optionalLineField = (label: string, max: number) => lineField(label, max, 0);

/** A registration year, as a number in the body. */
export const yearField = (label: string) => labelled(z.int().check(z.minimum(2000), z.maximum(2200)), label);

/** A registration year in a query string. */
export const yearQuery = (label: string) =>
  labelled(z.coerce.number().check(z.int(), z.minimum(2000), z.maximum(2200)), label);

/** A request body: its absence or stray keys are said without a field name. */
export const form = <T extends z.ZodMiniType>(schema: T) =>
  labelled(schema, 'Nội dung gửi lên', { missing: 'Chưa có nội dung gửi lên.' });

/** A request's path parameters or query string, as a whole. */
export const address = <T extends z.ZodMiniType>(schema: T) =>
  labelled(schema, 'Địa chỉ yêu cầu', { missing: 'Địa chỉ yêu cầu thiếu thông tin.' });

const sections = Object.fromEntries(
  MODEL_SECTIONS.map((section) => [section, textField(MODEL_FIELD_LABELS[section], MODEL_LIMITS.sectionMax)]),
) as Record<ModelSection, ReturnType<typeof textField>>;

const modelContent = {
  title: lineField(MODEL_FIELD_LABELS.title, MODEL_LIMITS.titleMax, MODEL_LIMITS.titleMin),
  area: labelled(z.union([z.literal(1), z.literal(2), z.literal(3)]), MODEL_FIELD_LABELS.area),
  subField: z.optional(lineField(MODEL_FIELD_LABELS.subField, MODEL_LIMITS.subFieldMax)),
  ...sections,
};

/** POST /api/models */
export const registerModelBody = form(
  z.strictObject({
    campaignId: codeField(MODEL_FIELD_LABELS.campaignId),
    year: yearField(MODEL_FIELD_LABELS.year),
    kind: labelled(z.enum(MODEL_KINDS), MODEL_FIELD_LABELS.kind),
    cellId: codeField(MODEL_FIELD_LABELS.cellId),
    personId: z.optional(codeField(MODEL_FIELD_LABELS.personId)),
    ...modelContent,
  }),
);

/** PUT /api/models/{id}: the content may change while the window is open. */
export const updateModelBody = form(z.strictObject(modelContent));

export const modelIdParams = address(z.object({ id: codeField(MODEL_FIELD_LABELS.id) }));

/** GET /api/models */
export const listModelsQuery = address(
  z.object({
    campaignId: codeField(MODEL_FIELD_LABELS.campaignId),
    year: yearQuery(MODEL_FIELD_LABELS.year),
    cellId: z.optional(codeField(MODEL_FIELD_LABELS.cellId)),
    personId: z.optional(codeField(MODEL_FIELD_LABELS.personId)),
  }),
);

/** GET /api/cells/{cellId}/compliance */
export const complianceQuery = address(
  z.object({
    campaignId: codeField(MODEL_FIELD_LABELS.campaignId),
    year: yearQuery(MODEL_FIELD_LABELS.year),
  }),
);
export const cellIdParams = address(z.object({ cellId: codeField(MODEL_FIELD_LABELS.cellId) }));

/** POST /api/extensions */
export const grantExtensionBody = form(
  z.strictObject({
    campaignId: codeField(MODEL_FIELD_LABELS.campaignId),
    year: yearField(MODEL_FIELD_LABELS.year),
    cellId: codeField(MODEL_FIELD_LABELS.cellId),
    closesBefore: labelled(z.iso.datetime({ offset: true }), MODEL_ACTION_LABELS.closesBefore, {
      format: `“${MODEL_ACTION_LABELS.closesBefore}” phải là một ngày giờ có thật.`,
    }),
    reason: textField(MODEL_ACTION_LABELS.extensionReason, 1000),
  }),
);

const voteCount = (label: string) => labelled(z.int().check(z.minimum(0), z.maximum(100000)), label);

/** A vote's five counts; a new schema per use, so each carries its own label. */
const voteOf = (label: string) =>
  labelled(
    z.strictObject({
      eligible: voteCount(VOTE_LABELS.eligible),
      present: voteCount(VOTE_LABELS.present),
      for: voteCount(VOTE_LABELS.for),
      against: voteCount(VOTE_LABELS.against),
      abstain: voteCount(VOTE_LABELS.abstain),
    }),
    label,
  );

/** POST /api/models/{id}/self-assessment */
export const selfAssessmentBody = form(
  z.strictObject({
    results: textField(SELF_ASSESSMENT_LABELS.results, ASSESSMENT_LIMITS.resultsMax),
    evidence: labelled(
      z
        .array(lineField(SELF_ASSESSMENT_LABELS.evidence, ASSESSMENT_LIMITS.evidenceMax))
        .check(z.maxLength(ASSESSMENT_LIMITS.evidenceCount)),
      SELF_ASSESSMENT_LABELS.evidence,
    ),
    cellConfirmed: labelled(z.boolean(), SELF_ASSESSMENT_LABELS.cellConfirmed, {
      missing: `Cần cho biết “${SELF_ASSESSMENT_LABELS.cellConfirmed}” hay chưa.`,
    }),
    cellVote: z.optional(voteOf(SELF_ASSESSMENT_LABELS.cellVote)),
  }),
);

const finding = (principle: (typeof PRINCIPLES)[number]) =>
  labelled(
    z.strictObject({
      met: labelled(z.boolean(), PRINCIPLE_LABELS[principle], {
        missing: `Cần chọn “Đạt” hoặc “Không đạt” cho nguyên tắc “${PRINCIPLE_LABELS[principle]}”.`,
      }),
      note: z.optional(noteField(REVIEW_LABELS.note, ASSESSMENT_LIMITS.noteMax)),
    }),
    PRINCIPLE_LABELS[principle],
    { missing: `Cần chọn “Đạt” hoặc “Không đạt” cho nguyên tắc “${PRINCIPLE_LABELS[principle]}”.` },
  );

/** POST /api/models/{id}/review */
export const reviewBody = form(
  z.strictObject({
    principles: labelled(
      z.strictObject(
        Object.fromEntries(PRINCIPLES.map((principle) => [principle, finding(principle)])) as Record<
          (typeof PRINCIPLES)[number],
          ReturnType<typeof finding>
        >,
      ),
      REVIEW_LABELS.principles,
      { missing: 'Cần chọn “Đạt” hoặc “Không đạt” cho từng nguyên tắc công nhận.' },
    ),
    vote: voteOf(REVIEW_LABELS.vote),
    decision: labelled(z.enum(DECISIONS), REVIEW_LABELS.decision),
    reasons: z._default(noteField(REVIEW_LABELS.reasons, ASSESSMENT_LIMITS.reasonsMax), ''),
  }),
);

/** POST /api/models/{id}/tier */
export const promoteBody = form(
  z.strictObject({
    tier: labelled(z.enum(MODEL_TIERS), MODEL_ACTION_LABELS.tier),
    level: z.optional(labelled(z.enum(['party_committee', 'higher']), MODEL_ACTION_LABELS.level)),
    note: z.optional(noteField(MODEL_ACTION_LABELS.note, ASSESSMENT_LIMITS.noteMax)),
  }),
);

/** POST /api/models/{id}/withdraw: the reason is optional, and so is the body. */
export const withdrawBody = z._default(
  form(
    z.strictObject({
      reason: z._default(noteField(MODEL_ACTION_LABELS.reason, ASSESSMENT_LIMITS.reasonMax), ''),
    }),
  ),
  { reason: '' },
);

/** POST /api/models/{id}/return: what the cell is to complete. */
export const returnBody = form(
  z.strictObject({ reason: textField(MODEL_ACTION_LABELS.returnReason, RETURN_REASON_MAX) }),
);

/** GET /api/audit/{entity}/{id} */
export const auditTrailParams = address(
  z.object({
    entity: labelled(
      z.enum(['campaign', 'cell', 'person', 'organization', 'document']),
      MODEL_ACTION_LABELS.entity,
    ),
    id: codeField(MODEL_ACTION_LABELS.recordId),
  }),
);
