// The document model both renderers read: the parts of a Party document (Hướng dẫn 36-HD/VPTW) as
// plain data, already worded. Builders make it from the committee's data; the DOCX and PDF renderers
// only lay it out, so the two files cannot say different things.
import type { DocumentType } from '../domain/organization-profile.ts';
import type { LocalDate } from '../domain/types.ts';

export type DocumentStatus = 'draft' | 'issued' | 'cancelled';

/** A piece of text with its own style inside a paragraph. */
export interface Run {
  readonly text: string;
  readonly bold?: boolean;
  readonly italic?: boolean;
  readonly underline?: boolean;
}

export type Align = 'left' | 'center' | 'right' | 'justify';

export interface ParagraphBlock {
  readonly kind: 'paragraph';
  readonly runs: readonly Run[];
  /** Body text is justified with a first-line indent unless told otherwise. */
  readonly align?: Align;
  readonly indent?: boolean;
  /** Points; the body's 14 unless told otherwise. */
  readonly size?: number;
  /** Extra space above, in points. */
  readonly spaceBefore?: number;
}

/** A numbered heading: level 1 "I. KẾT QUẢ …" (capitals), level 2 "1. Công tác …". */
export interface HeadingBlock {
  readonly kind: 'heading';
  readonly level: 1 | 2;
  readonly text: string;
  readonly align?: 'left' | 'center';
}

export interface TableColumn {
  readonly header: string;
  /** Share of the table's width; the shares need not add up to anything. */
  readonly width: number;
  readonly align?: 'left' | 'center' | 'right';
}

/** A row of cells, or a group line across the whole table ("Chi bộ Văn phòng Sở"). */
export type TableRow =
  | { readonly cells: readonly string[]; readonly bold?: boolean }
  | { readonly group: string };

export interface TableBlock {
  readonly kind: 'table';
  readonly columns: readonly TableColumn[];
  readonly rows: readonly TableRow[];
  /** Points; tables use 12 so that six columns fit. */
  readonly size?: number;
}

export type Block = ParagraphBlock | HeadingBlock | TableBlock;

/** The signature block: authority line, office, room for the signature and seal, then the name. */
export interface SignatureBlock {
  /** "T/M BAN THƯỜNG VỤ"; a form's "XÁC NHẬN CỦA CHI BỘ". */
  readonly onBehalfOf?: string;
  /** "BÍ THƯ"; a form's "NGƯỜI ĐĂNG KÝ". */
  readonly title: string;
  readonly name: string;
}

/** The two-column header of 36-HD: issuing body and number on the left, the Party's title and date on the right. */
export interface DocumentHeader {
  /** Already in capitals: "ĐẢNG BỘ KHỐI CÁC CƠ QUAN TỈNH". */
  readonly superiorBody: string;
  /** Already in capitals: "ĐẢNG ỦY SỞ TƯ PHÁP". */
  readonly issuingBody: string;
  /** "Số 12-QĐ/ĐU", or "Số     -QĐ/ĐU" for a draft. */
  readonly numberLine: string;
  /** "Hà Tĩnh, ngày 05 tháng 01 năm 2018". */
  readonly placeAndDate: string;
}

/** Pages of their own after the signature: the annex list of a decision. */
export interface Annex {
  /** Centered, bold capitals: "DANH SÁCH". */
  readonly title: string;
  /** Centered, bold: what the list is. */
  readonly subtitle?: string;
  /** Centered, italic: "(Kèm theo Quyết định số 12-QĐ/ĐU, ngày 05/01/2018 của …)". */
  readonly note?: string;
  readonly blocks: readonly Block[];
}

export interface OfficialDocument {
  readonly type: DocumentType;
  readonly status: DocumentStatus;
  /** The date of issue, for the file's properties. */
  readonly date: LocalDate;
  /** Shown under "ĐÃ HỦY" on a cancelled document. */
  readonly cancelReason?: string;
  readonly orientation: 'portrait' | 'landscape';
  /** A certificate is laid out as one framed page; everything else as a letter. */
  readonly layout: 'letter' | 'certificate';
  readonly header: DocumentHeader;
  /** "Kính gửi: …", under the title of a proposal. */
  readonly addressee?: string;
  /** The document kind in capitals ("QUYẾT ĐỊNH"), then the subject lines (bold, sentence case). */
  readonly title: { readonly kind: string; readonly subject: readonly string[] };
  readonly body: readonly Block[];
  /** One block sits at the right; two sit side by side (a form's confirmation and registrant). */
  readonly signatures: readonly SignatureBlock[];
  /** "Nơi nhận:" at the bottom left, each line already punctuated; empty for none. */
  readonly recipients: readonly string[];
  readonly annexes: readonly Annex[];
  /** For the file's properties: a plain one-line title. */
  readonly fileTitle: string;
  readonly author: string;
}

/** The marks a status adds, worded once for both renderers. */
export const STATUS_MARKS = {
  draft: 'DỰ THẢO',
  cancelled: 'ĐÃ HỦY',
} as const;

/** "Lý do hủy: …" under the cancelled mark. */
export function cancelReasonLine(doc: OfficialDocument): string {
  return `Lý do hủy: ${doc.cancelReason?.trim() || 'không ghi lý do'}`;
}

/** A paragraph of one plain run, justified with the first-line indent. */
export function para(text: string, extra: Omit<ParagraphBlock, 'kind' | 'runs'> = {}): ParagraphBlock {
  return { kind: 'paragraph', runs: [{ text }], ...extra };
}

/** A paragraph of several runs. */
export function runs(
  parts: readonly Run[],
  extra: Omit<ParagraphBlock, 'kind' | 'runs'> = {},
): ParagraphBlock {
  return { kind: 'paragraph', runs: parts, ...extra };
}
