// The Office's document register: draft a document of a campaign's year (or of one model), write a
// report's narrative in the draft, issue it (the number is given then), preview and print the PDF,
// download DOCX or PDF, cancel with a reason. The committee and inspectors see the same list to read.
import { formatDate, formatLocalDate } from '../../shared/domain/calendar.ts';
import type { RegisteredDocument } from '../../shared/domain/document-register.ts';
import type { Model } from '../../shared/domain/model.ts';
import { countsAsRegistered } from '../../shared/domain/model-status.ts';
import {
  DOCUMENT_TYPE_LABELS,
  DOCUMENT_TYPES,
  type DocumentType,
  type OrganizationProfile,
} from '../../shared/domain/organization-profile.ts';
import { COMMENDATION_LEVEL_LABELS as LEVEL_LABELS } from '../../shared/domain/tiers.ts';
import type { Campaign } from '../../shared/domain/types.ts';
import { api, download, fetchWithToken, shownError } from '../lib/api.ts';
import { confirmAction } from '../lib/dialog.ts';
import { byId, contentArea, escapeHtml, fieldValue } from '../lib/dom.ts';
import { clearErrors, showErrors } from '../lib/forms.ts';
import { run, startPage } from '../lib/page.ts';
import { cardTable } from '../lib/table.ts';

const content = contentArea();
const MODEL_TYPES: readonly DocumentType[] = ['registration-form', 'certificate'];
const NARRATIVE_TYPES: readonly DocumentType[] = ['annual-report', 'phase-report', 'term-report'];
const NARRATIVE_SECTIONS = [
  ['leadership', 'Công tác lãnh đạo, chỉ đạo'],
  ['results', 'Kết quả đạt được'],
  ['strengths', 'Ưu điểm'],
  ['weaknesses', 'Hạn chế, nguyên nhân'],
  ['lessons', 'Bài học kinh nghiệm'],
  ['directions', 'Phương hướng, nhiệm vụ'],
  ['proposals', 'Đề xuất, kiến nghị'],
] as const;

type Listed = RegisteredDocument & { draft?: { narrative?: Record<string, string[]> } };

function errorHtml(error: unknown): string {
  const { message, fields } = shownError(error);
  return `<div class="error-box" role="alert"><p>${escapeHtml(message)}</p>${
    fields.length > 0
      ? `<ul>${fields.map((field) => `<li>${escapeHtml(field.message)}</li>`).join('')}</ul>`
      : ''
  }</div>`;
}

/** Opens the PDF in a tab of its own: the browser's viewer is the print view, without the app around it. */
async function openPdf(id: string): Promise<void> {
  const response = await fetchWithToken(`/api/documents/${encodeURIComponent(id)}?format=pdf`);
  const url = URL.createObjectURL(await response.blob());
  window.open(url, '_blank', 'noopener');
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Asks the reason of a cancellation in a modal dialog; undefined when the person goes back. */
function askReason(title: string): Promise<string | undefined> {
  const dialog = document.createElement('dialog');
  dialog.className = 'confirm';
  dialog.setAttribute('aria-labelledby', 'reason-title');
  dialog.innerHTML = `<form method="dialog">
    <h2 id="reason-title">${escapeHtml(title)}</h2>
    <label for="cancel-reason">Lý do hủy</label>
    <textarea id="cancel-reason" name="reason" rows="3" required></textarea>
    <div class="actions">
      <button type="submit" value="yes" class="danger" id="reason-yes">Hủy văn bản</button>
      <button type="submit" value="no" class="secondary" formnovalidate>Quay lại</button>
    </div></form>`;
  document.body.append(dialog);
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => {
      const reason = byId<HTMLTextAreaElement>('cancel-reason').value.trim();
      resolve(dialog.returnValue === 'yes' && reason !== '' ? reason : undefined);
      dialog.remove();
    });
    dialog.showModal();
  });
}

function paragraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

