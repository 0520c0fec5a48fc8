// Dates typed and shown dd/mm/yyyy (and yearly days dd/mm) whatever the browser's language: a text
// input with a mask (maska: tiny, no dependencies) instead of the native picker, which would show the
// browser's own order (10/31/2030 in English). The page converts to the API's dates on submit.
import { MaskInput } from 'maska';
import {
  formatLocalDate,
  formatMonthDay,
  parseDisplayDate,
  parseDisplayMonthDay,
} from '../../shared/domain/calendar.ts';
import type { FieldIssue } from '../../shared/domain/errors.ts';
import { escapeHtml } from './dom.ts';

export type DateKind = 'date' | 'month-day';

const MASKS: Record<DateKind, string> = { date: '##/##/####', 'month-day': '##/##' };
const EXAMPLES: Record<DateKind, string> = { date: '31/10/2030', 'month-day': '01/10' };

interface DateFieldOptions {
  /** The control's name and id; also its data-path unless `path` is given. */
  readonly name: string;
  readonly path?: string;
  readonly label: string;
  /** The API's value: `YYYY-MM-DD` for a date, `MM-DD` for a yearly day; '' for none. */
  readonly value: string;
  readonly kind: DateKind;
}

function shown(kind: DateKind, value: string): string {
  if (!value) return '';
  try {
    return kind === 'date' ? formatLocalDate(value) : formatMonthDay(value);
  } catch {
    return value;
  }
}

/** The markup of one date field: label, masked text input and the example as a hint. */
export function dateFieldHtml({ name, path, label, value, kind }: DateFieldOptions): string {
  const id = name.replace(/\W/g, '-');
  return `<div class="field date-field"><label for="${id}">${escapeHtml(label)}</label>
    <input id="${id}" name="${escapeHtml(name)}" data-path="${escapeHtml(path ?? name)}" data-date-kind="${kind}"
      type="text" inputmode="numeric" autocomplete="off" spellcheck="false" maxlength="${MASKS[kind].length}"
      value="${escapeHtml(shown(kind, value))}" aria-describedby="${id}-hint">
    <p class="hint" id="${id}-hint">Ngày/tháng${kind === 'date' ? '/năm' : ''}, ví dụ ${EXAMPLES[kind]}</p></div>`;
}

/** Puts the mask on every date field under `root` (call again after adding fields). */
export function attachDateInputs(root: ParentNode): void {
  for (const kind of Object.keys(MASKS) as DateKind[]) {
    const inputs = root.querySelectorAll<HTMLInputElement>(
      `input[data-date-kind="${kind}"]:not([data-masked])`,
    );
    if (inputs.length === 0) continue;
    for (const input of inputs) input.dataset.masked = 'true';
    new MaskInput(inputs, { mask: MASKS[kind], eager: true });
  }
}

/** The API's value of a date field, or an issue (added to `issues`) naming its label when it is no real day. */
export function readDateField(
  form: HTMLFormElement,
  name: string,
  label: string,
  issues: FieldIssue[],
): string {
  const input = form.elements.namedItem(name);
  if (!(input instanceof HTMLInputElement)) return '';
  const kind = (input.dataset.dateKind as DateKind | undefined) ?? 'date';
  const text = input.value.trim();
  const parsed = kind === 'date' ? parseDisplayDate(text) : parseDisplayMonthDay(text);
  if (parsed) return parsed;
  issues.push({
    path: input.dataset.path ?? name,
    message:
      text === ''
        ? `Cần điền “${label}”.`
        : `“${label}” phải là một ngày có thật, viết ngày/tháng${kind === 'date' ? '/năm' : ''}, ví dụ ${EXAMPLES[kind]}.`,
  });
  return '';
}
