// A report as one printable HTML page in Vietnamese, with inline SVG bar charts where a picture
// says more (by area, by cell, by year). No scripts, no external resources: it prints as it shows.

import { MODEL_STATUSES, STATUS_LABELS } from '../domain/model-status.ts';
import type { ModelLine, ReportData } from '../domain/reports.ts';
import { DEFAULT_REPORT_ISSUER, type ReportIssuer } from './issuer.ts';

/** Escapes text for HTML. */
export function escapeHtml(text: unknown): string {
  return String(text ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export interface Bar {
  readonly label: string;
  readonly values: readonly number[];
}

const SERIES_COLORS = ['#1a4f8b', '#2e7d32', '#c77700'];

/**
 * A horizontal bar chart: one group per label, one bar per series. `title` is also the SVG's
 * accessible name, and the numbers are written beside the bars so the chart reads without colour.
 */
export function barChart(title: string, series: readonly string[], bars: readonly Bar[]): string {
  const labelWidth = 260;
  const barHeight = 14;
  const gap = 10;
  const chartWidth = 360;
  const max = Math.max(1, ...bars.flatMap((bar) => bar.values));
  const groupHeight = series.length * barHeight + gap;
  const legendHeight = 24;
  const height = legendHeight + bars.length * groupHeight + 4;
  const width = labelWidth + chartWidth + 50;
  const legend = series
    .map(
      (name, index) =>
        `<rect x="${labelWidth + index * 150}" y="4" width="12" height="12" fill="${SERIES_COLORS[index % SERIES_COLORS.length]}"/><text x="${labelWidth + index * 150 + 16}" y="14" font-size="12">${escapeHtml(name)}</text>`,
    )
    .join('');
  const groups = bars
    .map((bar, row) => {
      const y = legendHeight + row * groupHeight;
      const label = bar.label.length > 42 ? `${bar.label.slice(0, 41)}…` : bar.label;
      const rects = bar.values
        .map((value, index) => {
          const w = Math.round((value / max) * chartWidth);
          const by = y + index * barHeight;
          return `<rect x="${labelWidth}" y="${by}" width="${w}" height="${barHeight - 2}" fill="${SERIES_COLORS[index % SERIES_COLORS.length]}"><title>${escapeHtml(`${bar.label} — ${series[index]}: ${value}`)}</title></rect><text x="${labelWidth + w + 4}" y="${by + barHeight - 3}" font-size="11">${value}</text>`;
        })
        .join('');
      return `<text x="${labelWidth - 6}" y="${y + (series.length * barHeight) / 2 + 4}" font-size="12" text-anchor="end">${escapeHtml(label)}</text>${rects}`;
    })
    .join('');
  return `<figure class="chart"><svg role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 ${width} ${height}" width="100%" style="max-width:${width}px" xmlns="http://www.w3.org/2000/svg" font-family="Arial, sans-serif">${legend}${groups}</svg><figcaption>${escapeHtml(title)}</figcaption></figure>`;
}

function modelTable(caption: string, models: readonly ModelLine[]): string {
  if (models.length === 0) return `<h3>${escapeHtml(caption)}</h3><p class="muted">Không có.</p>`;
  return `<table><caption>${escapeHtml(caption)} (${models.length})</caption>
<thead><tr><th scope="col">STT</th><th scope="col">Năm</th><th scope="col">Chi bộ</th><th scope="col">Loại</th><th scope="col">Tên mô hình</th><th scope="col">Nội dung</th><th scope="col">Người thực hiện</th><th scope="col">Trạng thái</th><th scope="col">Mức</th></tr></thead>
<tbody>${models
    .map(
      (model, index) =>
        `<tr><td>${index + 1}</td><td>${model.year}</td><td>${escapeHtml(model.cellName)}</td><td>${escapeHtml(model.kindLabel)}</td><td>${escapeHtml(model.title)}</td><td>${model.area}${model.subField ? ` — ${escapeHtml(model.subField)}` : ''}</td><td>${escapeHtml(model.personName)}</td><td>${escapeHtml(model.statusLabel)}</td><td>${escapeHtml(model.tierLabel ?? '')}</td></tr>`,
    )
    .join('')}</tbody></table>`;
}

function reasonTable(caption: string, models: readonly (ModelLine & { readonly reason: string })[]): string {
  if (models.length === 0) return `<h3>${escapeHtml(caption)}</h3><p class="muted">Không có.</p>`;
  return `<table><caption>${escapeHtml(caption)} (${models.length})</caption>
<thead><tr><th scope="col">STT</th><th scope="col">Năm</th><th scope="col">Chi bộ</th><th scope="col">Tên mô hình</th><th scope="col">Người thực hiện</th><th scope="col">Trạng thái</th><th scope="col">Lý do</th></tr></thead>
<tbody>${models
    .map(
      (model, index) =>
        `<tr><td>${index + 1}</td><td>${model.year}</td><td>${escapeHtml(model.cellName)}</td><td>${escapeHtml(model.title)}</td><td>${escapeHtml(model.personName)}</td><td>${escapeHtml(model.statusLabel)}</td><td>${escapeHtml(model.reason)}</td></tr>`,
    )
    .join('')}</tbody></table>`;
}

function cellTable(report: ReportData): string {
  const flaggedKeys = new Set(report.flagged.map((flag) => `${flag.cellId}#${flag.year}`));
  return `<table><caption>Kết quả theo chi bộ (tối thiểu mỗi năm ${report.minimum.collective} tập thể và ${report.minimum.individual} cá nhân)</caption>
<thead><tr><th scope="col">Chi bộ</th><th scope="col">Năm</th><th scope="col">Tập thể đăng ký</th><th scope="col">Cá nhân đăng ký</th><th scope="col">Tập thể được công nhận</th><th scope="col">Cá nhân được công nhận</th><th scope="col">Đăng ký</th><th scope="col">Công nhận</th></tr></thead>
<tbody>${report.cells
    .flatMap((cell) =>
      cell.years.map((year) => {
        const flagged = flaggedKeys.has(`${cell.cellId}#${year.year}`);
        const recognition = year.reviewsClosed
          ? year.compliant
            ? 'Đạt'
            : '<strong>Chưa đạt</strong>'
          : 'Chưa hết hạn xét';
        return `<tr${flagged ? ' class="flagged"' : ''}><th scope="row">${escapeHtml(cell.cellName)}</th><td>${year.year}</td><td>${year.collectiveRegistered}</td><td>${year.individualRegistered}</td><td>${year.collectiveRecognized}</td><td>${year.individualRecognized}</td><td>${year.registrationCompliant ? 'Đủ' : '<strong>Chưa đủ</strong>'}</td><td>${recognition}</td></tr>`;
      }),
    )
    .join('')}</tbody></table>`;
}

/** The report as a printable HTML page. */
export function reportHtml(report: ReportData, issuer: ReportIssuer = DEFAULT_REPORT_ISSUER): string {
  const totals = report.totals;
  const areaChart = barChart(
    'Số mô hình theo nội dung thi đua',
    ['Đăng ký', 'Được công nhận'],
    report.areas.map((area) => ({
      label: `Nội dung ${area.id}`,
      values: [
        totals.byArea[String(area.id)] ?? 0,
        report.recognized.filter((model) => model.area === area.id).length,
      ],
    })),
  );
  const cellChart = barChart(
    'Số mô hình theo chi bộ',
    ['Đăng ký', 'Được công nhận'],
    report.cells.map((cell) => ({
      label: cell.cellName,
      values: [cell.counts.total, cell.counts.recognized],
    })),
  );
  const yearChart =
    report.byYear.length > 1
      ? barChart(
          'Số mô hình theo năm',
          ['Đăng ký', 'Được công nhận', 'Tiêu biểu'],
          report.byYear.map((year) => ({
            label: `Năm ${year.year}`,
            values: [year.total, year.recognized, year.exemplary],
          })),
        )
      : '';
  const statusRows = MODEL_STATUSES.filter((status) => totals.byStatus[status] > 0)
    .map(
      (status) =>
        `<tr><th scope="row">${escapeHtml(STATUS_LABELS[status])}</th><td>${totals.byStatus[status]}</td></tr>`,
    )
    .join('');
  const flags =
    report.flagged.length === 0
      ? '<p>Tất cả chi bộ đạt yêu cầu.</p>'
      : `<ul class="flags">${report.flagged
          .map(
            (flag) => `<li><strong>${escapeHtml(flag.cellName)}</strong>: ${escapeHtml(flag.message)}</li>`,
          )
          .join('')}</ul>`;
  const lists =
    report.kind === 'registration-list'
      ? modelTable('Danh sách mô hình đăng ký', report.models)
      : [
          modelTable('Mô hình được công nhận', report.recognized),
          modelTable('Mô hình tiêu biểu', report.exemplary),
          modelTable('Mô hình được đề nghị khen thưởng', report.commended),
          reasonTable('Mô hình đang chờ (chưa hết hạn)', report.pending),
          reasonTable('Mô hình không được công nhận hoặc không hoàn thành', report.unsuccessful),
          modelTable('Toàn bộ mô hình đăng ký', report.models),
        ].join('\n');
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(report.title)}</title>
<style>
body{font-family:"Times New Roman",Times,serif;line-height:1.45;color:#111;margin:1.5rem auto;max-width:62rem;padding:0 1rem}
h1{font-size:1.35rem;text-align:center;margin-bottom:.25rem}h2{font-size:1.1rem;margin-top:1.6rem;border-bottom:1px solid #999}
.subtitle,.generated{text-align:center;margin:.2rem 0}.muted{color:#555}
table{border-collapse:collapse;width:100%;margin:.8rem 0;font-size:.92rem}caption{text-align:left;font-weight:bold;padding:.3rem 0}
th,td{border:1px solid #888;padding:.25rem .4rem;text-align:left;vertical-align:top}thead th{background:#eef2f8}
tr.flagged{background:#fff3e0}.flags li{margin:.2rem 0}
.summary{display:grid;grid-template-columns:repeat(auto-fit,minmax(9rem,1fr));gap:.5rem;margin:1rem 0}
.summary div{border:1px solid #bbb;padding:.5rem;text-align:center}.summary strong{display:block;font-size:1.4rem}
figure.chart{margin:1rem 0;break-inside:avoid}figcaption{font-style:italic;font-size:.9rem}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}table{break-inside:auto}tr{break-inside:avoid}}
</style></head>
<body>
<header><p class="muted">${escapeHtml(issuer.header)}</p>
<h1>${escapeHtml(report.title)}</h1><p class="subtitle">${escapeHtml(report.subtitle)}</p>
<p class="generated"><strong>${escapeHtml(report.countsUpToText)}</strong></p>
<p class="generated muted">Lập lúc ${escapeHtml(report.generatedAtText)}</p></header>
<main>
<h2>1. Số liệu chung</h2>
<div class="summary">
<div><strong>${totals.total}</strong>mô hình</div><div><strong>${totals.collective}</strong>tập thể</div>
<div><strong>${totals.individual}</strong>cá nhân</div><div><strong>${totals.recognized}</strong>được công nhận</div>
<div><strong>${totals.exemplary}</strong>tiêu biểu</div><div><strong>${totals.commended}</strong>đề nghị khen thưởng</div>
</div>
<table><caption>Theo trạng thái</caption><tbody>${statusRows || '<tr><td>Chưa có mô hình.</td></tr>'}</tbody></table>
${areaChart}
${yearChart}
<h2>2. Theo chi bộ</h2>
${cellChart}
${cellTable(report)}
<h2>3. Chi bộ chưa đạt yêu cầu</h2>
${flags}
<h2>4. Danh sách</h2>
${lists}
</main></body></html>`;
}