const PROFILE_FIELDS = [
  ['superiorBody', 'Cơ quan cấp trên trực tiếp'],
  ['issuingBody.fullName', 'Tên đầy đủ của cơ quan ban hành'],
  ['issuingBody.shortName', 'Tên rút gọn của cơ quan ban hành'],
  ['partyOrganization', 'Tên Đảng bộ'],
  ['executiveBody', 'Tập thể lãnh đạo ký quyết định'],
  ['office', 'Tên Văn phòng'],
  ['placeName', 'Địa danh'],
  ['addressees.committee', 'Nơi gửi tờ trình cấp Đảng ủy'],
  ['addressees.higher', 'Nơi gửi tờ trình cấp trên'],
] as const;

function valueAt(profile: OrganizationProfile, path: string): string {
  return path
    .split('.')
    .reduce<unknown>((value, key) => (value as Record<string, unknown>)[key], profile) as string;
}

/** The Office's form for the organization's profile: names, place, symbols and signers. */
async function mountProfile(): Promise<void> {
  const section = byId('profile');
  const { profile } = await api<{ profile: OrganizationProfile }>('/api/organization-profile');
  section.innerHTML = `<details><summary>Hồ sơ tổ chức (tên cơ quan, ký hiệu, người ký trên văn bản)</summary>
    <form id="profile-form" novalidate>
      <div class="grid">${PROFILE_FIELDS.map(
        ([path, label]) => `<div class="field" data-path="${path}"><label for="p-${path}">${label}</label>
          <input type="text" id="p-${path}" name="${path}" value="${escapeHtml(valueAt(profile, path))}"></div>`,
      ).join('')}</div>
      <h3>Ký hiệu văn bản</h3>
      <div class="grid">${DOCUMENT_TYPES.map(
        (
          type,
        ) => `<div class="field" data-path="symbols.${type}"><label for="s-${type}">${escapeHtml(DOCUMENT_TYPE_LABELS[type])}</label>
          <input type="text" id="s-${type}" name="symbols.${type}" value="${escapeHtml(profile.symbols[type])}"></div>`,
      ).join('')}</div>
      <h3>Người ký</h3>
      ${profile.signers
        .map(
          (signer, index) => `<div class="grid">
        <div class="field" data-path="signers.${index}.name"><label for="g-${index}-name">Họ tên</label>
          <input type="text" id="g-${index}-name" name="signers.${index}.name" value="${escapeHtml(signer.name)}"></div>
        <div class="field" data-path="signers.${index}.title"><label for="g-${index}-title">Chức vụ</label>
          <input type="text" id="g-${index}-title" name="signers.${index}.title" value="${escapeHtml(signer.title)}"></div>
        <div class="field" data-path="signers.${index}.onBehalfOf"><label for="g-${index}-on">Thẩm quyền ký</label>
          <input type="text" id="g-${index}-on" name="signers.${index}.onBehalfOf" value="${escapeHtml(signer.onBehalfOf)}"></div>
      </div>`,
        )
        .join('')}
      <div class="actions"><button type="submit">Lưu hồ sơ tổ chức</button></div>
      <div id="profile-message" aria-live="polite"></div>
    </form></details>`;
  const form = byId<HTMLFormElement>('profile-form');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const read = (name: string) => fieldValue(form, name).trim();
    const next: OrganizationProfile = {
      ...profile,
      superiorBody: read('superiorBody'),
      issuingBody: { fullName: read('issuingBody.fullName'), shortName: read('issuingBody.shortName') },
      partyOrganization: read('partyOrganization'),
      executiveBody: read('executiveBody'),
      office: read('office'),
      placeName: read('placeName'),
      addressees: { committee: read('addressees.committee'), higher: read('addressees.higher') },
      symbols: Object.fromEntries(
        DOCUMENT_TYPES.map((type) => [type, read(`symbols.${type}`)]),
      ) as OrganizationProfile['symbols'],
      signers: profile.signers.map((signer, index) => ({
        ...signer,
        name: read(`signers.${index}.name`),
        title: read(`signers.${index}.title`),
        onBehalfOf: read(`signers.${index}.onBehalfOf`),
      })),
    };
    clearErrors(form);
    api('/api/organization-profile', { method: 'PUT', body: next })
      .then(() => {
        byId('profile-message').innerHTML =
          '<p role="status">Đã lưu hồ sơ tổ chức; văn bản lập từ nay dùng thông tin mới.</p>';
      })
      .catch((error: unknown) => showErrors(form, shownError(error)));
  });
}

