// The document register's application layer: the Office drafts a document from the stored records,
// writes a report's narrative or a proposal's reasons in the draft, issues it (the number is taken
// then, and the content frozen), and cancels it with a reason; a correction is a new document that
// replaces an issued one. Every step is in the audit trail. Committee and inspectors read every
// document; a cell reads the issued documents of its own models and its own registration list.
import { randomUUID } from 'node:crypto';
import { cellRepository } from '../data/cells.ts';
import { type CommendationProposal, documentRepository, type StoredDocument } from '../data/documents.ts';
import { modelRepository, type StoredModel } from '../data/models.ts';
import { personRepository } from '../data/people.ts';
import {
  buildDocument,
  DOCUMENT_FORMATS,
  type DocumentFormat,
  type DocumentInputs,
  type DocumentMeta,
  type ModelEntry,
  type ReportFigures,
  type ReportNarrative,
  renderDocument,
} from '../documents/index.ts';
import { readsEverything } from '../domain/access.ts';
import { localDateOf } from '../domain/calendar.ts';
import {
  cancelReason,
  DOCUMENT_STATUS_LABELS,
  documentTitle,
  isModelDocument,
  NARRATIVE_DOCUMENT_TYPES,
  numberText,
  type RegisteredDocument,
  requireStatus,
} from '../domain/document-register.ts';
import {
  ConflictError,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  RuleViolationError,
} from '../domain/errors.ts';
import { countsAsRegistered, STATUS_LABELS } from '../domain/model-status.ts';
import {
  DOCUMENT_TYPE_LABELS,
  type DocumentType,
  defaultSigner,
  type OrganizationProfile,
} from '../domain/organization-profile.ts';
import { buildReport, phaseYears, type ReportData } from '../domain/reports.ts';
import type { CommendationLevel } from '../domain/tiers.ts';
import type { Caller, Campaign, Cell, LocalDate, Phase } from '../domain/types.ts';
import { recordAdminChange } from './admin-audit.ts';
import { callerPerson, campaignOrFail, requireRole } from './model-access.ts';
import { currentProfile } from './organization-profile.ts';
import { computeReport } from './reports.ts';

/** POST /api/documents */
export interface CreateDocumentRequest {
  readonly type: DocumentType;
  readonly campaignId?: string | undefined;
  readonly year?: number | undefined;
  readonly modelId?: string | undefined;
  /** A cell's own registration list; the committee's consolidated list without it. */
  readonly cellId?: string | undefined;
  /** A phase report's phase. */
  readonly phaseId?: string | undefined;
  /** The issued document this one corrects. */
  readonly replaces?: string | undefined;
}

/** PUT /api/documents/{id}: what the Office writes in a draft. */
export interface DraftChanges {
  readonly narrative?: ReportNarrative | undefined;
  readonly reasons?: readonly string[] | undefined;
  readonly recipients?: readonly string[] | undefined;
  readonly signerId?: string | undefined;
  readonly level?: CommendationLevel | undefined;
}

/** A document's file. */
export interface DocumentFile {
  readonly contentType: string;
  readonly bytes: Uint8Array;
  readonly fileName: string;
}

const OFFICE_ONLY = ['office'] as const;

function metadata(document: StoredDocument): RegisteredDocument {
  const { draft: _draft, snapshot: _snapshot, ...meta } = document;
  return meta;
}

/** The API's answer for a document: its metadata and what the Office wrote in the draft. */
function answer(document: StoredDocument) {
  return { ...metadata(document), ...(document.draft ? { draft: document.draft } : {}) };
}

async function documentOrFail(documentId: string): Promise<StoredDocument> {
  const document = await documentRepository.get(documentId);
  if (!document) throw new NotFoundError(`Không có văn bản mã “${documentId}”.`);
  return document;
}

async function modelOrFail(modelId: string): Promise<StoredModel> {
  const model = await modelRepository.get(modelId);
  if (!model) throw new NotFoundError(`Không có mô hình mã “${modelId}”.`);
  return model;
}

/** Which cell's issued documents the caller reads: undefined for the readers of everything. */
async function readerCell(caller: Caller): Promise<string | undefined> {
  return readsEverything(caller) ? undefined : (await callerPerson(caller)).cellId;
}

