// Campaigns for the Office: the list, and one form to create or edit a campaign — prefilled with
// "Dân vận khéo 2026–2030" from the latest campaign, so a new period takes one form.
import { api } from './lib/api.js';
import { escapeHtml, formatLocalDate } from './lib/format.js';
import { errorHtml, requireRoles } from './lib/office-page.js';

const content = document.getElementById('content');
const STATUS = { draft: 'Nháp', active: 'Đang thực hiện', closed: 'Đã kết thúc' };
const CALENDAR = [
  ['registrationOpens', 'Mở đăng ký (MM-DD)'],
  ['registrationCloses', 'Hết hạn đăng ký (MM-DD)'],
  ['selfAssessmentDeadline', 'Hạn tự đánh giá, năm sau (MM-DD)'],
  ['reviewDeadline', 'Hạn xét, công nhận, năm sau (MM-DD)'],
  ['annualReport', 'Báo cáo hằng năm (MM-DD)'],
];

/** The next campaign after `base`: the same calendar and rules, the period moved on (mirrors nextCampaignTemplate). */
function nextCampaign(base) {
  const from = Math.max(2026, Number(base.period.to.slice(0, 4)));
  const to = from + 4;
  const middle = from + 2;
  return {
    id: `dvk-${from}-${to}`,
    name: `Phong trào thi đua “Dân vận khéo” giai đoạn ${from} - ${to}`,
    status: 'active',
    period: { from: `${from}-10-01`, to: `${to}-10-31` },
    calendar: { ...base.calendar },
    phases: [
      {
        id: 'dot-1',
        name: `Đợt 1 (10/${from} - 10/${middle})`,
        from: `${from}-10-01`,
        to: `${middle}-10-31`,
        review: 'preliminary',
        reviewDeadline: `${middle}-09-30`,
      },
      {
        id: 'dot-2',
        name: `Đợt 2 (10/${middle} - 10/${to})`,
        from: `${middle}-10-01`,
        to: `${to}-10-31`,
        review: 'final',
        reviewDeadline: `${to}-08-31`,
      },
    ],
    areas: base.areas,
    criteria: base.criteria,
    quorum: base.quorum,
    majority: base.majority,
    minimumPerCell: base.minimumPerCell ?? { collective: 1, individual: 1 },
  };
}

const input = (name, label, value, attrs = '') =>
  `<div><label for="${name}">${label}</label><input id="${name}" name="${name}" data-path="${name}" value="${escapeHtml(value ?? '')}" ${attrs}></div>`;

function phaseRow(phase, index) {
  return `<fieldset class="phase" data-index="${index}"><legend>Đợt ${index + 1}</legend><div class="grid">
    ${input(`phases.${index}.id`, 'Mã đợt', phase.id, 'required')}
    ${input(`phases.${index}.name`, 'Tên đợt', phase.name, 'required')}
    ${input(`phases.${index}.from`, 'Từ ngày', phase.from, 'type="date" required')}
    ${input(`phases.${index}.to`, 'Đến ngày', phase.to, 'type="date" required')}
    <div><label for="phases.${index}.review">Loại</label><select id="phases.${index}.review" name="phases.${index}.review" data-path="phases.${index}.review">
      <option value="preliminary"${phase.review === 'preliminary' ? ' selected' : ''}>Sơ kết</option>
      <option value="final"${phase.review === 'final' ? ' selected' : ''}>Tổng kết</option></select></div>
    ${input(`phases.${index}.reviewDeadline`, 'Hạn sơ kết / tổng kết', phase.reviewDeadline, 'type="date" required')}
  </div><button type="button" class="secondary small remove-phase">Bỏ đợt này</button></fieldset>`;
}

