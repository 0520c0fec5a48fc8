// A model's timeline: every state it entered — when, who, what — as a table, and the yearly cycle
// as a picture with the current state highlighted and the states already passed marked, plus the
// same in words. A registration returned for completion loops back to implementing once completed.
import { formatDate } from '../../shared/domain/calendar.ts';
import type { Model } from '../../shared/domain/model.ts';
import { KIND_LABELS } from '../../shared/domain/model-kinds.ts';
import { STATUS_LABELS } from '../../shared/domain/model-status.ts';
import { type ModelSection, SECTION_LABELS } from '../../shared/domain/sections.ts';
import { TIER_LABELS } from '../../shared/domain/tiers.ts';
import { api } from '../lib/api.ts';
import { contentArea, escapeHtml, param } from '../lib/dom.ts';
import { PageError, run, startPage } from '../lib/page.ts';
import { cardTable } from '../lib/table.ts';

interface HistoryItem {
  readonly state: string;
  readonly label: string;
  readonly explanation?: string;
  readonly atText: string;
  readonly actorName: string;
  readonly data?: Record<string, unknown>;
}

const main = contentArea();
const LABELS: Readonly<Record<string, string>> = {
  ...STATUS_LABELS,
  ...TIER_LABELS,
  completed: 'Đã bổ sung',
};
const CHANGE_LABELS: Readonly<Record<string, string>> = {
  title: 'tên mô hình',
  area: 'nội dung thi đua',
  subField: 'lĩnh vực cụ thể',
};
// The picture's layout: the main path down the left; on the right the return for completion beside
// implementing (a loop: returned, then back once completed) and the side exits.
const BOX = { w: 200, h: 50 };
const NODES: Readonly<Record<string, { x: number; y: number; exit?: boolean }>> = {
  registered: { x: 20, y: 20 },
  implementing: { x: 20, y: 100 },
  self_assessed: { x: 20, y: 180 },
  reviewed: { x: 20, y: 260 },
  recognized: { x: 20, y: 340 },
  exemplary: { x: 20, y: 420 },
  commended: { x: 20, y: 500 },
  withdrawn: { x: 290, y: 20, exit: true },
  returned: { x: 290, y: 100 },
  not_completed: { x: 290, y: 180, exit: true },
  missed_self_assessment: { x: 290, y: 260, exit: true },
  not_recognized: { x: 290, y: 340, exit: true },
};
const MAIN_PATH = [
  'registered',
  'implementing',
  'self_assessed',
  'reviewed',
  'recognized',
  'exemplary',
  'commended',
];
// Every state the words name, in the cycle's order (`completed` is the step back from `returned`).
const CYCLE_ORDER = [
  'registered',
  'implementing',
  'returned',
  'completed',
  ...MAIN_PATH.slice(2),
  'withdrawn',
  'not_completed',
  'missed_self_assessment',
  'not_recognized',
];

interface Edge {
  readonly from: string;
  readonly to: string;
  /** The line, where the default one (bottom to top, or right side to left side) would cross another. */
  readonly path?: string;
  /** Taken only once the timeline has this step (the way back from a return needs the completion). */
  readonly via?: string;
}

const EDGES: readonly Edge[] = [
  ...MAIN_PATH.slice(1).map((to, i): Edge => ({ from: MAIN_PATH[i] ?? '', to })),
  { from: 'registered', to: 'withdrawn' },
  { from: 'implementing', to: 'withdrawn', path: 'M220,108 C250,108 258,60 288,60' },
  { from: 'implementing', to: 'returned', path: 'M220,120 L288,120' },
  { from: 'returned', to: 'implementing', path: 'M290,136 L222,136', via: 'completed' },
  { from: 'returned', to: 'withdrawn', path: 'M390,100 L390,72' },
  { from: 'returned', to: 'not_completed', path: 'M390,150 L390,178' },
  { from: 'implementing', to: 'missed_self_assessment', path: 'M220,145 C255,145 255,280 288,280' },
  { from: 'reviewed', to: 'not_recognized', path: 'M220,298 C255,298 255,360 288,360' },
];

function anchor(state: string, side: 'top' | 'bottom' | 'left' | 'right'): [number, number] {
  const n = NODES[state] ?? { x: 0, y: 0 };
  if (side === 'bottom') return [n.x + BOX.w / 2, n.y + BOX.h];
  if (side === 'top') return [n.x + BOX.w / 2, n.y];
  if (side === 'right') return [n.x + BOX.w, n.y + BOX.h / 2];
  return [n.x, n.y + BOX.h / 2];
}