/** Whether a document is readable: everything for the readers of everything; a cell its own issued ones. */
function readableBy(caller: Caller, cellId: string | undefined, document: RegisteredDocument): boolean {
  if (readsEverything(caller)) return true;
  return document.status !== 'draft' && document.cellId !== undefined && document.cellId === cellId;
}

/** Whether the caller may read a document. */
async function mayRead(caller: Caller, document: RegisteredDocument): Promise<boolean> {
  return readableBy(caller, await readerCell(caller), document);
}

function yearOf(campaign: Campaign, year: number | undefined, path = 'body.year'): number {
  if (year === undefined || !campaign.registrationYears.includes(year)) {
    throw new InvalidInputError('Cần chọn năm đăng ký của phong trào.', [
      { path, message: `“Năm” phải là một trong: ${campaign.registrationYears.join(', ')}.` },
    ]);
  }
  return year;
}

function phaseOf(campaign: Campaign, phaseId: string | undefined): Phase {
  const phase = campaign.phases.find((candidate) => candidate.id === phaseId);
  if (!phase) {
    throw new InvalidInputError('Cần chọn đợt sơ kết, tổng kết.', [
      {
        path: 'body.phaseId',
        message: `“Đợt” phải là một trong: ${campaign.phases.map((candidate) => candidate.name).join('; ')}.`,
      },
    ]);
  }
  return phase;
}

/** What a new document is about, checked against the records. */
async function subjectOf(request: CreateDocumentRequest) {
  if (isModelDocument(request.type)) {
    if (!request.modelId) {
      throw new InvalidInputError('Cần chọn mô hình của văn bản.', [
        {
          path: 'body.modelId',
          message: `${DOCUMENT_TYPE_LABELS[request.type]} lập cho một mô hình: cần “Mô hình”.`,
        },
      ]);
    }
    const model = await modelOrFail(request.modelId);
    if (!countsAsRegistered(model.status)) {
      throw new RuleViolationError(
        `Mô hình đang ở trạng thái “${STATUS_LABELS[model.status]}”, không được tính là đã đăng ký nên không lập văn bản cho mô hình này.`,
      );
    }
    if (request.type === 'certificate' && model.status !== 'recognized') {
      throw new RuleViolationError('Chỉ cấp giấy chứng nhận cho mô hình đã được công nhận.');
    }
    return {
      campaignId: model.campaignId,
      year: model.year,
      modelId: model.id,
      cellId: model.cellId,
      title: documentTitle(request.type, model.year, model.title),
    };
  }
  if (!request.campaignId) {
    throw new InvalidInputError('Cần chọn phong trào của văn bản.', [
      { path: 'body.campaignId', message: '“Phong trào” không được để trống.' },
    ]);
  }
  const campaign = await campaignOrFail(request.campaignId);
  if (request.type === 'phase-report') {
    const phase = phaseOf(campaign, request.phaseId);
    const years = phaseYears(campaign, phase);
    const year = request.year ?? years.at(-1) ?? campaign.registrationYears[0];
    return {
      campaignId: campaign.id,
      year: yearOf(campaign, year),
      phaseId: phase.id,
      title: documentTitle(request.type, 0, phase.name),
    };
  }
  if (request.type === 'term-report') {
    const year = request.year ?? campaign.registrationYears.at(-1);
    return {
      campaignId: campaign.id,
      year: yearOf(campaign, year),
      title: documentTitle(request.type, 0, campaign.name),
    };
  }
  const year = yearOf(campaign, request.year);
  if (request.type === 'registration-list' && request.cellId) {
    const cell = await cellRepository.get(request.cellId);
    if (!cell) throw new NotFoundError(`Không có chi bộ mã “${request.cellId}”.`);
    return {
      campaignId: campaign.id,
      year,
      cellId: cell.id,
      title: documentTitle(request.type, year, `${cell.name}, năm ${year}`),
    };
  }
  return { campaignId: campaign.id, year, title: documentTitle(request.type, year) };
}

