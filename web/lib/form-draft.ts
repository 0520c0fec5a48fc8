// A form's draft kept in localStorage, as the registration form keeps its own: every field by its
// id (text as typed, boxes and choices ticked), saved as the person types and filled back when the
// page opens again, until the form is sent. The draft belongs to one person and one thing, so
// someone else signing in on the same browser never sees it.
import { formatDateTime } from '../../shared/domain/calendar.ts';
import { systemNow } from './clock.ts';

interface Saved {
  readonly fields: Readonly<Record<string, string | boolean>>;
  readonly lists?: Readonly<Record<string, readonly string[]>>;
  readonly savedAt?: string;
}

/** A list the form grows as the person adds to it (evidence links), kept as its values. */
export interface DraftList {
  read(): string[];
  fill(values: readonly string[]): void;
}

export interface FormDraft {
  /** Forgets the draft (the form was sent). */
  clear(): void;
}

function fieldsOf(form: HTMLFormElement): (HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement)[] {
  return [
    ...form.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(
      'input, textarea, select',
    ),
  ].filter((field) => field.id !== '' && !field.closest('[data-draft-list]'));
}

function read(form: HTMLFormElement, lists: Readonly<Record<string, DraftList>>): Omit<Saved, 'savedAt'> {
  const fields: Record<string, string | boolean> = {};
  for (const field of fieldsOf(form)) {
    fields[field.id] =
      field instanceof HTMLInputElement && (field.type === 'checkbox' || field.type === 'radio')
        ? field.checked
        : field.value;
  }
  return {
    fields,
    lists: Object.fromEntries(Object.entries(lists).map(([name, list]) => [name, list.read()])),
  };
}

function fill(form: HTMLFormElement, saved: Saved, lists: Readonly<Record<string, DraftList>>): void {
  for (const field of fieldsOf(form)) {
    const value = saved.fields[field.id];
    if (value === undefined) continue;
    if (field instanceof HTMLInputElement && (field.type === 'checkbox' || field.type === 'radio'))
      field.checked = value === true;
    else if (typeof value === 'string') field.value = value;
    field.dispatchEvent(new Event('input', { bubbles: true }));
  }
  for (const [name, list] of Object.entries(lists)) {
    const values = saved.lists?.[name];
    if (values && values.length > 0) list.fill(values);
  }
}

/** Keeps `form`'s draft under `key`, filling it back now; `status` says when it was saved. */
export function keepDraft(
  form: HTMLFormElement,
  key: string,
  status: HTMLElement,
  lists: Readonly<Record<string, DraftList>> = {},
): FormDraft {
  let saved: Saved | undefined;
  try {
    saved = (JSON.parse(localStorage.getItem(key) ?? 'null') as Saved | null) ?? undefined;
  } catch {
    saved = undefined;
  }
  if (saved) {
    fill(form, saved, lists);
    if (saved.savedAt)
      status.textContent = `Đã khôi phục bản nháp lưu lúc ${formatDateTime(new Date(saved.savedAt))}.`;
  }
  let cleared = false;
  const save = () => {
    if (cleared) return;
    const values = read(form, lists);
    // On the system's clock, so locally the time matches the virtual one people work by.
    systemNow().then(
      (now) => {
        if (cleared) return;
        localStorage.setItem(key, JSON.stringify({ ...values, savedAt: now.toISOString() }));
        status.textContent = 'Đã lưu bản nháp trên máy này.';
      },
      () => undefined,
    );
  };
  form.addEventListener('input', save);
  form.addEventListener('change', save);
  return {
    clear() {
      cleared = true;
      localStorage.removeItem(key);
    },
  };
}
