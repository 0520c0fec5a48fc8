import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleEntry, repoRoot } from '../../infra/aws/bundling.ts';
import { docxText, flat, pdfInfo, pdfText } from '../support/document-text.ts';

const built = mkdtempSync(path.join(tmpdir(), 'dvk-documents-bundle-'));
const run = mkdtempSync(path.join(tmpdir(), 'dvk-documents-run-'));
afterAll(() => {
  rmSync(built, { recursive: true, force: true });
  rmSync(run, { recursive: true, force: true });
});

describe('the documents renderer in a Lambda bundle', () => {
  it('renders a Vietnamese PDF with its font from inside the bundle, with no node_modules and no system font', async () => {
    // Prepare
    const { files } = await bundleEntry(
      path.join(repoRoot, 'test/fixtures/documents-bundle-entry.ts'),
      built,
    );
    for (const file of files) copyFileSync(path.join(built, file), path.join(run, file));
    const lonely = path.join(run, 'index.mjs');
    expect(run.startsWith(repoRoot)).toBe(false);
    expect(existsSync(path.join(run, 'node_modules'))).toBe(false);

    // Act
    execFileSync(process.execPath, [lonely, run], {
      cwd: run,
      env: { PATH: '/usr/bin:/bin', HOME: run },
      stdio: 'pipe',
    });

    // Assess
    const pdf = new Uint8Array(readFileSync(path.join(run, 'certificate.pdf')));
    const docx = new Uint8Array(readFileSync(path.join(run, 'certificate.docx')));
    expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    expect(flat(pdfText(pdf))).toContain('Phổ biến pháp luật qua loa truyền thanh thôn, xóm');
    expect(flat(pdfText(pdf))).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
    expect(pdfInfo(pdf).fonts).toMatch(/\+Tinos-Bold\s+CID TrueType\s+Identity-H\s+yes yes yes/);
    expect(flat(docxText(docx))).toContain('GIẤY CHỨNG NHẬN');
  });
});
