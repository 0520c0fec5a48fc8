// Evidence files (tài liệu minh chứng) attached to a model: which kinds are
// accepted, how large and how many, who may add them and when, and how a
// file's first and last bytes tell what it really is. Pure rules: the
// services fetch the bytes and the model.
import { ConflictError, ForbiddenError, InvalidInputError, RuleViolationError } from './errors.ts';
import type { Model } from './model.ts';
import type { ModelStatus } from './model-status.ts';
import { STATUS_LABELS } from './model-status.ts';
import { isSecretaryOf } from './registration.ts';
import type { Caller, Person } from './types.ts';

/** The file kinds a model may carry as evidence. */
export const ATTACHMENT_KINDS = ['pdf', 'docx', 'xlsx', 'jpeg', 'png'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

/** The media type each kind is uploaded and served with. */
export const ATTACHMENT_CONTENT_TYPES: Readonly<Record<AttachmentKind, string>> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  jpeg: 'image/jpeg',
  png: 'image/png',
};

/** What people call each kind. */
export const ATTACHMENT_KIND_LABELS: Readonly<Record<AttachmentKind, string>> = {
  pdf: 'PDF',
  docx: 'Word (DOCX)',
  xlsx: 'Excel (XLSX)',
  jpeg: 'Ảnh JPEG',
  png: 'Ảnh PNG',
};

/** The stages of the cycle a file is evidence for. */
export const ATTACHMENT_STAGES = ['registration', 'self-assessment'] as const;
export type AttachmentStage = (typeof ATTACHMENT_STAGES)[number];

export const ATTACHMENT_STAGE_LABELS: Readonly<Record<AttachmentStage, string>> = {
  registration: 'Đăng ký',
  'self-assessment': 'Tự đánh giá',
};

/** 20 MB per file, 20 files per model. */
export const ATTACHMENT_LIMITS = { maxBytes: 20 * 1024 * 1024, maxPerModel: 20, nameMax: 200 } as const;

/** The upload form's labels, which the messages name. */
export const ATTACHMENT_FIELD_LABELS = {
  name: 'Tên tệp',
  contentType: 'Loại tệp',
  size: 'Dung lượng tệp',
  stage: 'Giai đoạn',
  attachmentId: 'Mã tệp đính kèm',
} as const;

/** The kind of a declared media type, or undefined when it is not accepted. */
export function kindOfContentType(contentType: string): AttachmentKind | undefined {
  const bare = contentType.split(';', 1)[0]?.trim().toLowerCase();
  return ATTACHMENT_KINDS.find((kind) => ATTACHMENT_CONTENT_TYPES[kind] === bare);
}

/** The file name's extension agrees with its kind (jpg and jpeg both name a JPEG). */
export function extensionMatches(name: string, kind: AttachmentKind): boolean {
  const extension = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase();
  return extension === kind || (kind === 'jpeg' && extension === 'jpg');
}

const ACCEPTED_TEXT = 'PDF, DOCX, XLSX, JPEG hoặc PNG';

