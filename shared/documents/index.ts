// The official documents: build a document's content from plain data, then render it as DOCX or
// PDF. Pure: no AWS, no files, no clock.
import type { DocumentType } from '../domain/organization-profile.ts';
import { buildDocument } from './builders.ts';
import { renderDocx } from './docx.ts';
import type { DocumentInputs } from './inputs.ts';
import type { OfficialDocument } from './model.ts';
import { renderPdf } from './pdf.ts';

export { buildDocument, NARRATIVE_PLACEHOLDER } from './builders.ts';
export { renderDocx } from './docx.ts';
export type * from './inputs.ts';
export type * from './model.ts';
export { renderPdf } from './pdf.ts';

export type DocumentFormat = 'docx' | 'pdf';

/** The MIME type and file extension of each format. */
export const DOCUMENT_FORMATS: Readonly<
  Record<DocumentFormat, { readonly mime: string; readonly extension: string }>
> = {
  docx: {
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extension: 'docx',
  },
  pdf: { mime: 'application/pdf', extension: 'pdf' },
};

/** Renders a built document in one format. */
export function renderDocument(doc: OfficialDocument, format: DocumentFormat): Promise<Uint8Array> {
  return format === 'docx' ? renderDocx(doc) : renderPdf(doc);
}

/** Builds and renders in one call: the file of a document of `type` from its input. */
export function documentFile<T extends DocumentType>(
  type: T,
  input: DocumentInputs[T],
  format: DocumentFormat,
): Promise<Uint8Array> {
  return renderDocument(buildDocument(type, input), format);
}
