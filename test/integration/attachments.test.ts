// Evidence files end to end against the embedded runtime: a presigned POST
// to the local S3 stand-in, the confirmation that checks what arrived, the
// presigned download, the refusals, the reader of another cell, the timeline.
import { GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Document, Packer, Paragraph } from 'docx';
import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVIDENCE_BUCKET } from '../../infra/local/runtime.ts';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime.ts';
import { registrationBody } from '../support/models.ts';

type ErrorBody = { error: { code: string; message: string; fields: { path: string; message: string }[] } };
type AttachmentBody = { id: string; name: string; status: string; kind: string; addedByName: string };
type UploadAnswer = {
  attachment: AttachmentBody;
  upload: { method: 'POST'; url: string; fields: Record<string, string> };
};
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
// The smallest baseline JPEG: SOI, APP0 (JFIF), a quantisation table, a 1×1 frame, EOI.
const JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
  'base64',
);

async function pdf(): Promise<Buffer> {
  const doc = new PDFDocument();
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.text('Biên bản họp chi bộ');
  doc.end();
  return done;
}

async function docx(): Promise<Buffer> {
  return Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('Báo cáo kết quả')] }] }));
}

async function xlsx(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('Số liệu').addRow(['Số vụ việc', 12]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Posts the file to the presigned form as a page would: the signed fields, then the file. */
async function postForm(upload: UploadAnswer['upload'], bytes: Uint8Array, contentType?: string) {
  const form = new FormData();
  for (const [name, value] of Object.entries(upload.fields)) {
    form.append(name, name === 'Content-Type' && contentType ? contentType : value);
  }
  form.append('file', new Blob([new Uint8Array(bytes)]), 'file');
  return fetch(upload.url, { method: 'POST', body: form });
}

describe('evidence files', () => {
  let rt: TestRuntime;
  let s3: S3Client;
  let modelId = '';
  const secretary = 'viet.lv'; // secretary of thanh-tra
  const otherCell = 'hoa.hv'; // secretary of dau-gia-ts, reads only his own cell

  const requestUpload = async (body: Record<string, unknown>, username = secretary) =>
    rt.api<UploadAnswer & ErrorBody>(await rt.token(username), 'POST', `/api/models/${modelId}/attachments`, {
      stage: 'registration',
      ...body,
    });

  beforeAll(async () => {
    rt = await startTestRuntime({ clockStart: '2016-10-03T08:00:00+07:00' });
    const endpoints = (await rt.api<{ s3: string }>(undefined, 'GET', '/local/endpoints')).body;
    s3 = new S3Client({ endpoint: endpoints.s3, region: 'us-east-1', credentials });
    const registered = await rt.api<{ id: string }>(
      await rt.token(secretary),
      'POST',
      '/api/models',
      registrationBody(),
    );
    expect(registered.status).toBe(201);
    modelId = registered.body.id;
  });
  afterAll(async () => {
    s3.destroy();
    await rt.close();
  });

  const files = [
    { kind: 'pdf', name: 'Biên bản họp.pdf', contentType: 'application/pdf', bytes: pdf },
    {
      kind: 'docx',
      name: 'Báo cáo.docx',
      contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      bytes: docx,
    },
    {
      kind: 'xlsx',
      name: 'Số liệu.xlsx',
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      bytes: xlsx,
    },
    { kind: 'jpeg', name: 'Ảnh tiếp dân.jpg', contentType: 'image/jpeg', bytes: async () => JPEG },
    { kind: 'png', name: 'Sơ đồ.png', contentType: 'image/png', bytes: async () => PNG },
  ] as const;

  for (const file of files) {
    it(`uploads, confirms and downloads a ${file.kind.toUpperCase()} file`, async () => {
      // Prepare
      const bytes = await file.bytes();
      const asked = await requestUpload({
        name: file.name,
        contentType: file.contentType,
        size: bytes.length,
      });
      expect(asked.status).toBe(201);
      // Act
      const posted = await postForm(asked.body.upload, bytes);
      const confirmed = await rt.api<AttachmentBody>(
        await rt.token(secretary),
        'POST',
        `/api/models/${modelId}/attachments/${asked.body.attachment.id}/confirm`,
      );
      const link = await rt.api<{ url: string }>(
        await rt.token(secretary),
        'GET',
        `/api/models/${modelId}/attachments/${asked.body.attachment.id}`,
      );
      const downloaded = await fetch(link.body.url);
      // Assess
      expect(posted.status).toBe(204);
      expect(confirmed.status).toBe(200);
      expect(confirmed.body).toMatchObject({ status: 'confirmed', kind: file.kind, name: file.name });
      expect(downloaded.status).toBe(200);
      expect(downloaded.headers.get('content-type')).toBe(file.contentType);
      expect(downloaded.headers.get('content-disposition')).toContain(encodeURIComponent(file.name));
      expect(Buffer.from(await downloaded.arrayBuffer()).equals(bytes)).toBe(true);
      const key = `models/${modelId}/${asked.body.attachment.id}`;
      const head = await s3.send(new HeadObjectCommand({ Bucket: EVIDENCE_BUCKET, Key: key }));
      expect(head.ContentLength).toBe(bytes.length);
      expect(head.ContentType).toBe(file.contentType);
      const object = await s3.send(new GetObjectCommand({ Bucket: EVIDENCE_BUCKET, Key: key }));
      expect(Buffer.from(await (object.Body?.transformToByteArray() ?? [])).equals(bytes)).toBe(true);
    });
  }

  it('lists the five files for the model with who added them', async () => {
    // Act
    const listed = await rt.api<{ items: AttachmentBody[] }>(
      await rt.token(secretary),
      'GET',
      `/api/models/${modelId}/attachments`,
    );
    // Assess
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((item) => item.kind)).toEqual(['pdf', 'docx', 'xlsx', 'jpeg', 'png']);
    expect(listed.body.items.every((item) => item.status === 'confirmed' && item.addedByName !== '')).toBe(
      true,
    );
  });

  it('refuses a 21 MB file in Vietnamese, naming the size field', async () => {
    // Act
    const answer = await requestUpload({
      name: 'Video.pdf',
      contentType: 'application/pdf',
      size: 21 * 1024 * 1024,
    });
    // Assess
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toContain('vượt quá giới hạn 20 MB');
    expect(answer.body.error.fields).toEqual([{ path: 'size', message: '“Dung lượng tệp” tối đa 20 MB.' }]);
  });

  it('refuses a file of another type in Vietnamese, naming the type field', async () => {
    // Act
    const answer = await requestUpload({ name: 'ghi-chu.txt', contentType: 'text/plain', size: 120 });
    // Assess
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toContain('chỉ nhận PDF, DOCX, XLSX, JPEG hoặc PNG');
    expect(answer.body.error.fields[0]?.path).toBe('contentType');
    expect(answer.body.error.fields[0]?.message).toContain('“Loại tệp”');
  });

  it('lets S3 itself refuse more than 20 MB and another type than the one signed', async () => {
    // Prepare
    const asked = await requestUpload({ name: 'Nhỏ.pdf', contentType: 'application/pdf', size: 1000 });
    // Act
    const tooLarge = await postForm(asked.body.upload, Buffer.alloc(21 * 1024 * 1024, 0x25));
    const otherType = await postForm(asked.body.upload, await pdf(), 'text/html');
    // Assess
    expect(tooLarge.status).toBe(400);
    expect(await tooLarge.text()).toContain('<Code>EntityTooLarge</Code>');
    expect(otherType.status).toBe(403);
    expect(await otherType.text()).toContain('Policy Condition failed');
  });

  it('refuses on confirmation a file whose bytes are not what was declared, and keeps no record of it', async () => {
    // Prepare: a PNG sent as a PDF passes the policy (the declared type), not the magic bytes.
    const asked = await requestUpload({ name: 'Giả.pdf', contentType: 'application/pdf', size: PNG.length });
    await postForm(asked.body.upload, PNG);
    // Act
    const confirmed = await rt.api<ErrorBody>(
      await rt.token(secretary),
      'POST',
      `/api/models/${modelId}/attachments/${asked.body.attachment.id}/confirm`,
    );
    const listed = await rt.api<{ items: AttachmentBody[] }>(
      await rt.token(secretary),
      'GET',
      `/api/models/${modelId}/attachments`,
    );
    // Assess
    expect(confirmed.status).toBe(422);
    expect(confirmed.body.error.message).toBe('Nội dung tệp “Giả.pdf” không phải PDF như đã khai.');
    expect(listed.body.items.map((item) => item.name)).not.toContain('Giả.pdf');
  });

  it('refuses a reader of another cell: no list, no link, no upload', async () => {
    // Prepare
    const token = await rt.token(otherCell);
    const first = (
      await rt.api<{ items: AttachmentBody[] }>(
        await rt.token(secretary),
        'GET',
        `/api/models/${modelId}/attachments`,
      )
    ).body.items[0];
    // Act
    const listed = await rt.api<ErrorBody>(token, 'GET', `/api/models/${modelId}/attachments`);
    const link = await rt.api<ErrorBody>(token, 'GET', `/api/models/${modelId}/attachments/${first?.id}`);
    const upload = await requestUpload(
      { name: 'x.pdf', contentType: 'application/pdf', size: 10 },
      otherCell,
    );
    // Assess
    expect(listed.status).toBe(404);
    expect(link.status).toBe(404);
    expect(upload.status).toBe(404);
    expect(link.body.error.message).toContain('Không có mô hình');
  });

  it('refuses a download link tampered with', async () => {
    // Prepare
    const first = (
      await rt.api<{ items: AttachmentBody[] }>(
        await rt.token(secretary),
        'GET',
        `/api/models/${modelId}/attachments`,
      )
    ).body.items[0];
    const link = await rt.api<{ url: string }>(
      await rt.token(secretary),
      'GET',
      `/api/models/${modelId}/attachments/${first?.id}`,
    );
    // Act
    const tampered = await fetch(
      link.body.url.replace('response-content-type=', 'response-content-type=text%2Fhtml&x='),
    );
    // Assess
    expect(tampered.status).toBe(403);
  });

  it('shows each added file on the timeline: who, what, when', async () => {
    // Act
    const history = await rt.api<{
      items: { state: string; label: string; actorName: string; atText: string; data?: { note?: string } }[];
    }>(await rt.token(secretary), 'GET', `/api/models/${modelId}/history`);
    // Assess
    const added = history.body.items.filter((item) => item.state === 'attachment_added');
    expect(added).toHaveLength(5);
    expect(added[0]).toMatchObject({ label: 'Đính kèm tài liệu minh chứng', actorName: 'Lâm Văn Việt' });
    // The clock is frozen, so the five share one instant: each file is there, in whichever order.
    for (const file of files) expect(added.some((item) => item.data?.note?.includes(file.name))).toBe(true);
    expect(added[0]?.atText).toMatch(/^\d{2}\/\d{2}\/\d{4} /);
  });
});
