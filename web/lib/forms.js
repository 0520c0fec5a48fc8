// Showing the API's field errors beside their fields, with a summary that
// takes focus (WCAG 3.3.1): each `fields[].path` like `body.title` goes to
// the control whose data-path is `title`; anything else goes to the summary.
import { escapeHtml } from './format.js';

/** Removes every error shown in the form. */
export function clearErrors(form) {
  for (const node of form.querySelectorAll('.field-error')) node.remove();
  for (const node of form.querySelectorAll('[aria-invalid]')) {
    node.removeAttribute('aria-invalid');
    const describedBy = (node.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .filter((id) => id && !id.endsWith('-error'));
    if (describedBy.length > 0) node.setAttribute('aria-describedby', describedBy.join(' '));
    else node.removeAttribute('aria-describedby');
  }
  const summary = form.querySelector('.error-summary');
  if (summary) {
    summary.hidden = true;
    summary.innerHTML = '';
  }
}

/** The server's messages may start lower-case (“tên mô hình cần…”); shown alone they start a sentence. */
function sentence(message) {
  return message ? message.charAt(0).toLocaleUpperCase('vi') + message.slice(1) : message;
}

function fieldFor(form, path) {
  const trimmed = path.replace(/^(body|query|path|headers)\./, '');
  // Prefer the exact path, then its parents (e.g. `cellVote.present` → `cellVote`).
  const parts = trimmed.split('.');
  for (let n = parts.length; n > 0; n--) {
    const candidate = parts.slice(0, n).join('.');
    const field = form.querySelector(`[data-path="${CSS.escape(candidate)}"]`);
    if (field) return field;
  }
  return undefined;
}

/** Shows an error's message in the summary and each field issue beside its field; focuses the summary. */
export function showErrors(form, error) {
  clearErrors(form);
  const summary = form.querySelector('.error-summary');
  const unplaced = [];
  const placed = [];
  for (const issue of error.fields ?? []) {
    const field = fieldFor(form, issue.path);
    if (!field) {
      unplaced.push(sentence(issue.message));
      continue;
    }
    const errorId = `${field.id || field.dataset.path.replace(/\W/g, '-')}-error`;
    let note = document.getElementById(errorId);
    if (!note) {
      note = document.createElement('p');
      note.className = 'field-error';
      note.id = errorId;
      // Right under the control it is about (before hints and counters); a group gets it at its end.
      if (field.matches('input, select, textarea')) field.after(note);
      else field.append(note);
      placed.push({ field, message: sentence(issue.message) });
    }
    note.textContent = note.textContent
      ? `${note.textContent} ${sentence(issue.message)}`
      : sentence(issue.message);
    const controls = field.matches('input, select, textarea')
      ? [field]
      : field.querySelectorAll('input, select, textarea');
    for (const control of controls) {
      control.setAttribute('aria-invalid', 'true');
      const describedBy = (control.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
      if (!describedBy.includes(errorId))
        control.setAttribute('aria-describedby', [...describedBy, errorId].join(' '));
    }
  }
  const links = placed.map(({ field, message }) => {
    const target = field.matches('input, select, textarea')
      ? field
      : field.querySelector('input, select, textarea');
    return `<li><a href="#${escapeHtml(target?.id ?? '')}">${escapeHtml(message)}</a></li>`;
  });
  summary.innerHTML = `<h3>${escapeHtml(error.message)}</h3>
    ${unplaced.length > 0 ? `<ul>${unplaced.map((m) => `<li>${escapeHtml(m)}</li>`).join('')}</ul>` : ''}
    ${links.length > 0 ? `<p>Vui lòng sửa các mục sau:</p><ul>${links.join('')}</ul>` : ''}`;
  summary.hidden = false;
  for (const link of summary.querySelectorAll('a[href^="#"]')) {
    link.addEventListener('click', (event) => {
      const target = document.getElementById(link.getAttribute('href').slice(1));
      if (!target) return;
      event.preventDefault();
      target.focus();
    });
  }
  summary.focus();
}

/** A live “n/max ký tự” counter for a text control, announced politely. */
export function attachCounter(control, counter, max) {
  const update = () => {
    const length = control.value.length;
    counter.textContent = `${length}/${max} ký tự`;
    counter.classList.toggle('over', length > max);
  };
  control.addEventListener('input', update);
  update();
  return update;
}
