// The audit trail of the Office's records, for inspectors and the Office: pick a campaign, a cell or
// a person, read who changed what and when, and narrow the list to one person's changes.
import { formatDateTime, formatLocalDate, isLocalDate, lastDayBefore } from '../../shared/domain/calendar.ts';
import {
  CALENDAR_LABELS,
  CAMPAIGN_LABELS,
  MODEL_ACTION_LABELS,
  ORGANIZATION_LABELS,
} from '../../shared/domain/form-fields.ts';
import { ROLE_LABELS, type Role } from '../../shared/domain/roles.ts';
import { CAMPAIGN_STATUS_LABELS, type CampaignStatus } from '../../shared/domain/types.ts';
import { api } from '../lib/api.ts';
import { byId, contentArea, escapeHtml, param } from '../lib/dom.ts';
import { loadCampaigns, run, showPageError, startPage } from '../lib/page.ts';
import { cardTable } from '../lib/table.ts';

type Entity = 'campaign' | 'cell' | 'person';

interface Entry {
  readonly at: string;
  readonly actor: string;
  readonly actorName?: string;
  readonly action: 'created' | 'updated' | 'imported';
  readonly changes: Readonly<Record<string, { readonly from?: unknown; readonly to?: unknown }>>;
}

const ENTITY_LABELS: Readonly<Record<Entity, string>> = {
  campaign: 'Phong trào',
  cell: 'Chi bộ',
  person: 'Người',
};
const ACTION_LABELS: Readonly<Record<Entry['action'], string>> = {
  created: 'Tạo mới',
  updated: 'Sửa',
  imported: 'Nhập từ danh sách',
};

const FIELD_LABELS: Readonly<Record<string, string>> = {
  name: 'Tên',
  status: CAMPAIGN_LABELS.status,
  period: 'Thời gian',
  registrationYears: CAMPAIGN_LABELS.registrationYears,
  calendar: CAMPAIGN_LABELS.calendar,
  phases: CAMPAIGN_LABELS.phases,
  areas: CAMPAIGN_LABELS.areas,
  criteria: CAMPAIGN_LABELS.criteria,
  quorum: CAMPAIGN_LABELS.quorum,
  majority: CAMPAIGN_LABELS.majority,
  minimumPerCell: CAMPAIGN_LABELS.minimumPerCell,
  secretaryId: ORGANIZATION_LABELS.secretaryId,
  username: ORGANIZATION_LABELS.username,
  email: ORGANIZATION_LABELS.email,
  cellId: ORGANIZATION_LABELS.personCell,
  roles: ORGANIZATION_LABELS.roles,
  supervises: ORGANIZATION_LABELS.supervises,
  ...Object.fromEntries(Object.entries(CALENDAR_LABELS)),
};

const content = contentArea();
let cellNames = new Map<string, string>();

function fieldLabel(field: string): string {
  const extension = /^registrationExtension(\d{4})$/.exec(field);
  if (extension) return `Gia hạn đăng ký năm ${extension[1]}`;
  return FIELD_LABELS[field] ?? 'Thông tin khác';
}

/** A recorded value in words: dates dd/mm/yyyy, roles and states by name, ratios as fractions. */
function valueText(field: string, value: unknown): string {
  if (value === undefined || value === null || value === '') return '(trống)';
  if (typeof value === 'boolean') return value ? 'có' : 'không';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    if (field === 'status' && value in CAMPAIGN_STATUS_LABELS)
      return CAMPAIGN_STATUS_LABELS[value as CampaignStatus];
    if (field === 'cellId' && cellNames.has(value)) return cellNames.get(value) ?? value;
    if (isLocalDate(value)) return formatLocalDate(value);
    if (/^\d{4}-\d{2}-\d{2}T/.test(value)) return formatDateTime(new Date(value));
    return value;
  }
  if (Array.isArray(value)) {
    if (field === 'roles') return value.map((role) => ROLE_LABELS[role as Role] ?? String(role)).join(', ');
    if (field === 'supervises') return value.map((id) => cellNames.get(String(id)) ?? String(id)).join(', ');
    if (value.every((item) => typeof item !== 'object')) return value.map(String).join(', ');
    return `${value.length} mục`;
  }
  const record = value as Record<string, unknown>;
  if ('numerator' in record && 'denominator' in record) return `${record.numerator}/${record.denominator}`;
  if ('collective' in record && 'individual' in record)
    return `${record.collective} tập thể, ${record.individual} cá nhân`;
  if ('from' in record && 'to' in record)
    return `${valueText('', record.from)} – ${valueText('', record.to)}`;
  if ('closesBefore' in record && 'reason' in record)
    return `đến hết ${formatLocalDate(lastDayBefore(new Date(String(record.closesBefore))))}; ${MODEL_ACTION_LABELS.extensionReason.toLowerCase()}: ${String(record.reason)}`;
  return Object.entries(record)
    .map(([key, item]) => `${fieldLabel(key)}: ${valueText(key, item)}`)
    .join('; ');
}

function changesHtml(entry: Entry): string {
  return `<ul class="changes">${Object.entries(entry.changes)
    .map(
      ([field, change]) =>
        `<li><strong>${escapeHtml(fieldLabel(field))}</strong>: ${
          entry.action === 'created' ? '' : `${escapeHtml(valueText(field, change.from))} → `
        }${escapeHtml(valueText(field, change.to))}</li>`,
    )
    .join('')}</ul>`;
}

