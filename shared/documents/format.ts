// How the form writes numbers, dates and lists (Hướng dẫn 36-HD/VPTW), in one place.
import { formatLocalDate, isLocalDate, localDateOf } from '../domain/calendar.ts';
import type { LocalDate } from '../domain/types.ts';

/** Capitals as Vietnamese writes them ("Đảng ủy" gives "ĐẢNG ỦY"). */
export function upper(text: string): string {
  return text.normalize('NFC').toLocaleUpperCase('vi-VN');
}

/** The blank a draft leaves where the register's number will go. */
export const NUMBER_BLANK = '     ';

/** "Số 12-QĐ/ĐU"; a draft, or a document not yet numbered, leaves the number blank. */
export function numberLine(symbol: string, number: number | undefined, draft: boolean): string {
  const shown = draft || number === undefined ? NUMBER_BLANK : String(number);
  return `Số ${shown}-${symbol}`;
}

function dayPart(day: number): string {
  return String(day).padStart(2, '0');
}

// 36-HD writes days below 10 and the months January and February with a leading zero, so that
// nobody can add a digit later; other months stay as they are ("ngày 03 tháng 4 năm 2018").
function monthPart(month: number): string {
  return month < 3 ? String(month).padStart(2, '0') : String(month);
}

/** "Hà Tĩnh, ngày 05 tháng 01 năm 2018"; a draft keeps only the year ("ngày     tháng     năm 2018"). */
export function placeAndDate(place: string, date: LocalDate, draft: boolean): string {
  const [year, month, day] = date.split('-').map(Number);
  if (draft) return `${place}, ngày ${NUMBER_BLANK} tháng ${NUMBER_BLANK} năm ${year}`;
  return `${place}, ngày ${dayPart(day ?? 0)} tháng ${monthPart(month ?? 0)} năm ${year}`;
}

/** A date in running text: "05/01/2018"; a draft's date of issue is still blank. */
export function shortDate(date: LocalDate, draft: boolean): string {
  if (draft) return `${NUMBER_BLANK}/${NUMBER_BLANK}/${date.slice(0, 4)}`;
  return formatLocalDate(date);
}

/** The local day of an ISO instant or of a `YYYY-MM-DD` date, as dd/mm/yyyy. */
export function dayOf(value: string): string {
  if (isLocalDate(value)) return formatLocalDate(value);
  const instant = new Date(value);
  return Number.isNaN(instant.getTime()) ? value : formatLocalDate(localDateOf(instant));
}

/** "Nơi nhận" lines: a dash before each, a comma after each but the last, which ends the list. */
export function recipientLines(recipients: readonly string[]): string[] {
  return recipients.map((recipient, index) => {
    const text = recipient
      .trim()
      .replace(/^[-–—•+]\s*/, '')
      .replace(/[,.;]+$/, '');
    return `- ${text}${index === recipients.length - 1 ? '.' : ','}`;
  });
}

const ROMAN: readonly [number, string][] = [
  [10, 'X'],
  [9, 'IX'],
  [5, 'V'],
  [4, 'IV'],
  [1, 'I'],
];

/** Roman numerals for the report's parts (I, II, …). */
export function roman(value: number): string {
  let rest = value;
  let out = '';
  for (const [amount, letters] of ROMAN) {
    while (rest >= amount) {
      out += letters;
      rest -= amount;
    }
  }
  return out;
}

/** Whole numbers written with two digits, as Vietnamese reports count ("05 mô hình"). */
export function count(value: number): string {
  return value < 10 ? String(value).padStart(2, '0') : String(value);
}