/** POST /api/documents: the Office drafts a document; a draft has no number until it is issued. */
export async function createDocument(caller: Caller, request: CreateDocumentRequest, now: Date) {
  requireRole(caller, OFFICE_ONLY, 'lập văn bản');
  const subject = await subjectOf(request);
  if (request.replaces) {
    const replaced = await documentRepository.get(request.replaces);
    if (!replaced || replaced.type !== request.type) {
      throw new InvalidInputError('Văn bản được thay thế phải cùng loại.', [
        {
          path: 'body.replaces',
          message: `Không có ${DOCUMENT_TYPE_LABELS[request.type].toLowerCase()} mã “${request.replaces}”.`,
        },
      ]);
    }
    requireStatus(replaced, ['issued'], 'thay thế văn bản');
  }
  const profile = await currentProfile();
  const signer = request.type === 'registration-form' ? undefined : defaultSigner(profile, request.type);
  const at = now.toISOString();
  const document: StoredDocument = {
    id: randomUUID(),
    type: request.type,
    typeLabel: DOCUMENT_TYPE_LABELS[request.type],
    status: 'draft',
    statusLabel: DOCUMENT_STATUS_LABELS.draft,
    ...subject,
    ...(signer ? { signerId: signer.id, signerName: signer.name } : {}),
    created: { by: caller.personId, at },
    ...(request.replaces ? { replaces: request.replaces } : {}),
    version: 1,
  };
  await documentRepository.create(document);
  await recordAdminChange({
    entity: 'document',
    id: document.id,
    at,
    actor: caller.personId,
    action: 'created',
    before: undefined,
    after: metadata(document),
    order: document.version,
  });
  return answer(document);
}

/** GET /api/documents?campaignId&year (or &modelId): the documents the caller may read. */
export async function listDocuments(
  caller: Caller,
  query: { campaignId?: string | undefined; year?: number | undefined; modelId?: string | undefined },
) {
  let documents: StoredDocument[];
  if (query.modelId) documents = await documentRepository.listByModel(query.modelId);
  else if (query.campaignId && query.year !== undefined)
    documents = await documentRepository.listByYear(query.campaignId, query.year);
  else {
    throw new InvalidInputError('Cần chọn phong trào và năm, hoặc một mô hình.', [
      { path: 'query.year', message: '“Năm” không được để trống.' },
    ]);
  }
  const cellId = await readerCell(caller);
  return documents.filter((document) => readableBy(caller, cellId, document)).map(metadata);
}

/** GET /api/documents/{id}: a document's metadata, or 404 to whoever may not read it. */
export async function readDocument(caller: Caller, documentId: string) {
  const document = await documentRepository.get(documentId);
  if (!document || !(await mayRead(caller, document)))
    throw new NotFoundError(`Không có văn bản mã “${documentId}”.`);
  return answer(document);
}

async function officeDraft(caller: Caller, documentId: string, action: string): Promise<StoredDocument> {
  requireRole(caller, OFFICE_ONLY, action);
  const document = await documentOrFail(documentId);
  requireStatus(document, ['draft'], action);
  return document;
}

function checkSigner(profile: OrganizationProfile, signerId: string | undefined) {
  if (signerId === undefined) return undefined;
  const signer = profile.signers.find((candidate) => candidate.id === signerId);
  if (!signer) {
    throw new InvalidInputError('Người ký không có trong hồ sơ tổ chức.', [
      {
        path: 'body.signerId',
        message: `“Người ký” phải là một trong: ${profile.signers.map((s) => s.name).join(', ')}.`,
      },
    ]);
  }
  return signer;
}

