// Campaigns for the Office: the list, and one form to create or edit a campaign — prefilled from
// the domain's template for the campaign after the latest, so a new period takes one form. Dates
// are typed dd/mm/yyyy (yearly days dd/mm) whatever the browser's language.
import { formatLocalDate } from '../../shared/domain/calendar.ts';
import {
  type CampaignInput,
  nextCampaignFromYear,
  nextCampaignTemplate,
} from '../../shared/domain/campaign-config.ts';
import type { FieldIssue } from '../../shared/domain/errors.ts';
import { CALENDAR_LABELS, CAMPAIGN_LABELS, CHECK_FIELDS_HEADLINE } from '../../shared/domain/form-fields.ts';
import {
  CAMPAIGN_STATUS_LABELS,
  type Campaign,
  PHASE_REVIEW_LABELS,
  type Phase,
  type YearlyCalendar,
} from '../../shared/domain/types.ts';
import { api, shownError } from '../lib/api.ts';
import { attachDateInputs, dateFieldHtml, readDateField } from '../lib/date-input.ts';
import { confirmAction } from '../lib/dialog.ts';
import { byId, contentArea, escapeHtml, fieldValue } from '../lib/dom.ts';
import { clearErrors, showErrors, whileSending } from '../lib/forms.ts';
import { run, startPage } from '../lib/page.ts';
import { cardTable } from '../lib/table.ts';

const content = contentArea();
const C = CAMPAIGN_LABELS;
const CALENDAR_KEYS = Object.keys(CALENDAR_LABELS) as (keyof YearlyCalendar)[];

type Editable = CampaignInput | Campaign;

const input = (name: string, label: string, value: string | number | undefined, attrs = '') =>
  `<div class="field"><label for="${name}">${escapeHtml(label)}</label><input id="${name}" name="${name}" data-path="${name}" value="${escapeHtml(value ?? '')}" ${attrs}></div>`;

function phaseRow(phase: Phase, index: number): string {
  return `<fieldset class="phase" data-index="${index}"><legend>Đợt ${index + 1}</legend><div class="grid">
    ${input(`phases.${index}.id`, C.phaseId, phase.id, 'required autocomplete="off"')}
    ${input(`phases.${index}.name`, C.phaseName, phase.name, 'required')}
    ${dateFieldHtml({ name: `phases.${index}.from`, label: C.phaseFrom, value: phase.from, kind: 'date' })}
    ${dateFieldHtml({ name: `phases.${index}.to`, label: C.phaseTo, value: phase.to, kind: 'date' })}
    <div class="field"><label for="phases.${index}.review">${C.phaseReview}</label><select id="phases.${index}.review" name="phases.${index}.review" data-path="phases.${index}.review">
      ${Object.entries(PHASE_REVIEW_LABELS)
        .map(
          ([value, label]) =>
            `<option value="${value}"${phase.review === value ? ' selected' : ''}>${label}</option>`,
        )
        .join('')}</select></div>
    ${dateFieldHtml({ name: `phases.${index}.reviewDeadline`, label: C.phaseReviewDeadline, value: phase.reviewDeadline, kind: 'date' })}
  </div><button type="button" class="secondary small remove-phase">Bỏ đợt này</button></fieldset>`;
}

