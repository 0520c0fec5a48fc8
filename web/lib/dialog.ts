// Asking before a decision that is hard to undo, in the page's own words and language (the
// browser's confirm() would show its buttons in the browser's language). A modal <dialog> keeps
// focus inside and gives it back to the button that asked.
import { escapeHtml } from './dom.ts';

interface ConfirmOptions {
  readonly title: string;
  readonly message: string;
  /** The button that goes ahead, named for what it does. */
  readonly confirm: string;
  readonly cancel?: string;
  readonly danger?: boolean;
}

/** Resolves true when the person confirms, false when they go back (button, Esc). */
export function confirmAction({
  title,
  message,
  confirm,
  cancel = 'Quay lại',
  danger = false,
}: ConfirmOptions): Promise<boolean> {
  const opener = document.activeElement instanceof HTMLElement ? document.activeElement : undefined;
  const dialog = document.createElement('dialog');
  dialog.className = 'confirm';
  dialog.setAttribute('aria-labelledby', 'confirm-title');
  dialog.setAttribute('aria-describedby', 'confirm-message');
  dialog.innerHTML = `<form method="dialog">
    <h2 id="confirm-title">${escapeHtml(title)}</h2>
    <p id="confirm-message">${escapeHtml(message)}</p>
    <div class="actions">
      <button type="submit" value="yes" id="confirm-yes"${danger ? ' class="danger"' : ''}>${escapeHtml(confirm)}</button>
      <button type="submit" value="no" class="secondary" id="confirm-no" autofocus>${escapeHtml(cancel)}</button>
    </div></form>`;
  document.body.append(dialog);
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => {
      resolve(dialog.returnValue === 'yes');
      dialog.remove();
      opener?.focus();
    });
    dialog.showModal();
  });
}