/** PUT /api/documents/{id}: the Office writes the draft's narrative, reasons, recipients or signer. */
export async function updateDraft(caller: Caller, documentId: string, changes: DraftChanges, now: Date) {
  const document = await officeDraft(caller, documentId, 'sửa dự thảo');
  if (changes.narrative && !NARRATIVE_DOCUMENT_TYPES.includes(document.type)) {
    throw new InvalidInputError('Chỉ báo cáo mới có phần nội dung do Văn phòng viết.', [
      { path: 'body.narrative', message: `${document.typeLabel} không có phần này.` },
    ]);
  }
  const signer = checkSigner(await currentProfile(), changes.signerId);
  const draft = {
    ...document.draft,
    ...(changes.narrative ? { narrative: changes.narrative } : {}),
    ...(changes.reasons ? { reasons: changes.reasons } : {}),
    ...(changes.recipients ? { recipients: changes.recipients } : {}),
    ...(changes.level ? { level: changes.level } : {}),
  };
  const next: StoredDocument = {
    ...document,
    draft,
    ...(signer ? { signerId: signer.id, signerName: signer.name } : {}),
  };
  if (!(await documentRepository.replace(next, document.version))) {
    throw new ConflictError('Dự thảo vừa được người khác sửa; vui lòng tải lại rồi sửa tiếp.');
  }
  await recordAdminChange({
    entity: 'document',
    id: document.id,
    at: now.toISOString(),
    actor: caller.personId,
    action: 'updated',
    before: { ...metadata(document), draft: document.draft },
    after: { ...metadata(next), draft },
    order: document.version + 1,
  });
  return answer({ ...next, version: document.version + 1 });
}

/** Everything the inputs are assembled from, loaded once. */
interface Records {
  readonly campaign: Campaign;
  readonly cells: readonly Cell[];
  readonly personNames: Readonly<Record<string, string>>;
}

async function recordsOf(campaignId: string): Promise<Records> {
  const [campaign, cells] = await Promise.all([campaignOrFail(campaignId), cellRepository.list()]);
  const people = (await Promise.all(cells.map((cell) => personRepository.listByCell(cell.id)))).flat();
  return {
    campaign,
    cells,
    personNames: Object.fromEntries(people.map((person) => [person.id, person.name])),
  };
}

function entryOf(records: Records, model: StoredModel, achievements?: string): ModelEntry {
  const area = records.campaign.areas.find((candidate) => candidate.id === model.area);
  const personName = model.personId ? records.personNames[model.personId] : undefined;
  return {
    title: model.title,
    kind: model.kind,
    cellName: records.cells.find((cell) => cell.id === model.cellId)?.name ?? model.cellId,
    ...(personName ? { personName } : {}),
    area: model.area,
    ...(area ? { areaName: area.name } : {}),
    ...(model.subField ? { subField: model.subField } : {}),
    registeredAt: model.createdAt,
    ...(model.tier ? { tier: model.tier } : {}),
    ...(achievements ? { achievements } : {}),
  };
}

function byRegistration(a: StoredModel, b: StoredModel): number {
  return a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);
}

/** The latest issued recognition decision of a campaign-year, which certificates rest on. */
async function issuedDecision(campaignId: string, year: number) {
  const documents = await documentRepository.listByYear(campaignId, year);
  return documents
    .filter((document) => document.type === 'recognition-decision' && document.status === 'issued')
    .at(-1);
}

/** The end-of-term report's figures: every registration year of the campaign, as the term report counts them. */
async function termFigures(records: Records, now: Date): Promise<ReportData> {
  const models = (
    await Promise.all(
      records.campaign.registrationYears.map((year) => modelRepository.listByYear(records.campaign.id, year)),
    )
  ).flat();
  return buildReport({
    kind: 'term',
    campaign: records.campaign,
    cells: records.cells,
    personNames: records.personNames,
    models,
    now,
  });
}

/**
 * Only what a report document prints of the figures: the frozen content stays small (a report's
 * full model list would not fit one item in a large committee).
 */
function figuresOf(report: ReportData): ReportFigures {
  return {
    years: report.years,
    areas: report.areas,
    totals: report.totals,
    byYear: report.byYear,
    cells: report.cells.map((cell) => ({ cellName: cell.cellName, counts: cell.counts })),
    flagged: report.flagged.map((flag) => ({ cellName: flag.cellName, message: flag.message })),
    exemplary: report.exemplary.map(figureModel),
    commended: report.commended.map(figureModel),
  };
}

function figureModel(line: ReportData['exemplary'][number]) {
  return { title: line.title, kind: line.kind, cellName: line.cellName, personName: line.personName };
}

function termName(campaign: Campaign): string {
  return `nhiệm kỳ ${campaign.period.from.slice(0, 4)} - ${campaign.period.to.slice(0, 4)}`;
}