function edgePath([from, to]: [string, string]): string {
  if (!NODES[to]?.exit) {
    const [x1, y1] = anchor(from, 'bottom');
    const [x2, y2] = anchor(to, 'top');
    return `M${x1},${y1} L${x2},${y2 - 2}`;
  }
  const [x1, y1] = anchor(from, 'right');
  const [x2, y2] = anchor(to, 'left');
  return `M${x1},${y1} C${x1 + 40},${y1} ${x2 - 40},${y2} ${x2 - 2},${y2}`;
}

/** Splits a label over two lines at the space nearest its middle. */
function lines(text: string): string[] {
  if (text.length <= 18) return [text];
  const middle = text.length / 2;
  let best = -1;
  for (let i = 0; i < text.length; i++)
    if (text[i] === ' ' && (best < 0 || Math.abs(i - middle) < Math.abs(best - middle))) best = i;
  return best < 0 ? [text] : [text.slice(0, best), text.slice(best + 1)];
}

/** The cycle as an inline SVG; `current` is highlighted, `passed` states are marked. */
function cycleSvg(current: string, passed: ReadonlySet<string>): string {
  const nodes = Object.entries(NODES)
    .map(([state, n]) => {
      const cls = state === current ? 'current' : passed.has(state) ? 'passed' : n.exit ? 'exit' : 'future';
      const label = lines(LABELS[state] ?? state);
      const text = label
        .map(
          (line, i) =>
            `<tspan x="${n.x + BOX.w / 2}" dy="${i === 0 ? (label.length === 1 ? 6 : -4) : 19}">${escapeHtml(line)}</tspan>`,
        )
        .join('');
      return `<g class="node ${cls}" data-state="${state}"${state === current ? ' data-current="true"' : ''}>
        <rect x="${n.x}" y="${n.y}" width="${BOX.w}" height="${BOX.h}" rx="10"/>
        <text x="${n.x + BOX.w / 2}" y="${n.y + BOX.h / 2}" text-anchor="middle">${text}</text>
      </g>`;
    })
    .join('');
  const reached = (state: string) => state === current || passed.has(state);
  const edges = EDGES.map((edge) => {
    const taken = edge.via ? passed.has(edge.via) : reached(edge.from) && reached(edge.to);
    return `<path class="edge${taken ? ' taken' : ''}" d="${edge.path ?? edgePath([edge.from, edge.to])}" marker-end="url(#arrow)"/>`;
  }).join('');
  return `<svg class="cycle" viewBox="0 0 510 570" role="img" aria-labelledby="cycle-svg-title cycle-svg-desc" focusable="false">
    <title id="cycle-svg-title">Chu trình của mô hình trong năm</title>
    <desc id="cycle-svg-desc">Trạng thái hiện tại: ${escapeHtml(LABELS[current] ?? current)}.</desc>
    <defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="9" markerHeight="9" markerUnits="userSpaceOnUse" orient="auto-start-reverse">
      <path d="M0,0 L10,5 L0,10 z"/></marker></defs>
    ${edges}${nodes}
  </svg>`;
}

function cycleText(current: string, passed: ReadonlySet<string>): string {
  const passedList = CYCLE_ORDER.filter((s) => passed.has(s) && s !== current);
  return `<p id="cycle-text">Trạng thái hiện tại: <strong>${escapeHtml(LABELS[current] ?? current)}</strong>.
    ${passedList.length > 0 ? `Đã qua: ${passedList.map((s) => escapeHtml(LABELS[s] ?? s)).join(' → ')}.` : ''}</p>
    <details><summary>Các bước của chu trình</summary>
    <p>Đường chính: ${MAIN_PATH.map((s) => escapeHtml(LABELS[s] ?? s)).join(' → ')} (hai mức cuối là tùy chọn).</p>
    <p>Trong thời hạn đăng ký, Văn phòng Đảng ủy hoặc Ủy viên Ban Chấp hành theo dõi chi bộ có thể trả lại đăng ký để bổ sung
    (“${escapeHtml(LABELS.returned)}”); khi chi bộ gửi lại đăng ký đã bổ sung (“${escapeHtml(LABELS.completed)}”), mô hình trở lại
    “${escapeHtml(LABELS.implementing)}” và được tính là đã đăng ký.</p>
    <p>Lối ra: “${escapeHtml(LABELS.withdrawn)}” khi rút trong thời hạn đăng ký; “${escapeHtml(LABELS.not_completed)}” khi đăng ký bị trả lại không được bổ sung trong thời hạn;
    “${escapeHtml(LABELS.missed_self_assessment)}” khi không tự đánh giá đúng hạn;
    “${escapeHtml(LABELS.not_recognized)}” khi Ban Chấp hành không công nhận.</p></details>`;
}

