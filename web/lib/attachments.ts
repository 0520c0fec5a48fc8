// The model page's evidence files: the list (who added what, when, with a
// download), and for the model's own people an upload control. The upload
// goes straight to the bucket with the form the API presigned, then the API
// is asked to check it; the server decides every permission.
import {
  ATTACHMENT_FIELD_LABELS,
  ATTACHMENT_LIMITS,
  ATTACHMENT_STAGE_LABELS,
  ATTACHMENT_STAGES,
  formatMegabytes,
} from '../../shared/domain/attachments.ts';
import type { Model } from '../../shared/domain/model.ts';
import { api, shownError } from './api.ts';
import { escapeHtml, one } from './dom.ts';
import { clearErrors, showErrors, whileSending } from './forms.ts';
import type { Me } from './session.ts';
import { cardTable } from './table.ts';

interface AttachmentItem {
  readonly id: string;
  readonly name: string;
  readonly kindLabel: string;
  readonly size: number;
  readonly stageLabel: string;
  readonly status: 'pending' | 'confirmed';
  readonly addedByName: string;
  readonly addedAtText: string;
}

interface UploadAnswer {
  readonly attachment: { readonly id: string };
  readonly upload: { readonly url: string; readonly fields: Readonly<Record<string, string>> };
}

const ACCEPT = '.pdf,.docx,.xlsx,.jpg,.jpeg,.png';

/** Whether the page offers the upload: the model's own people while it is not reviewed (the server checks again). */
function mayUpload(me: Me, model: Model, now: Date): boolean {
  const ownCell = me.roles.includes('secretary') && me.cellId === model.cellId;
  const own = model.personId === me.personId || model.registeredBy === me.personId;
  return (
    (ownCell || own) &&
    ['registered', 'implementing', 'self_assessed'].includes(model.status) &&
    now.getTime() < Date.parse(model.selfAssessmentDueBefore)
  );
}

function uploadForm(model: Model): string {
  const stage = ['registered', 'implementing'].includes(model.status) ? 'registration' : 'self-assessment';
  return `<form id="attachment-form" novalidate>
      <div class="error-summary" role="alert" tabindex="-1" hidden></div>
      <div class="field" data-path="contentType">
        <label for="attachment-file">Chọn tệp <span class="required" aria-hidden="true">*</span></label>
        <input type="file" id="attachment-file" data-path="size" accept="${ACCEPT}" aria-describedby="attachment-hint">
        <p class="hint" id="attachment-hint">PDF, DOCX, XLSX, JPEG hoặc PNG; tối đa ${formatMegabytes(ATTACHMENT_LIMITS.maxBytes)} mỗi tệp, ${ATTACHMENT_LIMITS.maxPerModel} tệp mỗi mô hình.</p>
      </div>
      <div class="field" data-path="stage">
        <label for="attachment-stage">${ATTACHMENT_FIELD_LABELS.stage}</label>
        <select id="attachment-stage">${ATTACHMENT_STAGES.map(
          (value) =>
            `<option value="${value}"${value === stage ? ' selected' : ''}>${escapeHtml(ATTACHMENT_STAGE_LABELS[value])}</option>`,
        ).join('')}</select>
      </div>
      <div class="actions"><button type="submit">Tải tệp lên</button></div>
    </form>`;
}

function listHtml(items: readonly AttachmentItem[]): string {
  return cardTable({
    id: 'attachments-table',
    caption: 'Tài liệu minh chứng đã đính kèm',
    captionHidden: true,
    columns: [
      { label: 'Tên tệp' },
      { label: 'Loại' },
      { label: 'Giai đoạn' },
      { label: 'Dung lượng' },
      { label: 'Người đính kèm' },
      { label: 'Thời gian' },
    ],
    rows: items.map((item) => ({
      attributes: `data-attachment-id="${escapeHtml(item.id)}"`,
      cells: [
        item.status === 'confirmed'
          ? `<button type="button" class="link" data-download="${escapeHtml(item.id)}">${escapeHtml(item.name)}</button>`
          : `${escapeHtml(item.name)} <span class="muted">(đang tải lên)</span>`,
        escapeHtml(item.kindLabel),
        escapeHtml(item.stageLabel),
        escapeHtml(formatMegabytes(item.size)),
        escapeHtml(item.addedByName),
        escapeHtml(item.addedAtText),
      ],
    })),
    empty: 'Chưa có tài liệu minh chứng nào.',
  });
}

/** The evidence files card's frame; `wireAttachments` fills it. */
export function attachmentsSection(): string {
  return `<section class="card" aria-labelledby="attachments-title" id="attachments-card">
    <h2 id="attachments-title">Tài liệu minh chứng</h2>
    <div id="attachments-list"><p class="muted">Đang tải danh sách tệp…</p></div>
    <div id="attachments-upload"></div>
  </section>`;
}

/** Lists the model's files and wires the download buttons and the upload form. */
export async function wireAttachments(me: Me, model: Model, now: Date): Promise<void> {
  const base = `/api/models/${encodeURIComponent(model.id)}/attachments`;
  const list = document.getElementById('attachments-list');
  const uploadArea = document.getElementById('attachments-upload');
  if (!list || !uploadArea) return;
  const refresh = async () => {
    const answer = await api<{ items: AttachmentItem[] }>(base);
    list.innerHTML = listHtml(answer.items);
  };
  list.addEventListener('click', (event) => {
    const id = (event.target as HTMLElement).closest<HTMLElement>('[data-download]')?.dataset.download;
    if (!id) return;
    api<{ url: string }>(`${base}/${encodeURIComponent(id)}`).then(
      (link) => window.location.assign(link.url),
      (error: unknown) => {
        list.insertAdjacentHTML(
          'afterbegin',
          `<p class="field-error" role="alert">${escapeHtml(shownError(error).message)}</p>`,
        );
      },
    );
  });
  await refresh().catch((error: unknown) => {
    list.innerHTML = `<p class="field-error" role="alert">${escapeHtml(shownError(error).message)}</p>`;
  });
  if (!mayUpload(me, model, now)) return;
  uploadArea.innerHTML = uploadForm(model);
  const form = one<HTMLFormElement>(uploadArea, '#attachment-form');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const file = one<HTMLInputElement>(form, '#attachment-file').files?.[0];
    const stage = one<HTMLSelectElement>(form, '#attachment-stage').value;
    whileSending(form, async () => {
      clearErrors(form);
      if (!file) {
        showErrors(form, {
          message: 'Chưa chọn tệp.',
          fields: [{ path: 'size', message: 'Hãy chọn một tệp để tải lên.' }],
        });
        return;
      }
      try {
        const asked = await api<UploadAnswer>(base, {
          method: 'POST',
          body: {
            name: file.name,
            contentType: file.type || 'application/octet-stream',
            size: file.size,
            stage,
          },
        });
        const body = new FormData();
        for (const [name, value] of Object.entries(asked.upload.fields)) body.append(name, value);
        body.append('file', file);
        const stored = await fetch(asked.upload.url, { method: 'POST', body }).catch(() => undefined);
        if (!stored?.ok) {
          showErrors(form, {
            message: `Kho lưu trữ không nhận tệp “${file.name}”; hãy kiểm tra loại và dung lượng tệp rồi thử lại.`,
            fields: [],
          });
          return;
        }
        await api(`${base}/${encodeURIComponent(asked.attachment.id)}/confirm`, { method: 'POST' });
        form.reset();
        await refresh();
      } catch (error) {
        showErrors(form, shownError(error, 'Không tải được tệp lên vì lỗi mạng; hãy thử lại.'));
      }
    }).catch(() => undefined);
  });
}