/** The content of a document, assembled from the stored campaign, cells, models and reports. */
async function assembleInput(
  document: StoredDocument,
  meta: DocumentMeta,
  now: Date,
): Promise<DocumentInputs[DocumentType]> {
  const records = await recordsOf(document.campaignId);
  const { campaign } = records;
  const draft = (document.draft ?? {}) as {
    narrative?: ReportNarrative;
    reasons?: string[];
    recipients?: string[];
    level?: CommendationLevel;
  };
  const withRecipients: DocumentMeta = draft.recipients ? { ...meta, recipients: draft.recipients } : meta;
  const base = { ...withRecipients, campaignName: campaign.name };
  switch (document.type) {
    case 'registration-form': {
      const model = await modelOrFail(document.modelId ?? '');
      const cell = records.cells.find((candidate) => candidate.id === model.cellId);
      return {
        ...base,
        year: model.year,
        model: { ...entryOf(records, model), sections: model.sections },
        secretaryName: (cell && records.personNames[cell.secretaryId]) ?? '',
      };
    }
    case 'certificate': {
      const model = await modelOrFail(document.modelId ?? '');
      const decision = await issuedDecision(document.campaignId, document.year);
      if (!decision?.date) {
        throw new RuleViolationError(
          `Chưa ban hành quyết định công nhận năm ${document.year}; giấy chứng nhận căn cứ vào quyết định đó.`,
        );
      }
      return {
        ...base,
        year: model.year,
        model: entryOf(records, model),
        decision: { ...(decision.number ? { number: decision.number } : {}), date: decision.date },
      };
    }
    case 'registration-list': {
      const models = (
        document.cellId
          ? await modelRepository.listByCell(campaign.id, document.year, document.cellId)
          : await modelRepository.listByYear(campaign.id, document.year)
      )
        .filter((model) => countsAsRegistered(model.status))
        .sort(byRegistration);
      const cell = records.cells.find((candidate) => candidate.id === document.cellId);
      return {
        ...base,
        year: document.year,
        ...(cell ? { cellName: cell.name } : { cellNames: records.cells.map((candidate) => candidate.name) }),
        models: models.map((model) => entryOf(records, model)),
      };
    }
    case 'recognition-decision': {
      const models = (await modelRepository.listByYear(campaign.id, document.year))
        .filter((model) => model.status === 'recognized')
        .sort(byRegistration);
      return { ...base, year: document.year, models: models.map((model) => entryOf(records, model)) };
    }
    case 'commendation-proposal': {
      const [models, proposals] = await Promise.all([
        modelRepository.listByYear(campaign.id, document.year),
        documentRepository.listProposals(campaign.id, document.year),
      ]);
      const recognized = models.filter((model) => model.status === 'recognized').sort(byRegistration);
      const level = draft.level ?? 'party_committee';
      const proposed = proposalEntries(records, recognized, proposals, level);
      return {
        ...base,
        occasion: `năm ${document.year}`,
        level,
        models: proposed,
        recognizedCount: recognized.length,
        ...(draft.reasons ? { reasons: draft.reasons } : {}),
      };
    }
    case 'annual-report': {
      const figures = figuresOf(
        await computeReport('annual', { campaignId: campaign.id, year: document.year }, now),
      );
      return {
        ...base,
        year: document.year,
        figures,
        ...(draft.narrative ? { narrative: draft.narrative } : {}),
      };
    }
    case 'phase-report': {
      const phase = phaseOf(campaign, document.phaseId);
      const figures = figuresOf(
        await computeReport('phase', { campaignId: campaign.id, phaseId: phase.id }, now),
      );
      return {
        ...base,
        phase: { name: phase.name, review: phase.review },
        figures,
        ...(draft.narrative ? { narrative: draft.narrative } : {}),
      };
    }
    case 'term-report': {
      const figures = figuresOf(await termFigures(records, now));
      return {
        ...base,
        term: termName(campaign),
        figures,
        ...(draft.narrative ? { narrative: draft.narrative } : {}),
      };
    }
  }
}

/**
 * The models a commendation proposal lists: those the cells proposed (with their reasons) at the
 * proposal's level; until a cell proposes any, the models the committee marked for commendation.
 */
