// `npm run documents:samples`: renders the eight official documents from the sample inputs into
// docs/documents/ — a PNG of each first page (pdftoppm, from Debian's poppler-utils) for readers,
// and, with --keep, the DOCX and PDF files themselves in a temporary folder.
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { buildDocument, renderDocument } from '../shared/documents/index.ts';
import type { DocumentStatus } from '../shared/documents/official-document.ts';
import { DOCUMENT_TYPES, type DocumentType } from '../shared/domain/organization-profile.ts';
import { sampleInput } from '../test/fixtures/document-inputs.ts';

const out = fileURLToPath(new URL('../docs/documents/', import.meta.url));
const work = await mkdtemp(path.join(tmpdir(), 'dvk-documents-'));
await mkdir(out, { recursive: true });

const samples: { name: string; type: DocumentType; status: DocumentStatus; reason?: string }[] = [
  ...DOCUMENT_TYPES.map((type) => ({ name: type, type, status: 'issued' as const })),
  { name: 'recognition-decision-draft', type: 'recognition-decision', status: 'draft' },
  {
    name: 'certificate-cancelled',
    type: 'certificate',
    status: 'cancelled',
    reason: 'Cấp nhầm cho mô hình khác; đã cấp lại theo Giấy chứng nhận số 16-GCN/ĐU.',
  },
];

for (const sample of samples) {
  const input = sampleInput(sample.type, sample.status, sample.reason ? { cancelReason: sample.reason } : {});
  const started = performance.now();
  const doc = buildDocument(sample.type, input);
  const built = performance.now();
  const docx = await renderDocument(doc, 'docx');
  const docxDone = performance.now();
  const pdf = await renderDocument(doc, 'pdf');
  const pdfDone = performance.now();
  const took = `build ${(built - started).toFixed(1)} ms, docx ${Math.round(docxDone - built)} ms, pdf ${Math.round(pdfDone - docxDone)} ms`;
  const pdfFile = path.join(work, `${sample.name}.pdf`);
  await writeFile(pdfFile, pdf);
  await writeFile(path.join(work, `${sample.name}.docx`), docx);
  execFileSync('pdftoppm', ['-png', '-r', '60', '-singlefile', pdfFile, path.join(out, sample.name)]);
  const pages = /Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdfFile], { encoding: 'utf8' }))?.[1];
  console.log(
    `${sample.name.padEnd(28)} ${String(pages).padStart(2)} page(s)  pdf ${String(Math.round(pdf.length / 1024)).padStart(4)} KiB  docx ${String(Math.round(docx.length / 1024)).padStart(3)} KiB  ${took}`,
  );
}
console.log(`\nPNG in ${out}\nDOCX and PDF in ${work}`);
