// Dates for people: dd/mm/yyyy (and hh:mm:ss) in Asia/Ho_Chi_Minh.
const TIME_ZONE = 'Asia/Ho_Chi_Minh';

function parts(value, withTime) {
  const date = value instanceof Date ? value : new Date(value);
  const formatter = new Intl.DateTimeFormat('en-GB', {
    timeZone: TIME_ZONE,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    ...(withTime ? { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' } : {}),
  });
  return Object.fromEntries(formatter.formatToParts(date).map((p) => [p.type, p.value]));
}

/** dd/mm/yyyy of an instant, in Asia/Ho_Chi_Minh. */
export function formatDate(value) {
  const p = parts(value, false);
  return `${p.day}/${p.month}/${p.year}`;
}

/** dd/mm/yyyy hh:mm:ss of an instant, in Asia/Ho_Chi_Minh. */
export function formatDateTime(value) {
  const p = parts(value, true);
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}:${p.second}`;
}

/** dd/mm/yyyy of a local calendar date written YYYY-MM-DD. */
export function formatLocalDate(isoDate) {
  const [y, m, d] = isoDate.split('-');
  return `${d}/${m}/${y}`;
}

/** dd/mm of a month-day written MM-DD. */
export function formatMonthDay(monthDay) {
  const [m, d] = monthDay.split('-');
  return `${d}/${m}`;
}

/** Escapes text for HTML. */
export function escapeHtml(text) {
  return String(text ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
