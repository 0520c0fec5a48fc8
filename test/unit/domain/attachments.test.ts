import { Document, Packer, Paragraph } from 'docx';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  ATTACHMENT_LIMITS,
  assertAcceptableUpload,
  assertMayAttach,
  detectKind,
  MAGIC_BYTES,
  uploadProblem,
} from '../../../shared/domain/attachments.ts';
import type { Caller, Person } from '../../../shared/domain/types.ts';

const bytes = (...values: number[]) => new Uint8Array(values);
const text = (value: string) => new TextEncoder().encode(value);
const headTail = (file: Uint8Array) =>
  [file.subarray(0, MAGIC_BYTES.head), file.subarray(Math.max(0, file.length - MAGIC_BYTES.tail))] as const;

async function docxFile(): Promise<Uint8Array> {
  return new Uint8Array(
    await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('a')] }] })),
  );
}

async function xlsxFile(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('A').addRow([1]);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe('detectKind (magic bytes)', () => {
  it('knows PDF, PNG and JPEG by their first bytes', () => {
    // Assess
    expect(detectKind(text('%PDF-1.7\n'), new Uint8Array())).toBe('pdf');
    expect(detectKind(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0), new Uint8Array())).toBe(
      'png',
    );
    expect(detectKind(bytes(0xff, 0xd8, 0xff, 0xe0), new Uint8Array())).toBe('jpeg');
  });

  it('tells a Word document from an Excel workbook by the ZIP directory at the end', async () => {
    // Prepare
    const [docx, xlsx] = await Promise.all([docxFile(), xlsxFile()]);
    // Assess
    expect(detectKind(...headTail(docx))).toBe('docx');
    expect(detectKind(...headTail(xlsx))).toBe('xlsx');
  });

  it('refuses text, HTML, a bare ZIP, a truncated PNG signature and an empty file', () => {
    // Prepare
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...text('other.txt'), 0x50, 0x4b, 0x05, 0x06]);
    // Assess
    expect(detectKind(text('hello'), text('hello'))).toBeUndefined();
    expect(detectKind(text('<html>'), text('</html>'))).toBeUndefined();
    expect(detectKind(zip, zip)).toBeUndefined();
    expect(detectKind(bytes(0x89, 0x50, 0x4e, 0x47), new Uint8Array())).toBeUndefined();
    expect(detectKind(new Uint8Array(), new Uint8Array())).toBeUndefined();
  });
});

describe('assertAcceptableUpload', () => {
  it('takes the five kinds up to 20 MB, with an extension that matches', () => {
    // Assess
    expect(assertAcceptableUpload({ name: 'a.pdf', contentType: 'application/pdf', size: 1 })).toBe('pdf');
    expect(
      assertAcceptableUpload({ name: 'a.JPG', contentType: 'image/jpeg', size: ATTACHMENT_LIMITS.maxBytes }),
    ).toBe('jpeg');
  });

  it('refuses 21 MB naming “Dung lượng tệp”, and another type naming “Loại tệp”', () => {
    // Assess
    expect(() =>
      assertAcceptableUpload({ name: 'a.pdf', contentType: 'application/pdf', size: 21 * 1024 * 1024 }),
    ).toThrow(/21 MB, vượt quá giới hạn 20 MB/);
    expect(() =>
      assertAcceptableUpload({ name: 'a.exe', contentType: 'application/octet-stream', size: 1 }),
    ).toThrow(/chỉ nhận PDF, DOCX, XLSX, JPEG hoặc PNG/);
    expect(() => assertAcceptableUpload({ name: 'a.png', contentType: 'application/pdf', size: 1 })).toThrow(
      /không thuộc loại được nhận/,
    );
  });
});

describe('uploadProblem', () => {
  const declared = { kind: 'pdf' as const, size: 9, name: 'a.pdf' };
  const pdf = text('%PDF-1.7\n');

  it('accepts what was declared, and words each difference', () => {
    // Assess
    expect(
      uploadProblem(declared, { size: 9, contentType: 'application/pdf', head: pdf, tail: pdf }),
    ).toBeUndefined();
    expect(
      uploadProblem(declared, { size: 10, contentType: 'application/pdf', head: pdf, tail: pdf }),
    ).toContain('dung lượng');
    expect(uploadProblem(declared, { size: 9, contentType: 'image/png', head: pdf, tail: pdf })).toContain(
      'loại',
    );
    expect(
      uploadProblem(declared, { size: 9, contentType: 'application/pdf', head: text('GIF89a'), tail: pdf }),
    ).toBe('Nội dung tệp “a.pdf” không phải PDF như đã khai.');
  });
});

describe('assertMayAttach', () => {
  const caller: Caller = { personId: 'p1', username: 'u', roles: ['member', 'secretary'] };
  const person = { id: 'p1', cellId: 'c1' } as Person;
  const model = {
    cellId: 'c1',
    registeredBy: 'p1',
    status: 'implementing' as const,
    selfAssessmentDueBefore: '2017-08-31T17:00:00.000Z',
  };
  const now = new Date('2016-10-05T00:00:00Z');

  it('lets the cell add while the model is open, up to 20 files', () => {
    // Assess
    expect(() =>
      assertMayAttach({ caller, callerPerson: person, model, stage: 'registration', held: 19, now }),
    ).not.toThrow();
    expect(() =>
      assertMayAttach({ caller, callerPerson: person, model, stage: 'registration', held: 20, now }),
    ).toThrow(/tối đa 20 tệp/);
  });

  it('refuses once the model is reviewed, past the deadline, or to another cell', () => {
    // Assess
    const reviewed = { ...model, status: 'reviewed' as const };
    expect(() =>
      assertMayAttach({
        caller,
        callerPerson: person,
        model: reviewed,
        stage: 'self-assessment',
        held: 0,
        now,
      }),
    ).toThrow(/không thể đính kèm/);
    expect(() =>
      assertMayAttach({
        caller,
        callerPerson: person,
        model,
        stage: 'self-assessment',
        held: 0,
        now: new Date('2017-09-01T00:00:00Z'),
      }),
    ).toThrow(/quá hạn/);
    const stranger = { id: 'p2', cellId: 'c2' } as Person;
    expect(() =>
      assertMayAttach({
        caller: { ...caller, personId: 'p2' },
        callerPerson: stranger,
        model,
        stage: 'registration',
        held: 0,
        now,
      }),
    ).toThrow(/Chỉ người đăng ký/);
  });
});
