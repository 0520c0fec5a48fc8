// The document register's rules: which record each document type is about, how its number reads,
// and which steps each status allows. A draft has no number: the number is taken when the Office
// issues it (Hướng dẫn 36-HD/VPTW numbers documents as they are issued), so a draft that is never
// issued leaves no gap. Numbers run per symbol and year: the three report types share "BC/ĐU" and so
// share one sequence, as a Party office's register of reports does. Pure: no AWS, no clock.
import { ConflictError, InvalidInputError } from './errors.ts';
import { DOCUMENT_TYPE_LABELS, type DocumentType } from './organization-profile.ts';
import type { LocalDate } from './types.ts';

export const DOCUMENT_STATUSES = ['draft', 'issued', 'cancelled'] as const;
export type RegisteredStatus = (typeof DOCUMENT_STATUSES)[number];

/** A status as people read it. */
export const DOCUMENT_STATUS_LABELS: Readonly<Record<RegisteredStatus, string>> = {
  draft: 'Dự thảo',
  issued: 'Đã ban hành',
  cancelled: 'Đã hủy',
};

/** The documents about one model; the others are about a campaign's year (or phase, or term). */
export const MODEL_DOCUMENT_TYPES: readonly DocumentType[] = ['registration-form', 'certificate'];

/** The report types whose draft carries the Office's narrative. */
export const NARRATIVE_DOCUMENT_TYPES: readonly DocumentType[] = [
  'annual-report',
  'phase-report',
  'term-report',
];

/** Whether a document of this type is about one model. */
export function isModelDocument(type: DocumentType): boolean {
  return MODEL_DOCUMENT_TYPES.includes(type);
}

/** One step of a document's life: who, when. */
export interface DocumentStep {
  readonly by: string;
  readonly at: string;
}

/** The metadata of a registered document, as the API answers it. */
export interface RegisteredDocument {
  readonly id: string;
  readonly type: DocumentType;
  readonly typeLabel: string;
  readonly status: RegisteredStatus;
  readonly statusLabel: string;
  /** The register's number; absent on a draft (and on a draft cancelled before issue). */
  readonly number?: number;
  /** The symbol of the type when it was issued: "QĐ/ĐU". */
  readonly symbol?: string;
  /** "12-QĐ/ĐU", once issued. */
  readonly numberText?: string;
  readonly campaignId: string;
  readonly year: number;
  readonly modelId?: string;
  readonly cellId?: string;
  readonly phaseId?: string;
  /** The date of issue, `YYYY-MM-DD`. */
  readonly date?: LocalDate;
  readonly signerId?: string;
  readonly signerName?: string;
  readonly created: DocumentStep;
  readonly issued?: DocumentStep;
  readonly cancelled?: DocumentStep & { readonly reason: string };
  /** The document this one corrects; it is cancelled when this one is issued. */
  readonly replaces?: string;
  readonly replacedBy?: string;
  readonly title: string;
  readonly version: number;
}

/** The number after a counter's current value: numbers start at 1 each year. */
export function nextNumber(current: number | undefined): number {
  return (current ?? 0) + 1;
}

/** "12-QĐ/ĐU": the number and symbol as the header prints them after "Số". */
export function numberText(number: number, symbol: string): string {
  return `${number}-${symbol}`;
}

/** Refuses a step the status does not allow, in words. */
export function requireStatus(
  document: Pick<RegisteredDocument, 'status' | 'numberText' | 'typeLabel'>,
  allowed: readonly RegisteredStatus[],
  action: string,
): void {
  if (allowed.includes(document.status)) return;
  const what =
    document.status === 'issued'
      ? `đã được ban hành${document.numberText ? ` (số ${document.numberText})` : ''}; văn bản đã ban hành không sửa được, hãy lập văn bản thay thế`
      : document.status === 'cancelled'
        ? 'đã bị hủy'
        : 'còn là dự thảo';
  throw new ConflictError(`Không thể ${action}: ${document.typeLabel.toLowerCase()} này ${what}.`);
}

/** A cancellation reason, trimmed; refused when empty. */
export function cancelReason(reason: string): string {
  const trimmed = reason.trim();
  if (trimmed === '') {
    throw new InvalidInputError('Cần ghi lý do hủy văn bản.', [
      { path: 'body.reason', message: '“Lý do hủy” không được để trống.' },
    ]);
  }
  return trimmed;
}

/** What a document is, for lists: "Quyết định công nhận mô hình, điển hình năm 2026". */
export function documentTitle(type: DocumentType, year: number, about?: string): string {
  return `${DOCUMENT_TYPE_LABELS[type]}${about ? ` — ${about}` : ` năm ${year}`}`;
}