/** Megabytes for people, with a comma as the decimal mark. */
export function formatMegabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1).replace('.', ',').replace(/,0$/, '')} MB`;
}

export interface UploadDeclaration {
  readonly name: string;
  readonly contentType: string;
  readonly size: number;
}

/** Refuses a declared upload of a kind, size or name the rules do not take; returns its kind. */
export function assertAcceptableUpload(declaration: UploadDeclaration): AttachmentKind {
  const kind = kindOfContentType(declaration.contentType);
  if (!kind || !extensionMatches(declaration.name, kind)) {
    const message = `Tệp “${declaration.name}” không thuộc loại được nhận: chỉ nhận ${ACCEPTED_TEXT}.`;
    throw new InvalidInputError(message, [
      {
        path: 'contentType',
        message: `“${ATTACHMENT_FIELD_LABELS.contentType}” phải là ${ACCEPTED_TEXT}, và đuôi tên tệp phải khớp loại tệp.`,
      },
    ]);
  }
  if (declaration.size > ATTACHMENT_LIMITS.maxBytes) {
    const message = `Tệp “${declaration.name}” nặng ${formatMegabytes(declaration.size)}, vượt quá giới hạn ${formatMegabytes(ATTACHMENT_LIMITS.maxBytes)} mỗi tệp.`;
    throw new InvalidInputError(message, [
      {
        path: 'size',
        message: `“${ATTACHMENT_FIELD_LABELS.size}” tối đa ${formatMegabytes(ATTACHMENT_LIMITS.maxBytes)}.`,
      },
    ]);
  }
  return kind;
}

const startsWith = (bytes: Uint8Array, signature: readonly number[]) =>
  bytes.length >= signature.length && signature.every((byte, index) => bytes[index] === byte);

function contains(bytes: Uint8Array, pattern: readonly number[]): boolean {
  const first = pattern[0];
  for (
    let at = bytes.indexOf(first ?? 0);
    at >= 0 && at + pattern.length <= bytes.length;
    at = bytes.indexOf(first ?? 0, at + 1)
  ) {
    if (pattern.every((byte, index) => bytes[at + index] === byte)) return true;
  }
  return false;
}

const ascii = (text: string): number[] => [...text].map((c) => c.charCodeAt(0));

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const ZIP = [0x50, 0x4b, 0x03, 0x04]; // PK\3\4: DOCX and XLSX are ZIP packages
const ZIP_END = [0x50, 0x4b, 0x05, 0x06]; // the end of a ZIP's central directory

const WORD_PART = ascii('word/document.xml');
const EXCEL_PART = ascii('xl/workbook.xml');

/** How many bytes of the head and of the tail `detectKind` needs. */
export const MAGIC_BYTES = { head: 16, tail: 64 * 1024 } as const;

/**
 * What a file really is, from its first bytes and its last ones (where a
 * ZIP keeps its directory: the part names tell a Word document from an
 * Excel workbook); undefined for anything else.
 */
export function detectKind(head: Uint8Array, tail: Uint8Array): AttachmentKind | undefined {
  if (startsWith(head, PDF)) return 'pdf';
  if (startsWith(head, PNG)) return 'png';
  if (startsWith(head, JPEG)) return 'jpeg';
  if (startsWith(head, ZIP) && contains(tail, ZIP_END)) {
    const word = contains(tail, WORD_PART);
    const excel = contains(tail, EXCEL_PART);
    if (word && !excel) return 'docx';
    if (excel && !word) return 'xlsx';
  }
  return undefined;
}

/** Who may add evidence: the registrant, the person of an individual model, the cell's secretary. */
export function mayAttach(
  caller: Caller,
  callerPerson: Person,
  model: Pick<Model, 'cellId' | 'personId' | 'registeredBy'>,
): boolean {
  if (caller.personId !== callerPerson.id) return false;
  return (
    isSecretaryOf(caller, callerPerson, model.cellId) ||
    model.registeredBy === callerPerson.id ||
    model.personId === callerPerson.id
  );
}

const OPEN_FOR: Readonly<Record<AttachmentStage, readonly ModelStatus[]>> = {
  registration: ['registered', 'implementing'],
  'self-assessment': ['registered', 'implementing', 'self_assessed'],
};

export interface AttachInput {
  readonly caller: Caller;
  readonly callerPerson: Person;
  readonly model: Pick<Model, 'cellId' | 'personId' | 'registeredBy' | 'status' | 'selfAssessmentDueBefore'>;
  readonly stage: AttachmentStage;
  /** Files the model holds or is receiving now. */
  readonly held: number;
  readonly now: Date;
}

/**
 * Refuses an attachment the rules do not allow: someone else's model (403),
 * a model past the stage — reviewed, withdrawn — (409), past the
 * self-assessment deadline (422), or a model holding its 20 files already (422).
 */
export function assertMayAttach(input: AttachInput): void {
  const { caller, callerPerson, model, stage, held, now } = input;
  if (!mayAttach(caller, callerPerson, model)) {
    throw new ForbiddenError(
      'Chỉ người đăng ký, người thực hiện mô hình hoặc Bí thư chi bộ mới được đính kèm tài liệu.',
    );
  }
  if (!OPEN_FOR[stage].includes(model.status)) {
    throw new ConflictError(
      `Mô hình đang ở trạng thái “${STATUS_LABELS[model.status]}”, không thể đính kèm tài liệu giai đoạn “${ATTACHMENT_STAGE_LABELS[stage]}”.`,
      [
        {
          path: 'stage',
          message: `Giai đoạn “${ATTACHMENT_STAGE_LABELS[stage]}” không còn nhận tài liệu minh chứng.`,
        },
      ],
    );
  }
  if (now.getTime() >= Date.parse(model.selfAssessmentDueBefore)) {
    throw new RuleViolationError('Đã quá hạn tự đánh giá, không thể đính kèm thêm tài liệu.', [
      { path: 'stage', message: 'Hạn nộp tài liệu minh chứng đã qua.' },
    ]);
  }
  if (held >= ATTACHMENT_LIMITS.maxPerModel) {
    throw new RuleViolationError(
      `Mỗi mô hình có tối đa ${ATTACHMENT_LIMITS.maxPerModel} tệp đính kèm; mô hình này đã đủ.`,
      [{ path: 'name', message: `Đã đủ ${ATTACHMENT_LIMITS.maxPerModel} tệp đính kèm.` }],
    );
  }
}

export interface UploadedObject {
  readonly size: number;
  readonly contentType: string | undefined;
  readonly head: Uint8Array;
  readonly tail: Uint8Array;
}

/**
 * Checks what arrived against what was declared: the size and type S3 kept,
 * and the bytes themselves. Returns the problem in words, or undefined.
 */
export function uploadProblem(
  declared: { readonly kind: AttachmentKind; readonly size: number; readonly name: string },
  uploaded: UploadedObject,
): string | undefined {
  if (uploaded.size > ATTACHMENT_LIMITS.maxBytes || uploaded.size !== declared.size)
    return `Tệp “${declared.name}” tải lên không đúng dung lượng đã khai (${formatMegabytes(declared.size)}).`;
  if (kindOfContentType(uploaded.contentType ?? '') !== declared.kind)
    return `Tệp “${declared.name}” tải lên không đúng loại đã khai (${ATTACHMENT_KIND_LABELS[declared.kind]}).`;
  if (detectKind(uploaded.head, uploaded.tail) !== declared.kind)
    return `Nội dung tệp “${declared.name}” không phải ${ATTACHMENT_KIND_LABELS[declared.kind]} như đã khai.`;
  return undefined;
}