function formHtml(campaign, editing) {
  return `<form id="campaign-form" class="card" novalidate>
    <h3>${editing ? `Sửa: ${escapeHtml(campaign.name)}` : 'Tạo phong trào mới'}</h3>
    <div class="grid">
      ${input('id', 'Mã phong trào', campaign.id, editing ? 'readonly' : 'required')}
      ${input('name', 'Tên phong trào', campaign.name, 'required')}
      <div><label for="status">Trạng thái</label><select id="status" name="status" data-path="status">${Object.entries(
        STATUS,
      )
        .map(
          ([value, label]) =>
            `<option value="${value}"${value === campaign.status ? ' selected' : ''}>${label}</option>`,
        )
        .join('')}</select></div>
      ${input('period.from', 'Bắt đầu', campaign.period.from, 'type="date" required')}
      ${input('period.to', 'Kết thúc', campaign.period.to, 'type="date" required')}
    </div>
    <fieldset><legend>Lịch hằng năm</legend><div class="grid">${CALENDAR.map(([key, label]) =>
      input(`calendar.${key}`, label, campaign.calendar[key], 'pattern="\\d{2}-\\d{2}" required'),
    ).join('')}</div></fieldset>
    <fieldset><legend>Các đợt</legend><div id="phases">${campaign.phases.map(phaseRow).join('')}</div>
      <button type="button" class="secondary" id="add-phase">Thêm đợt</button></fieldset>
    <fieldset><legend>Nội dung thi đua (mỗi nội dung một ô; lĩnh vực cụ thể mỗi dòng một mục)</legend>
      ${[1, 2, 3]
        .map((id) => {
          const area = campaign.areas.find((a) => a.id === id) ?? { name: '', subFields: [] };
          return `<div><label for="area-${id}">Nội dung ${id}</label><textarea id="area-${id}" name="area-${id}" data-path="areas.${id - 1}.name" rows="2">${escapeHtml(area.name)}</textarea>
            <label for="area-${id}-sub">Lĩnh vực cụ thể của nội dung ${id}</label><textarea id="area-${id}-sub" name="area-${id}-sub" rows="2">${escapeHtml(area.subFields.join('\n'))}</textarea></div>`;
        })
        .join('')}
    </fieldset>
    <fieldset><legend>Tiêu chí theo hướng dẫn (mỗi dòng một tiêu chí)</legend>
      <textarea id="criteria" name="criteria" data-path="criteria" rows="5" aria-label="Tiêu chí">${escapeHtml(campaign.criteria.join('\n'))}</textarea></fieldset>
    <fieldset><legend>Biểu quyết và tối thiểu mỗi chi bộ mỗi năm</legend><div class="grid">
      ${input('quorum.numerator', 'Túc số: tử số', campaign.quorum.numerator, 'type="number" min="1"')}
      ${input('quorum.denominator', 'Túc số: mẫu số', campaign.quorum.denominator, 'type="number" min="1"')}
      ${input('majority.numerator', 'Tán thành hơn: tử số', campaign.majority.numerator, 'type="number" min="0"')}
      ${input('majority.denominator', 'Tán thành hơn: mẫu số', campaign.majority.denominator, 'type="number" min="1"')}
      ${input('minimumPerCell.collective', 'Tối thiểu mô hình tập thể', campaign.minimumPerCell?.collective ?? 1, 'type="number" min="0"')}
      ${input('minimumPerCell.individual', 'Tối thiểu mô hình cá nhân', campaign.minimumPerCell?.individual ?? 1, 'type="number" min="0"')}
    </div></fieldset>
    <div id="form-message" aria-live="polite"></div>
    <div class="row-actions"><button type="submit">${editing ? 'Lưu thay đổi' : 'Tạo phong trào'}</button>
      <button type="button" class="secondary" id="cancel">Hủy</button></div>
  </form>`;
}

function bodyOf(form) {
  const value = (name) => form.elements.namedItem(name)?.value?.trim() ?? '';
  const number = (name) => Number(value(name));
  const lines = (name) =>
    value(name)
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
  return {
    id: value('id') || undefined,
    name: value('name'),
    status: value('status'),
    period: { from: value('period.from'), to: value('period.to') },
    calendar: Object.fromEntries(CALENDAR.map(([key]) => [key, value(`calendar.${key}`)])),
    phases: [...form.querySelectorAll('fieldset.phase')].map((fieldset) => {
      const i = fieldset.dataset.index;
      return {
        id: value(`phases.${i}.id`),
        name: value(`phases.${i}.name`),
        from: value(`phases.${i}.from`),
        to: value(`phases.${i}.to`),
        review: value(`phases.${i}.review`),
        reviewDeadline: value(`phases.${i}.reviewDeadline`),
      };
    }),
    areas: [1, 2, 3]
      .filter((id) => value(`area-${id}`) !== '')
      .map((id) => ({ id, name: value(`area-${id}`), subFields: lines(`area-${id}-sub`) })),
    criteria: lines('criteria'),
    quorum: { numerator: number('quorum.numerator'), denominator: number('quorum.denominator') },
    majority: { numerator: number('majority.numerator'), denominator: number('majority.denominator') },
    minimumPerCell: {
      collective: number('minimumPerCell.collective'),
      individual: number('minimumPerCell.individual'),
    },
  };
}