function formHtml(campaign: Editable, editing: boolean): string {
  const minimum = campaign.minimumPerCell ?? { collective: 1, individual: 1 };
  return `<form id="campaign-form" class="card" novalidate>
    <div class="error-summary" role="alert" tabindex="-1" hidden></div>
    <h3>${editing ? `Sửa: ${escapeHtml(campaign.name)}` : 'Tạo phong trào mới'}</h3>
    <div class="grid">
      ${input('id', C.id, campaign.id, editing ? 'readonly' : 'required autocomplete="off"')}
      ${input('name', C.name, campaign.name, 'required')}
      <div class="field"><label for="status">${C.status}</label><select id="status" name="status" data-path="status">${Object.entries(
        CAMPAIGN_STATUS_LABELS,
      )
        .map(
          ([value, label]) =>
            `<option value="${value}"${value === campaign.status ? ' selected' : ''}>${label}</option>`,
        )
        .join('')}</select></div>
      ${dateFieldHtml({ name: 'period.from', label: C.periodFrom, value: campaign.period.from, kind: 'date' })}
      ${dateFieldHtml({ name: 'period.to', label: C.periodTo, value: campaign.period.to, kind: 'date' })}
    </div>
    <fieldset data-path="calendar"><legend>${C.calendar}</legend><div class="grid">${CALENDAR_KEYS.map(
      (key) =>
        dateFieldHtml({
          name: `calendar.${key}`,
          label: CALENDAR_LABELS[key],
          value: campaign.calendar[key],
          kind: 'month-day',
        }),
    ).join('')}</div></fieldset>
    <fieldset data-path="phases"><legend>${C.phases}</legend><div id="phases">${campaign.phases.map(phaseRow).join('')}</div>
      <button type="button" class="secondary" id="add-phase">Thêm đợt</button></fieldset>
    <fieldset data-path="areas"><legend>${C.areas} (mỗi nội dung một ô; lĩnh vực cụ thể mỗi dòng một mục)</legend>
      ${[1, 2, 3]
        .map((id) => {
          const area = campaign.areas.find((a) => a.id === id) ?? { name: '', subFields: [] };
          return `<div class="field" data-path="areas.${id - 1}"><label for="area-${id}">Nội dung ${id}</label><textarea id="area-${id}" name="area-${id}" data-path="areas.${id - 1}.name" rows="2">${escapeHtml(area.name)}</textarea>
            <label for="area-${id}-sub">${C.subFields} của nội dung ${id}</label><textarea id="area-${id}-sub" name="area-${id}-sub" data-path="areas.${id - 1}.subFields" rows="2">${escapeHtml(area.subFields.join('\n'))}</textarea></div>`;
        })
        .join('')}
    </fieldset>
    <fieldset><legend>${C.criteria} (mỗi dòng một tiêu chí)</legend>
      <textarea id="criteria" name="criteria" data-path="criteria" rows="5" aria-label="${C.criteria}">${escapeHtml(campaign.criteria.join('\n'))}</textarea></fieldset>
    <fieldset><legend>Biểu quyết và tối thiểu mỗi chi bộ mỗi năm</legend><div class="grid">
      ${input('quorum.numerator', C.quorumNumerator, campaign.quorum.numerator, 'inputmode="numeric"')}
      ${input('quorum.denominator', C.quorumDenominator, campaign.quorum.denominator, 'inputmode="numeric"')}
      ${input('majority.numerator', C.majorityNumerator, campaign.majority.numerator, 'inputmode="numeric"')}
      ${input('majority.denominator', C.majorityDenominator, campaign.majority.denominator, 'inputmode="numeric"')}
      ${input('minimumPerCell.collective', C.minimumCollective, minimum.collective, 'inputmode="numeric"')}
      ${input('minimumPerCell.individual', C.minimumIndividual, minimum.individual, 'inputmode="numeric"')}
    </div></fieldset>
    <div class="row-actions"><button type="submit">${editing ? 'Lưu thay đổi' : 'Tạo phong trào'}</button>
      <button type="button" class="secondary" id="cancel">Hủy</button></div>
  </form>`;
}