function trailHtml(entries: readonly Entry[], actor: string): string {
  const shown = actor ? entries.filter((entry) => entry.actor === actor) : entries;
  return cardTable({
    id: 'trail',
    caption: 'Nhật ký thay đổi',
    captionHidden: true,
    empty: 'Không có thay đổi nào.',
    columns: [{ label: 'Thời điểm' }, { label: 'Người thực hiện' }, { label: 'Việc' }, { label: 'Thay đổi' }],
    rows: [...shown].reverse().map((entry) => ({
      attributes: `data-actor="${escapeHtml(entry.actor)}"`,
      cells: [
        formatDateTime(new Date(entry.at)),
        escapeHtml(entry.actorName ?? 'Hệ thống'),
        ACTION_LABELS[entry.action],
        changesHtml(entry),
      ],
    })),
  });
}

async function recordOptions(entity: Entity, cellId: string): Promise<{ id: string; name: string }[]> {
  if (entity === 'campaign') return (await loadCampaigns()).map((c) => ({ id: c.id, name: c.name }));
  if (entity === 'cell') return [...cellNames].map(([id, name]) => ({ id, name }));
  const { items } = await api<{ items: { id: string; name: string }[] }>(
    `/api/people?cellId=${encodeURIComponent(cellId)}`,
  );
  return items;
}

function options(items: readonly { id: string; name: string }[], selected: string): string {
  return items
    .map(
      (item) =>
        `<option value="${escapeHtml(item.id)}"${item.id === selected ? ' selected' : ''}>${escapeHtml(item.name)}</option>`,
    )
    .join('');
}

async function render(entity: Entity, id: string | undefined, cellId: string | undefined): Promise<void> {
  const firstCell = [...cellNames.keys()][0] ?? '';
  const cell = cellId && cellNames.has(cellId) ? cellId : firstCell;
  const records = await recordOptions(entity, cell);
  const recordId = id && records.some((record) => record.id === id) ? id : (records[0]?.id ?? '');
  const entries = recordId
    ? (await api<{ items: Entry[] }>(`/api/audit/${entity}/${encodeURIComponent(recordId)}`)).items
    : [];
  const actors = [...new Map(entries.map((entry) => [entry.actor, entry.actorName ?? 'Hệ thống'])).entries()];
  content.innerHTML = `
    <form class="card inline" id="pick">
      <label for="entity">${MODEL_ACTION_LABELS.entity}</label>
      <select id="entity">${(Object.keys(ENTITY_LABELS) as Entity[])
        .map(
          (key) =>
            `<option value="${key}"${key === entity ? ' selected' : ''}>${ENTITY_LABELS[key]}</option>`,
        )
        .join('')}</select>
      ${
        entity === 'person'
          ? `<label for="cell">${ORGANIZATION_LABELS.personCell}</label>
             <select id="cell">${options(
               [...cellNames].map(([value, name]) => ({ id: value, name })),
               cell,
             )}</select>`
          : ''
      }
      <label for="record">${ENTITY_LABELS[entity]}</label>
      <select id="record">${options(records, recordId)}</select>
      <label for="actor">Người thực hiện</label>
      <select id="actor"><option value="">Tất cả</option>${options(
        actors.map(([value, name]) => ({ id: value, name })),
        '',
      )}</select>
    </form>
    <section class="card" aria-labelledby="trail-title">
      <h2 id="trail-title">Nhật ký: ${escapeHtml(records.find((record) => record.id === recordId)?.name ?? '')}</h2>
      <div id="trail-area">${trailHtml(entries, '')}</div>
    </section>`;
  const go = (next: { entity?: Entity; id?: string; cellId?: string }) => {
    const query = new URLSearchParams({ entity: next.entity ?? entity });
    if (next.id) query.set('id', next.id);
    if (next.cellId) query.set('cellId', next.cellId);
    history.replaceState(null, '', `?${query}`);
    render(next.entity ?? entity, next.id, next.cellId).catch(showPageError);
  };
  byId<HTMLSelectElement>('entity').addEventListener('change', (event) => {
    go({ entity: (event.target as HTMLSelectElement).value as Entity });
  });
  document.getElementById('cell')?.addEventListener('change', (event) => {
    go({ cellId: (event.target as HTMLSelectElement).value });
  });
  byId<HTMLSelectElement>('record').addEventListener('change', (event) => {
    go({ id: (event.target as HTMLSelectElement).value, cellId: cell });
  });
  byId<HTMLSelectElement>('actor').addEventListener('change', (event) => {
    byId('trail-area').innerHTML = trailHtml(entries, (event.target as HTMLSelectElement).value);
  });
}

run(async () => {
  const me = await startPage({ roles: ['office', 'inspector'], what: 'xem nhật ký thay đổi của hồ sơ' });
  if (!me) return;
  const cells = await api<{ items: { id: string; name: string }[] }>('/api/cells');
  cellNames = new Map(cells.items.map((cell) => [cell.id, cell.name]));
  const entity = param('entity');
  await render(
    entity === 'cell' || entity === 'person' || entity === 'campaign' ? entity : 'campaign',
    param('id'),
    param('cellId'),
  );
});
