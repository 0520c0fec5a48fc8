// Reads the first worksheet of an XLSX file as rows of text, the way the Office sees the cells.
// exceljs is large: loaded when a workbook is actually made or read, not at cold start.
import type ExcelJS from 'exceljs';
import { InvalidInputError } from '../domain/errors.ts';

/** The first worksheet's rows as text (cell by cell, empty cells as ""), or a 400 for a broken file. */
export async function readXlsxRows(bytes: Buffer): Promise<string[][]> {
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch {
    throw new InvalidInputError('Không đọc được tệp Excel.', [
      { path: 'content', message: 'Tệp không phải tệp Excel (.xlsx) hợp lệ.' },
    ]);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let column = 1; column <= sheet.columnCount; column += 1) cells.push(row.getCell(column).text ?? '');
    rows[rowNumber - 1] = cells;
  });
  return Array.from(rows, (row) => row ?? []);
}