function proposalEntries(
  records: Records,
  recognized: readonly StoredModel[],
  proposals: readonly CommendationProposal[],
  level: CommendationLevel,
): ModelEntry[] {
  const atLevel = proposals.filter((proposal) => proposal.level === level);
  if (atLevel.length > 0) {
    return recognized.flatMap((model) => {
      const proposal = atLevel.find((candidate) => candidate.modelId === model.id);
      return proposal ? [entryOf(records, model, proposal.reason)] : [];
    });
  }
  return recognized.filter((model) => model.tier === 'commended').map((model) => entryOf(records, model));
}

function fileName(document: RegisteredDocument, format: DocumentFormat): string {
  return `${document.type}-${document.year}-${document.number ?? 'du-thao'}.${DOCUMENT_FORMATS[format].extension}`;
}

/** GET /api/documents/{id}?format=docx|pdf: an issued document from its frozen content, a draft from today's records. */
export async function documentFile(
  caller: Caller,
  documentId: string,
  format: DocumentFormat,
  now: Date,
): Promise<DocumentFile> {
  const document = await documentRepository.get(documentId);
  if (!document || !(await mayRead(caller, document)))
    throw new NotFoundError(`Không có văn bản mã “${documentId}”.`);
  const input = document.snapshot
    ? ({
        ...document.snapshot,
        status: document.status,
        ...(document.cancelled ? { cancelReason: document.cancelled.reason } : {}),
      } as unknown as DocumentInputs[DocumentType])
    : await assembleInput(document, await draftMeta(document, now), now);
  const bytes = await renderDocument(buildDocument(document.type, input), format);
  return { contentType: DOCUMENT_FORMATS[format].mime, bytes, fileName: fileName(document, format) };
}

async function draftMeta(document: StoredDocument, now: Date): Promise<DocumentMeta> {
  return {
    profile: await currentProfile(),
    status: document.status,
    date: document.date ?? localDateOf(now),
    ...(document.signerId ? { signer: document.signerId } : {}),
    ...(document.cancelled ? { cancelReason: document.cancelled.reason } : {}),
  };
}

/**
 * POST /api/documents/{id}/issue: the Office issues a draft. Its content is assembled and checked
 * first, then the number is taken from the counter of its symbol and year, and the document is
 * written issued with its frozen content; an issued document it replaces is cancelled.
 */
export async function issueDocument(
  caller: Caller,
  documentId: string,
  request: { date?: LocalDate | undefined; signerId?: string | undefined },
  now: Date,
) {
  const document = await officeDraft(caller, documentId, 'ban hành văn bản');
  const profile = await currentProfile();
  const signer =
    checkSigner(profile, request.signerId ?? document.signerId) ??
    (document.type === 'registration-form' ? undefined : defaultSigner(profile, document.type));
  if (!signer && document.type !== 'registration-form') {
    throw new RuleViolationError('Chưa có người ký cho loại văn bản này; hãy bổ sung trong hồ sơ tổ chức.');
  }
  const date = request.date ?? localDateOf(now);
  const symbol = profile.symbols[document.type];
  const meta: DocumentMeta = { profile, status: 'issued', date, ...(signer ? { signer } : {}) };
  const input = await assembleInput(document, meta, now);
  const year = Number(date.slice(0, 4));
  const number = await documentRepository.takeNumber(symbol, year);
  const at = now.toISOString();
  const issued: StoredDocument = {
    ...document,
    status: 'issued',
    statusLabel: DOCUMENT_STATUS_LABELS.issued,
    number,
    symbol,
    numberText: numberText(number, symbol),
    date,
    ...(signer ? { signerId: signer.id, signerName: signer.name } : {}),
    issued: { by: caller.personId, at },
    snapshot: { ...input, number } as unknown as Record<string, unknown>,
  };
  if (!(await documentRepository.replace(issued, document.version))) {
    throw new ConflictError('Văn bản vừa được người khác ban hành hoặc sửa; vui lòng tải lại.');
  }
  await recordAdminChange({
    entity: 'document',
    id: document.id,
    at,
    actor: caller.personId,
    action: 'issued',
    before: metadata(document),
    after: metadata(issued),
    order: document.version + 1,
  });
  if (document.replaces) {
    await cancelStored(
      caller,
      document.replaces,
      `Được thay thế bởi văn bản số ${issued.numberText}, ngày ${date.split('-').reverse().join('/')}.`,
      now,
      document.id,
    );
  }
  return answer({ ...issued, version: document.version + 1 });
}