function detailText(item: HistoryItem): string {
  const data = item.data as Record<string, unknown> | undefined;
  if (!data || typeof data !== 'object') return '';
  const parts: string[] = [];
  if (typeof data.decision === 'string') parts.push(`Quyết định: ${LABELS[data.decision] ?? ''}`);
  if (typeof data.reasons === 'string' && data.reasons) parts.push(`Lý do: ${data.reasons}`);
  if (typeof data.results === 'string' && data.results) parts.push(`Kết quả: ${data.results}`);
  if (Array.isArray(data.evidence) && data.evidence.length > 0)
    parts.push(`${data.evidence.length} minh chứng`);
  if (typeof data.reason === 'string' && data.reason)
    parts.push(`${item.state === 'returned' ? 'Nội dung cần bổ sung' : 'Lý do'}: ${data.reason}`);
  if (item.state === 'returned' && typeof data.completeBefore === 'string') {
    const closesBefore = Date.parse(data.completeBefore);
    if (!Number.isNaN(closesBefore))
      parts.push(`Hạn bổ sung: hết ngày ${formatDate(new Date(closesBefore - 1000))}`);
  }
  if (typeof data.note === 'string' && data.note) parts.push(`Ghi chú: ${data.note}`);
  if (data.changes && typeof data.changes === 'object') {
    const changed = Object.keys(data.changes)
      .filter((field) => field !== 'tier')
      .map(
        (field) =>
          CHANGE_LABELS[field] ??
          SECTION_LABELS[field.replace(/^sections\./, '') as ModelSection]?.toLowerCase() ??
          'nội dung khác',
      );
    if (changed.length > 0) parts.push(`Sửa: ${changed.join(', ')}`);
  }
  return parts.join(' · ');
}

run(async () => {
  const me = await startPage();
  if (!me) return;
  const modelId = param('id');
  if (!modelId) throw new PageError('Địa chỉ trang thiếu mã mô hình.');
  const [model, history] = await Promise.all([
    api<Model>(`/api/models/${encodeURIComponent(modelId)}`),
    api<{ items: HistoryItem[] }>(`/api/models/${encodeURIComponent(modelId)}/history`),
  ]);
  const current = model.tier ?? model.status;
  const passed = new Set(
    history.items.map((item) => item.state).filter((s) => s in NODES || s === 'completed'),
  );
  passed.add(model.status);
  if (model.tier) {
    passed.add('recognized');
    if (model.tier === 'commended') passed.add('exemplary');
  }
  document.title = `Dòng thời gian: ${model.title} — Dân vận khéo`;
  main.innerHTML = `<p><a href="/model.html?id=${encodeURIComponent(model.id)}">← Về trang mô hình</a></p>
    <section class="card" aria-labelledby="tl-title">
      <h2 id="tl-title">Dòng thời gian: ${escapeHtml(model.title)}</h2>
      <p class="muted">${escapeHtml(KIND_LABELS[model.kind])} · năm ${escapeHtml(model.year)} · mã <code>${escapeHtml(model.id)}</code></p>
      <div class="timeline-layout">
        <figure class="cycle-figure">${cycleSvg(current, passed)}
          <figcaption>${cycleText(current, passed)}</figcaption></figure>
        ${cardTable({
          id: 'history',
          caption: 'Các bước đã diễn ra (giờ Việt Nam)',
          columns: [
            { label: 'Thời điểm', className: 'nowrap' },
            { label: 'Trạng thái' },
            { label: 'Người thực hiện' },
            { label: 'Chi tiết' },
          ],
          rows: history.items.map((item) => ({
            attributes: `data-state="${escapeHtml(item.state)}"`,
            cells: [
              escapeHtml(item.atText),
              item.explanation
                ? `${escapeHtml(item.label)}<br><small>${escapeHtml(item.explanation)}</small>`
                : escapeHtml(item.label),
              escapeHtml(item.actorName),
              escapeHtml(detailText(item)),
            ],
          })),
          empty: 'Chưa có bước nào.',
        })}
      </div>
    </section>`;
});
