// A report as an Excel workbook the Office can file and forward: a summary sheet, one sheet per
// cell-year, the model lists. List sheets start with their header row so they sort and filter.
// exceljs is large: loaded when a workbook is actually made or read, not at cold start.
import type ExcelJS from 'exceljs';
import { MODEL_STATUSES, STATUS_LABELS } from '../domain/model-status.ts';
import type { ModelLine, ReportData } from '../domain/reports.ts';
import { DEFAULT_REPORT_ISSUER, type ReportIssuer } from './issuer.ts';

export const MODEL_COLUMNS = [
  'STT',
  'Năm',
  'Chi bộ',
  'Loại',
  'Tên mô hình',
  'Nội dung',
  'Người thực hiện',
  'Trạng thái',
  'Mức',
] as const;

export const CELL_COLUMNS = [
  'Chi bộ',
  'Năm',
  'Tập thể đăng ký',
  'Cá nhân đăng ký',
  'Tập thể được công nhận',
  'Cá nhân được công nhận',
  'Đủ số đăng ký',
  'Đạt yêu cầu công nhận',
] as const;

const BOLD = { bold: true } as const;

// Text a spreadsheet reads as a formula (or the start of one) once a person
// edits the cell or saves the sheet as CSV: =, +, -, @, tab and CR.
const FORMULA_START = /^[=+\-@\t\r]/;
// Excel's built-in "Text" number format, the one exceljs writes for '@'.
const TEXT_FORMAT_ID = '49';

/** Whether a piece of text would start a formula in a spreadsheet. */
export function looksLikeFormula(text: string): boolean {
  return FORMULA_START.test(text);
}

/** Formats every text cell that starts like a formula as text, so editing it keeps it text. */
function markFormulaLikeText(workbook: ExcelJS.Workbook): void {
  workbook.eachSheet((sheet) => {
    sheet.eachRow((row) => {
      row.eachCell((cell) => {
        if (typeof cell.value === 'string' && looksLikeFormula(cell.value)) cell.numFmt = '@';
      });
    });
  });
}

/**
 * Adds quotePrefix to the text-formatted styles, as Excel does for a value
 * typed with a leading apostrophe: exceljs has no such style property, so the
 * written styles part is amended.
 */