/** The API's body from the form, or the date fields that are no real days. */
function bodyOf(form: HTMLFormElement): { body: unknown; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const value = (name: string) => fieldValue(form, name).trim();
  const number = (name: string) => (/^\d+$/.test(value(name)) ? Number(value(name)) : value(name));
  const date = (name: string, label: string) => readDateField(form, name, label, issues);
  const lines = (name: string) =>
    value(name)
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
  const body = {
    id: value('id') || undefined,
    name: value('name'),
    status: value('status'),
    period: { from: date('period.from', C.periodFrom), to: date('period.to', C.periodTo) },
    calendar: Object.fromEntries(
      CALENDAR_KEYS.map((key) => [key, date(`calendar.${key}`, CALENDAR_LABELS[key])]),
    ),
    phases: [...form.querySelectorAll<HTMLElement>('fieldset.phase')].map((fieldset) => {
      const i = fieldset.dataset.index;
      return {
        id: value(`phases.${i}.id`),
        name: value(`phases.${i}.name`),
        from: date(`phases.${i}.from`, C.phaseFrom),
        to: date(`phases.${i}.to`, C.phaseTo),
        review: value(`phases.${i}.review`),
        reviewDeadline: date(`phases.${i}.reviewDeadline`, C.phaseReviewDeadline),
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
  return { body, issues };
}

async function render(notice = ''): Promise<void> {
  const campaigns = (await api<{ items: Campaign[] }>('/api/campaigns')).items;
  content.innerHTML = `${notice}
    <section class="card"><h3>Danh sách phong trào</h3>${cardTable({
      rowHeaders: true,
      columns: [
        { label: 'Tên' },
        { label: 'Thời gian' },
        { label: 'Năm đăng ký' },
        { label: 'Trạng thái' },
        { label: 'Thao tác' },
      ],
      rows: campaigns.map((c) => ({
        cells: [
          `${escapeHtml(c.name)}<br><small class="muted">${escapeHtml(c.id)}</small>`,
          `${formatLocalDate(c.period.from)} – ${formatLocalDate(c.period.to)}`,
          c.registrationYears.join(', '),
          CAMPAIGN_STATUS_LABELS[c.status],
          `<button type="button" class="secondary small" data-edit="${escapeHtml(c.id)}">Sửa</button>`,
        ],
      })),
    })}
      <div class="row-actions"><button type="button" id="new">Tạo phong trào mới (giai đoạn tiếp theo)</button></div></section>
    <div id="editor"></div>`;
  const latest = [...campaigns].sort((a, b) => a.period.to.localeCompare(b.period.to)).at(-1);
  const open = (campaign: Editable, editing: boolean) => {
    const editor = byId('editor');
    editor.innerHTML = formHtml(campaign, editing);
    const form = byId<HTMLFormElement>('campaign-form');
    attachDateInputs(form);
    let phases = campaign.phases.length;
    let dirty = false;
    form.addEventListener('input', () => {
      dirty = true;
    });
    form.addEventListener('click', (event) => {
      const target = event.target as HTMLElement;
      if (target.classList.contains('remove-phase')) {
        target.closest('fieldset')?.remove();
        dirty = true;
      }
    });
    byId('add-phase').addEventListener('click', () => {
      byId('phases').insertAdjacentHTML(
        'beforeend',
        phaseRow(
          { id: `dot-${phases + 1}`, name: '', from: '', to: '', review: 'final', reviewDeadline: '' },
          phases,
        ),
      );
      attachDateInputs(form);
      phases += 1;
      dirty = true;
    });
    byId('cancel').addEventListener('click', async () => {
      if (dirty) {
        const sure = await confirmAction({
          title: 'Bỏ những gì vừa nhập?',
          message: 'Các thay đổi trong biểu mẫu phong trào sẽ không được lưu.',
          confirm: 'Bỏ thay đổi',
          danger: true,
        });
        if (!sure) return;
      }
      editor.innerHTML = '';
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      clearErrors(form);
      const { body, issues } = bodyOf(form);
      if (issues.length > 0) {
        showErrors(form, { message: CHECK_FIELDS_HEADLINE, fields: issues });
        return;
      }
      whileSending(form, async () => {
        try {
          const saved = editing
            ? await api<Campaign>(`/api/campaigns/${encodeURIComponent(campaign.id)}`, {
                method: 'PUT',
                body,
              })
            : await api<Campaign>('/api/campaigns', { method: 'POST', body });
          await render(
            `<div class="notice" role="status">Đã lưu “${escapeHtml(saved.name)}”: năm đăng ký ${saved.registrationYears.join(', ')}.</div>`,
          );
        } catch (error) {
          showErrors(form, shownError(error));
        }
      }).catch(() => undefined);
    });
    form.querySelector<HTMLElement>('input, select')?.focus();
  };
  byId('new').addEventListener('click', () => {
    if (latest) open(nextCampaignTemplate(nextCampaignFromYear(latest), latest), false);
  });
  for (const button of content.querySelectorAll<HTMLButtonElement>('button[data-edit]')) {
    button.addEventListener('click', () => {
      const campaign = campaigns.find((c) => c.id === button.dataset.edit);
      if (campaign) open(campaign, true);
    });
  }
}

run(async () => {
  const me = await startPage({ roles: ['office'], what: 'quản lý phong trào thi đua' });
  if (me) await render();
});
