// The official documents: build a document's content from plain data, then render it as DOCX or
// PDF. Pure: no AWS, no files, no clock.
import type { DocumentType } from '../domain/organization-profile.ts';
import { buildDocument } from './builders.ts';
import type { DocumentInputs } from './inputs.ts';
import type { OfficialDocument } from './official-document.ts';

export { buildDocument, NARRATIVE_PLACEHOLDER } from './builders.ts';
export type * from './inputs.ts';
export type * from './official-document.ts';

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

/**
 * Renders a built document in one format. The renderers (docx, pdfkit, fontkit
 * and the fonts) load on the first render, so the functions that list, draft
 * or issue documents never pay for them at a cold start.
 */
export async function renderDocument(doc: OfficialDocument, format: DocumentFormat): Promise<Uint8Array> {
  if (format === 'docx') return (await import('./docx.ts')).renderDocx(doc);
  return (await import('./pdf.ts')).renderPdf(doc);
}

/** Builds and renders in one call: the file of a document of `type` from its input. */
export function documentFile<T extends DocumentType>(
  type: T,
  input: DocumentInputs[T],
  format: DocumentFormat,
): Promise<Uint8Array> {
  return renderDocument(buildDocument(type, input), format);
}
