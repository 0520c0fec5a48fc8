// Showing a form's errors: each `fields[].path` (like `body.title`) beside the control whose
// data-path is `title` (or its nearest parent path), the rest in a summary that takes focus
// (WCAG 3.3.1), every message linked to its field.
import type { FieldIssue } from '../../shared/domain/errors.ts';
import type { ShownError } from './api.ts';
import { escapeHtml } from './dom.ts';

const CONTROLS = 'input, select, textarea';

/** The form's summary box, created at its top when the markup has none. */
function summaryOf(form: HTMLFormElement): HTMLElement {
  let summary = form.querySelector<HTMLElement>('.error-summary');
  if (!summary) {
    summary = document.createElement('div');
    summary.className = 'error-summary';
    summary.setAttribute('role', 'alert');
    summary.tabIndex = -1;
    summary.hidden = true;
    form.prepend(summary);
  }
  return summary;
}

/** Removes every error shown in the form. */
export function clearErrors(form: HTMLFormElement): void {
  for (const node of form.querySelectorAll('.field-error')) node.remove();
  for (const node of form.querySelectorAll('[aria-invalid]')) {
    node.removeAttribute('aria-invalid');
    const describedBy = (node.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .filter((id) => id && !id.endsWith('-error'));
    if (describedBy.length > 0) node.setAttribute('aria-describedby', describedBy.join(' '));
    else node.removeAttribute('aria-describedby');
  }
  const summary = form.querySelector<HTMLElement>('.error-summary');
  if (summary) {
    summary.hidden = true;
    summary.innerHTML = '';
  }
}

function fieldFor(form: HTMLFormElement, path: string): HTMLElement | undefined {
  const parts = path.replace(/^(body|query|path|headers)\./, '').split('.');
  // The exact path first, then its parents (`cellVote.present` → `cellVote`).
  for (let n = parts.length; n > 0; n--) {
    const field = form.querySelector<HTMLElement>(`[data-path="${CSS.escape(parts.slice(0, n).join('.'))}"]`);
    if (field) return field;
  }
  return undefined;
}

/** The controls an error on `field` is about: itself, or a group's own choices, never a nested field's. */
function controlsOf(field: HTMLElement): HTMLElement[] {
  if (field.matches(CONTROLS)) return [field];
  return [...field.querySelectorAll<HTMLElement>(CONTROLS)].filter(
    (control) => control.closest('[data-path]') === field,
  );
}

/** Shows the error's message over the list of its field issues, each beside its field; focuses the summary. */
export function showErrors(form: HTMLFormElement, error: ShownError): void {
  clearErrors(form);
  const summary = summaryOf(form);
  const items: string[] = [];
  for (const issue of error.fields as readonly FieldIssue[]) {
    const field = fieldFor(form, issue.path);
    if (!field) {
      items.push(`<li>${escapeHtml(issue.message)}</li>`);
      continue;
    }
    const controls = controlsOf(field);
    const errorId = `${(field.id || field.dataset.path || 'field').replace(/\W/g, '-')}-error`;
    let note = document.getElementById(errorId);
    if (!note) {
      note = document.createElement('p');
      note.className = 'field-error';
      note.id = errorId;
      // Right under the control it is about (before hints and counters); a group gets it at its end.
      if (field.matches(CONTROLS)) field.after(note);
      else field.append(note);
    }
    note.textContent = note.textContent ? `${note.textContent} ${issue.message}` : issue.message;
    for (const control of controls) {
      control.setAttribute('aria-invalid', 'true');
      const describedBy = (control.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
      if (!describedBy.includes(errorId))
        control.setAttribute('aria-describedby', [...describedBy, errorId].join(' '));
    }
    const target = controls[0];
    items.push(
      target?.id
        ? `<li><a href="#${escapeHtml(target.id)}">${escapeHtml(issue.message)}</a></li>`
        : `<li>${escapeHtml(issue.message)}</li>`,
    );
  }
  summary.innerHTML = `<h3>${escapeHtml(error.message)}</h3>${items.length > 0 ? `<ul>${items.join('')}</ul>` : ''}`;
  summary.hidden = false;
  for (const link of summary.querySelectorAll<HTMLAnchorElement>('a[href^="#"]')) {
    link.addEventListener('click', (event) => {
      const target = document.getElementById(link.hash.slice(1));
      if (!target) return;
      event.preventDefault();
      target.focus();
    });
  }
  summary.focus();
}

/** A live “n/max ký tự” counter for a text control. */
export function attachCounter(
  control: HTMLInputElement | HTMLTextAreaElement,
  counter: HTMLElement,
  max: number,
): () => void {
  const update = () => {
    const length = control.value.length;
    counter.textContent = `${length}/${max} ký tự`;
    counter.classList.toggle('over', length > max);
  };
  control.addEventListener('input', update);
  update();
  return update;
}

/** Disables the form's submit button while `send` runs, so a double click sends once. */
export async function whileSending(form: HTMLFormElement, send: () => Promise<void>): Promise<void> {
  const button = form.querySelector<HTMLButtonElement>('button[type="submit"]');
  if (button?.disabled) return;
  if (button) {
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
  }
  try {
    await send();
  } finally {
    if (button?.isConnected) {
      button.disabled = false;
      button.removeAttribute('aria-busy');
    }
  }
}