async function render(office: boolean, reader: boolean): Promise<void> {
  const campaigns = (await api<{ items: Campaign[] }>('/api/campaigns')).items;
  const params = new URLSearchParams(location.search);
  const modelId = params.get('modelId') ?? undefined;
  const campaignId =
    params.get('campaignId') ?? campaigns.find((c) => c.status === 'active')?.id ?? campaigns[0]?.id ?? '';
  content.innerHTML = `<form class="card" id="pick">
      <div class="grid">
        <div><label for="campaignId">Phong trào</label><select id="campaignId" name="campaignId">${campaigns
          .map(
            (c) =>
              `<option value="${escapeHtml(c.id)}"${c.id === campaignId ? ' selected' : ''}>${escapeHtml(c.name)}</option>`,
          )
          .join('')}</select></div>
        <div><label for="year">Năm</label><select id="year" name="year"></select></div>
      </div>
      <div class="row-actions"><button type="submit" class="secondary">Xem danh sách văn bản</button></div>
    </form>
    ${
      office
        ? `<form class="card" id="create">
      <h2>Lập dự thảo văn bản</h2>
      <div class="grid">
        <div><label for="type">Loại văn bản</label><select id="type" name="type">${DOCUMENT_TYPES.map(
          (type) => `<option value="${type}">${escapeHtml(DOCUMENT_TYPE_LABELS[type])}</option>`,
        ).join('')}</select></div>
        <div id="model-field" hidden><label for="modelId">Mô hình</label><select id="modelId" name="modelId"></select></div>
        <div id="phase-field" hidden><label for="phaseId">Đợt sơ kết, tổng kết</label><select id="phaseId" name="phaseId"></select></div>
      </div>
      <div class="row-actions"><button type="submit" id="create-draft">Lập dự thảo</button></div>
      <div id="create-message" aria-live="polite"></div>
    </form>`
        : ''
    }
    ${office ? '<section class="card" id="profile"></section>' : ''}
    <div id="message" aria-live="polite"></div>
    <section class="card"><h2>Sổ văn bản</h2><div id="list"><p class="muted">Đang tải…</p></div></section>
    <section class="card" id="narrative" hidden></section>
    ${reader ? '<section class="card"><h2>Đề nghị khen thưởng của các chi bộ</h2><div id="proposals"></div></section>' : ''}`;
  const pick = byId<HTMLFormElement>('pick');
  const year = byId<HTMLSelectElement>('year');
  const message = byId('message');
  const campaign = () => campaigns.find((c) => c.id === fieldValue(pick, 'campaignId'));
  const syncYears = () => {
    const years = campaign()?.registrationYears ?? [];
    const wanted = params.get('year') ?? String(years.at(-1) ?? '');
    year.innerHTML = years
      .map((y) => `<option value="${y}"${String(y) === wanted ? ' selected' : ''}>${y}</option>`)
      .join('');
  };

  const act = async (what: () => Promise<unknown>) => {
    message.innerHTML = '';
    try {
      await what();
      await list();
    } catch (error) {
      message.innerHTML = errorHtml(error);
    }
  };

  const editNarrative = (doc: Listed) => {
    const section = byId('narrative');
    const narrative = doc.draft?.narrative ?? {};
    section.hidden = false;
    section.innerHTML = `<h2>Nội dung của dự thảo: ${escapeHtml(doc.title)}</h2>
      <p class="muted">Mỗi đoạn cách nhau một dòng trống. Số liệu do hệ thống lập từ các mô hình.</p>
      <form id="narrative-form">${NARRATIVE_SECTIONS.map(
        ([name, label]) => `<label for="n-${name}">${label}</label>
        <textarea id="n-${name}" name="${name}" rows="4">${escapeHtml((narrative[name] ?? []).join('\n\n'))}</textarea>`,
      ).join('')}
      <div class="row-actions"><button type="submit">Lưu nội dung</button></div></form>`;
    byId<HTMLFormElement>('narrative-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const form = event.currentTarget as HTMLFormElement;
      const body = Object.fromEntries(
        NARRATIVE_SECTIONS.map(([name]) => [name, paragraphs(fieldValue(form, name))]),
      );
      act(async () => {
        await api(`/api/documents/${encodeURIComponent(doc.id)}`, {
          method: 'PUT',
          body: { narrative: body },
        });
        section.hidden = true;
      }).catch(() => undefined);
    });
    section.scrollIntoView();
  };

  const list = async () => {
    const query = modelId
      ? `modelId=${encodeURIComponent(modelId)}`
      : `campaignId=${encodeURIComponent(fieldValue(pick, 'campaignId'))}&year=${encodeURIComponent(year.value)}`;
    const items = (await api<{ items: Listed[] }>(`/api/documents?${query}`)).items;
    const rows = items.map((doc) => {
      const buttons = [
        `<button type="button" class="secondary small" data-act="pdf">Xem, in PDF</button>`,
        `<button type="button" class="secondary small" data-act="docx">Tải DOCX</button>`,
        `<button type="button" class="secondary small" data-act="download-pdf">Tải PDF</button>`,
        ...(office && doc.status === 'draft' && NARRATIVE_TYPES.includes(doc.type)
          ? ['<button type="button" class="secondary small" data-act="narrative">Viết nội dung</button>']
          : []),
        ...(office && doc.status === 'draft'
          ? ['<button type="button" class="small" data-act="issue">Ban hành</button>']
          : []),
        ...(office && doc.status !== 'cancelled'
          ? ['<button type="button" class="danger small" data-act="cancel">Hủy</button>']
          : []),
      ];
      return {
        attributes: `data-document-id="${escapeHtml(doc.id)}"`,
        cells: [
          escapeHtml(doc.title),
          doc.numberText ? `Số ${escapeHtml(doc.numberText)}` : '<span class="muted">Chưa có số</span>',
          doc.date && doc.status !== 'draft' ? formatLocalDate(doc.date) : '',
          `${escapeHtml(doc.statusLabel)}${doc.cancelled ? `<br><span class="muted">${escapeHtml(doc.cancelled.reason)}</span>` : ''}`,
          `<div class="row-actions">${buttons.join(' ')}</div>`,
        ],
      };
    });
    byId('list').innerHTML = cardTable({
      id: 'documents',
      caption: 'Các văn bản',
      captionHidden: true,
      columns: [
        { label: 'Văn bản' },
        { label: 'Số, ký hiệu' },
        { label: 'Ngày ban hành' },
        { label: 'Trạng thái' },
        { label: 'Thao tác' },
      ],
      rows,
      empty: 'Chưa có văn bản nào.',
    });
    for (const row of byId('list').querySelectorAll<HTMLTableRowElement>('tr[data-document-id]')) {
      const doc = items.find((item) => item.id === row.dataset.documentId);
      if (!doc) continue;
      row.addEventListener('click', (event) => {
        const target = (event.target as HTMLElement).closest<HTMLButtonElement>('button[data-act]');
        if (!target) return;
        const path = `/api/documents/${encodeURIComponent(doc.id)}`;
        const name = `${doc.type}-${doc.year}`;
        switch (target.dataset.act) {
          case 'pdf':
            act(() => openPdf(doc.id)).catch(() => undefined);
            break;
          case 'docx':
            act(async () => download(await fetchWithToken(`${path}?format=docx`), `${name}.docx`)).catch(
              () => undefined,
            );
            break;
          case 'download-pdf':
            act(async () => download(await fetchWithToken(`${path}?format=pdf`), `${name}.pdf`)).catch(
              () => undefined,
            );
            break;
          case 'narrative':
            editNarrative(doc);
            break;
          case 'issue':
            act(async () => {
              const sure = await confirmAction({
                title: 'Ban hành văn bản',
                message: `Ban hành “${doc.title}”? Văn bản sẽ được cấp số tiếp theo và không sửa được nữa; muốn đính chính phải lập văn bản thay thế.`,
                confirm: 'Ban hành',
              });
              if (sure) await api(`${path}/issue`, { method: 'POST', body: {} });
            }).catch(() => undefined);
            break;
          case 'cancel':
            act(async () => {
              const reason = await askReason(`Hủy “${doc.title}”`);
              if (reason) await api(`${path}/cancel`, { method: 'POST', body: { reason } });
            }).catch(() => undefined);
            break;
        }
      });
    }
    if (reader && !modelId) await listProposals();
    history.replaceState(
      null,
      '',
      modelId
        ? `?modelId=${encodeURIComponent(modelId)}`
        : `?campaignId=${encodeURIComponent(fieldValue(pick, 'campaignId'))}&year=${year.value}`,
    );
  };

  async function listProposals(): Promise<void> {
    const proposals = (
      await api<{ items: { modelId: string; title: string; reason: string; level: string; at: string }[] }>(
        `/api/commendation-proposals?campaignId=${encodeURIComponent(fieldValue(pick, 'campaignId'))}&year=${encodeURIComponent(year.value)}`,
      )
    ).items;
    byId('proposals').innerHTML = cardTable({
      caption: 'Đề nghị khen thưởng',
      captionHidden: true,
      columns: [
        { label: 'Mô hình' },
        { label: 'Thành tích, lý do đề nghị' },
        { label: 'Cấp đề nghị' },
        { label: 'Ngày đề nghị' },
      ],
      rows: proposals.map((proposal) => ({
        cells: [
          `<a href="/model.html?id=${encodeURIComponent(proposal.modelId)}">${escapeHtml(proposal.title)}</a>`,
          escapeHtml(proposal.reason),
          escapeHtml(proposal.level === 'higher' ? LEVEL_LABELS.higher : LEVEL_LABELS.party_committee),
          formatDate(new Date(proposal.at)),
        ],
      })),
      empty: 'Chưa có chi bộ nào đề nghị.',
    });
  }

  if (office) {
    const create = byId<HTMLFormElement>('create');
    const type = byId<HTMLSelectElement>('type');
    const syncCreate = async () => {
      const chosen = type.value as DocumentType;
      byId('model-field').hidden = !MODEL_TYPES.includes(chosen);
      byId('phase-field').hidden = chosen !== 'phase-report';
      byId<HTMLSelectElement>('phaseId').innerHTML = (campaign()?.phases ?? [])
        .map((p) => `<option value="${escapeHtml(p.id)}">${escapeHtml(p.name)}</option>`)
        .join('');
      if (MODEL_TYPES.includes(chosen)) {
        const models = (
          await api<{ items: Model[] }>(
            `/api/models?campaignId=${encodeURIComponent(fieldValue(pick, 'campaignId'))}&year=${encodeURIComponent(year.value)}`,
          )
        ).items.filter((m) =>
          chosen === 'certificate' ? m.status === 'recognized' : countsAsRegistered(m.status),
        );
        byId<HTMLSelectElement>('modelId').innerHTML = models
          .map(
            (m) =>
              `<option value="${escapeHtml(m.id)}"${m.id === modelId ? ' selected' : ''}>${escapeHtml(m.title)}</option>`,
          )
          .join('');
      }
    };
    type.addEventListener('change', () => {
      syncCreate().catch((error: unknown) => {
        byId('create-message').innerHTML = errorHtml(error);
      });
    });
    create.addEventListener('submit', (event) => {
      event.preventDefault();
      const chosen = type.value as DocumentType;
      const body = MODEL_TYPES.includes(chosen)
        ? { type: chosen, modelId: fieldValue(create, 'modelId') }
        : {
            type: chosen,
            campaignId: fieldValue(pick, 'campaignId'),
            year: Number(year.value),
            ...(chosen === 'phase-report' ? { phaseId: fieldValue(create, 'phaseId') } : {}),
          };
      byId('create-message').innerHTML = '';
      api('/api/documents', { method: 'POST', body })
        .then(() => list())
        .catch((error: unknown) => {
          byId('create-message').innerHTML = errorHtml(error);
        });
    });
    await syncCreate().catch(() => undefined);
    await mountProfile().catch((error: unknown) => {
      byId('profile').innerHTML = errorHtml(error);
    });
  }

  byId('campaignId').addEventListener('change', syncYears);
  pick.addEventListener('submit', (event) => {
    event.preventDefault();
    list().catch((error: unknown) => {
      message.innerHTML = errorHtml(error);
    });
  });
  syncYears();
  await list();
}

run(async () => {
  // Anyone signed in: the API answers each person only the documents they may read.
  const me = await startPage();
  if (me) {
    await render(
      me.roles.includes('office'),
      me.roles.some((role) => role === 'office' || role === 'committee' || role === 'inspector'),
    );
  }
});