async function withQuotePrefix(file: Buffer): Promise<Buffer> {
  const { default: JSZip } = await import('jszip');
  const zip = await JSZip.loadAsync(file);
  const styles = await zip.file('xl/styles.xml')?.async('string');
  if (styles === undefined) return file;
  const quoted = styles.replace(
    new RegExp(`<xf ([^>]*?numFmtId="${TEXT_FORMAT_ID}"[^>]*?)(/?)>`, 'g'),
    (_match, attributes: string, selfClosing: string) =>
      attributes.includes('quotePrefix') ? _match : `<xf ${attributes} quotePrefix="1"${selfClosing}>`,
  );
  if (quoted === styles) return file;
  zip.file('xl/styles.xml', quoted);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

function headerRow(sheet: ExcelJS.Worksheet, titles: readonly string[]): void {
  const row = sheet.addRow([...titles]);
  row.font = BOLD;
  row.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
  sheet.views = [{ state: 'frozen', ySplit: row.number }];
}

function modelSheet(workbook: ExcelJS.Workbook, name: string, models: readonly ModelLine[]): void {
  const sheet = workbook.addWorksheet(name);
  headerRow(sheet, MODEL_COLUMNS);
  models.forEach((model, index) => {
    sheet.addRow([
      index + 1,
      model.year,
      model.cellName,
      model.kindLabel,
      model.title,
      model.subField ? `${model.area} — ${model.subField}` : model.area,
      model.personName,
      model.statusLabel,
      model.tierLabel ?? '',
    ]);
  });
  sheet.columns = [6, 8, 40, 10, 60, 12, 28, 24, 24].map((width) => ({ width }));
}

function reasonSheet(
  workbook: ExcelJS.Workbook,
  name: string,
  models: readonly (ModelLine & { readonly reason: string })[],
): void {
  const sheet = workbook.addWorksheet(name);
  headerRow(sheet, ['STT', 'Năm', 'Chi bộ', 'Tên mô hình', 'Người thực hiện', 'Trạng thái', 'Lý do']);
  models.forEach((model, index) => {
    sheet.addRow([
      index + 1,
      model.year,
      model.cellName,
      model.title,
      model.personName,
      model.statusLabel,
      model.reason,
    ]);
  });
  sheet.columns = [6, 8, 40, 60, 28, 24, 70].map((width) => ({ width }));
}

function yesNo(value: boolean): string {
  return value ? 'Đạt' : 'Chưa đạt';
}

/** The report as an XLSX file. */
export async function reportWorkbook(
  report: ReportData,
  issuer: ReportIssuer = DEFAULT_REPORT_ISSUER,
): Promise<Buffer> {
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  workbook.creator = issuer.office;
  workbook.created = new Date(report.generatedAt);

  const summary = workbook.addWorksheet('Tổng hợp');
  summary.addRow([issuer.header]);
  summary.addRow([report.title]).font = { bold: true, size: 14 };
  summary.addRow([report.subtitle]);
  summary.addRow([report.countsUpToText]);
  summary.addRow([`Lập lúc ${report.generatedAtText}`]);
  summary.addRow([]);
  headerRow(summary, ['Chỉ tiêu', 'Số lượng']);
  const totals = report.totals;
  const rows: [string, number][] = [
    ['Tổng số mô hình', totals.total],
    ['Mô hình tập thể', totals.collective],
    ['Mô hình cá nhân', totals.individual],
    ...report.areas.map((area): [string, number] => [
      `Nội dung ${area.id}`,
      totals.byArea[String(area.id)] ?? 0,
    ]),
    ...MODEL_STATUSES.map((status): [string, number] => [
      `Trạng thái: ${STATUS_LABELS[status]}`,
      totals.byStatus[status],
    ]),
    ['Được công nhận', totals.recognized],
    ['Tiêu biểu', totals.exemplary],
    ['Được đề nghị khen thưởng', totals.commended],
    ['Chi bộ chưa đạt (lượt)', report.flagged.length],
  ];
  for (const row of rows) summary.addRow(row);
  summary.addRow([]);
  headerRow(summary, ['Năm', 'Tổng số', 'Tập thể', 'Cá nhân', 'Được công nhận', 'Tiêu biểu', 'Khen thưởng']);
  summary.views = [];
  for (const year of report.byYear) {
    summary.addRow([
      year.year,
      year.total,
      year.collective,
      year.individual,
      year.recognized,
      year.exemplary,
      year.commended,
    ]);
  }
  summary.columns = [
    { width: 48 },
    { width: 14 },
    { width: 10 },
    { width: 10 },
    { width: 16 },
    { width: 12 },
    { width: 14 },
  ];

  const byCell = workbook.addWorksheet('Theo chi bộ');
  headerRow(byCell, CELL_COLUMNS);
  for (const cell of report.cells) {
    for (const year of cell.years) {
      byCell.addRow([
        cell.cellName,
        year.year,
        year.collectiveRegistered,
        year.individualRegistered,
        year.collectiveRecognized,
        year.individualRecognized,
        yesNo(year.registrationCompliant),
        year.reviewsClosed ? yesNo(year.compliant) : 'Chưa hết hạn xét',
      ]);
    }
  }
  byCell.columns = [48, 8, 14, 14, 20, 20, 14, 20].map((width) => ({ width }));

  const flagged = workbook.addWorksheet('Chi bộ chưa đạt');
  headerRow(flagged, ['Chi bộ', 'Năm', 'Nội dung']);
  for (const flag of report.flagged) flagged.addRow([flag.cellName, flag.year, flag.message]);
  flagged.columns = [{ width: 48 }, { width: 8 }, { width: 100 }];

  modelSheet(workbook, 'Danh sách mô hình', report.models);
  if (report.kind !== 'registration-list') {
    modelSheet(workbook, 'Được công nhận', report.recognized);
    modelSheet(workbook, 'Tiêu biểu', report.exemplary);
    modelSheet(workbook, 'Khen thưởng', report.commended);
    reasonSheet(workbook, 'Đang chờ', report.pending);
    reasonSheet(workbook, 'Không được công nhận', report.unsuccessful);
  }
  markFormulaLikeText(workbook);
  return withQuotePrefix(Buffer.from(await workbook.xlsx.writeBuffer()));
}

/** A safe file name for a report: ASCII, no spaces. */
export function reportFileName(report: ReportData, extension: string): string {
  const which =
    report.kind === 'phase'
      ? (report.phaseId ?? 'dot')
      : report.kind === 'term'
        ? `${report.years[0] ?? ''}-${report.years.at(-1) ?? ''}`
        : String(report.years[0] ?? '');
  return `${report.campaignId}-${report.kind}-${which}.${extension}`;
}