function markInvalid(form, fields) {
  for (const element of form.querySelectorAll('[aria-invalid]')) element.removeAttribute('aria-invalid');
  for (const field of fields) {
    const path = field.path.replace(/^body\./, '');
    const element = form.querySelector(`[data-path="${CSS.escape(path)}"]`);
    if (element) element.setAttribute('aria-invalid', 'true');
  }
}

async function render(message = '') {
  const campaigns = (await api('/api/campaigns')).items;
  content.innerHTML = `${message}
    <section class="card"><h3>Danh sách phong trào</h3><div class="table-scroll"><table>
      <thead><tr><th scope="col">Tên</th><th scope="col">Thời gian</th><th scope="col">Năm đăng ký</th><th scope="col">Trạng thái</th><th scope="col"></th></tr></thead>
      <tbody>${campaigns
        .map(
          (
            c,
          ) => `<tr><th scope="row">${escapeHtml(c.name)}<br><small class="muted">${escapeHtml(c.id)}</small></th>
            <td>${formatLocalDate(c.period.from)} – ${formatLocalDate(c.period.to)}</td><td>${c.registrationYears.join(', ')}</td>
            <td>${STATUS[c.status] ?? c.status}</td><td><button type="button" class="secondary small" data-edit="${escapeHtml(c.id)}">Sửa</button></td></tr>`,
        )
        .join('')}</tbody></table></div>
      <div class="row-actions"><button type="button" id="new">Tạo phong trào mới (giai đoạn tiếp theo)</button></div></section>
    <div id="editor"></div>`;
  const latest = [...campaigns].sort((a, b) => a.period.to.localeCompare(b.period.to)).at(-1);
  const open = (campaign, editing) => {
    const editor = document.getElementById('editor');
    editor.innerHTML = formHtml(campaign, editing);
    const form = document.getElementById('campaign-form');
    let phases = campaign.phases.length;
    form.addEventListener('click', (event) => {
      if (event.target.classList?.contains('remove-phase')) event.target.closest('fieldset')?.remove();
    });
    document.getElementById('add-phase').addEventListener('click', () => {
      document
        .getElementById('phases')
        .insertAdjacentHTML(
          'beforeend',
          phaseRow(
            { id: `dot-${phases + 1}`, name: '', from: '', to: '', review: 'final', reviewDeadline: '' },
            phases,
          ),
        );
      phases += 1;
    });
    document.getElementById('cancel').addEventListener('click', () => {
      editor.innerHTML = '';
    });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const body = bodyOf(form);
      const formMessage = document.getElementById('form-message');
      try {
        const saved = editing
          ? await api(`/api/campaigns/${encodeURIComponent(campaign.id)}`, { method: 'PUT', body })
          : await api('/api/campaigns', { method: 'POST', body });
        await render(
          `<div class="card" role="status">Đã lưu “${escapeHtml(saved.name)}”: năm đăng ký ${saved.registrationYears.join(', ')}.</div>`,
        );
      } catch (error) {
        formMessage.innerHTML = errorHtml(error);
        markInvalid(form, error.fields ?? []);
        formMessage.querySelector('[role="alert"]')?.focus?.();
      }
    });
    form.querySelector('input, select')?.focus();
  };
  document.getElementById('new').addEventListener('click', () => latest && open(nextCampaign(latest), false));
  for (const button of content.querySelectorAll('button[data-edit]')) {
    button.addEventListener('click', () =>
      open(
        campaigns.find((c) => c.id === button.dataset.edit),
        true,
      ),
    );
  }
}

if (requireRoles(content, ['office'], 'quản lý phong trào thi đua')) {
  render().catch((error) => {
    content.innerHTML = errorHtml(error);
  });
}