async function cancelStored(
  caller: Caller,
  documentId: string,
  reason: string,
  now: Date,
  replacedBy?: string,
) {
  for (let attempt = 0; attempt < 5; attempt++) {
    const document = await documentOrFail(documentId);
    requireStatus(document, ['draft', 'issued'], 'hủy văn bản');
    const at = now.toISOString();
    const cancelled: StoredDocument = {
      ...document,
      status: 'cancelled',
      statusLabel: DOCUMENT_STATUS_LABELS.cancelled,
      cancelled: { by: caller.personId, at, reason },
      ...(replacedBy ? { replacedBy } : {}),
    };
    if (await documentRepository.replace(cancelled, document.version)) {
      await recordAdminChange({
        entity: 'document',
        id: document.id,
        at,
        actor: caller.personId,
        action: 'cancelled',
        before: metadata(document),
        after: metadata(cancelled),
        order: document.version + 1,
      });
      return answer({ ...cancelled, version: document.version + 1 });
    }
  }
  throw new ConflictError('Văn bản đang được cập nhật liên tục; vui lòng thử lại.');
}

/** POST /api/documents/{id}/cancel: the Office cancels a draft or an issued document, with its reason. */
export async function cancelDocument(caller: Caller, documentId: string, reason: string, now: Date) {
  requireRole(caller, OFFICE_ONLY, 'hủy văn bản');
  return cancelStored(caller, documentId, cancelReason(reason), now);
}

/**
 * POST /api/models/{id}/commendation-proposal: a cell's secretary proposes one of the cell's
 * exemplary recognized models for commendation, with the reason; the committee then decides the tier.
 */
export async function proposeCommendation(
  caller: Caller,
  modelId: string,
  request: { reason: string; level?: CommendationLevel | undefined },
  now: Date,
): Promise<CommendationProposal> {
  const person = await callerPerson(caller);
  const model = await modelRepository.get(modelId);
  const ownCell = model !== undefined && person.cellId === model.cellId;
  if (!model || !(readsEverything(caller) || ownCell))
    throw new NotFoundError(`Không có mô hình mã “${modelId}”.`);
  if (!(caller.roles.includes('secretary') && ownCell) && !caller.roles.includes('office')) {
    throw new ForbiddenError('Chỉ bí thư chi bộ của mô hình mới đề nghị khen thưởng mô hình này.');
  }
  if (model.status !== 'recognized' || (model.tier !== 'exemplary' && model.tier !== 'commended')) {
    throw new RuleViolationError('Chỉ đề nghị khen thưởng mô hình đã được công nhận là tiêu biểu.');
  }
  const reason = request.reason.trim();
  if (reason === '') {
    throw new InvalidInputError('Cần ghi thành tích, lý do đề nghị.', [
      { path: 'body.reason', message: '“Lý do đề nghị” không được để trống.' },
    ]);
  }
  const proposal: CommendationProposal = {
    campaignId: model.campaignId,
    year: model.year,
    modelId: model.id,
    cellId: model.cellId,
    reason,
    level: request.level ?? 'party_committee',
    by: caller.personId,
    at: now.toISOString(),
  };
  await documentRepository.putProposal(proposal);
  await modelRepository.appendAudit({
    modelId: model.id,
    at: proposal.at,
    actor: caller.personId,
    action: 'commendation_proposed',
    note: reason,
  });
  return proposal;
}

/** GET /api/commendation-proposals?campaignId&year: the cells' proposals for the committee to decide on. */
export async function listCommendationProposals(caller: Caller, campaignId: string, year: number) {
  requireRole(caller, ['office', 'committee', 'inspector'], 'xem danh sách đề nghị khen thưởng');
  const [proposals, models] = await Promise.all([
    documentRepository.listProposals(campaignId, year),
    modelRepository.listByYear(campaignId, year),
  ]);
  return proposals.map((proposal) => {
    const model = models.find((candidate) => candidate.id === proposal.modelId);
    return { ...proposal, title: model?.title ?? '', tier: model?.tier };
  });
}
