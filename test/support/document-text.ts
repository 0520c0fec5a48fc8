// Reading generated documents back as a person's tools would: the DOCX's word/document.xml (unzipped
// with fflate) and the PDF's text (pdftotext, from Debian's poppler-utils).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';

/** One part of a DOCX package, as text. */
export function docxPart(bytes: Uint8Array, part: string): string {
  const file = unzipSync(bytes)[part];
  if (!file) throw new Error(`${part} missing from the DOCX`);
  return strFromU8(file);
}

const decode = (xml: string) =>
  xml
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&apos;', "'")
    .replaceAll('&amp;', '&');

/** The text of word/document.xml: each paragraph's runs joined, paragraphs on their own lines. */
export function docxText(bytes: Uint8Array): string {
  const xml = docxPart(bytes, 'word/document.xml');
  return xml
    .split(/<\/w:p>/)
    .map((paragraph) =>
      [...paragraph.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decode(m[1] ?? '')).join(''),
    )
    .filter((text) => text !== '')
    .join('\n');
}

/** Runs a poppler tool on the PDF and returns what it prints. */
function poppler(tool: string, bytes: Uint8Array, args: readonly string[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'dvk-pdf-'));
  try {
    const file = path.join(dir, 'document.pdf');
    writeFileSync(file, bytes);
    return execFileSync(tool, [...args, file, ...(tool === 'pdftotext' ? ['-'] : [])], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The PDF's text in reading order, as pdftotext extracts it. */
export function pdfText(bytes: Uint8Array): string {
  return poppler('pdftotext', bytes, ['-enc', 'UTF-8']);
}

/** pdfinfo's and pdffonts' reports, for page size, page count and embedded fonts. */
export function pdfInfo(bytes: Uint8Array): { info: string; fonts: string } {
  return { info: poppler('pdfinfo', bytes, []), fonts: poppler('pdffonts', bytes, []) };
}

/** Text with every run of whitespace made one space, so that line breaks do not matter. */
export function flat(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
