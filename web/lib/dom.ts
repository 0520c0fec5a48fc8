// Small DOM helpers every page uses.

/** The element with this id; a page that lacks it is a programming error, so it throws. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing`);
  return element as T;
}

/** The first element matching `selector` under `root`, or a thrown error. */
export function one<T extends Element = HTMLElement>(root: ParentNode, selector: string): T {
  const element = root.querySelector<T>(selector);
  if (!element) throw new Error(`${selector} is missing`);
  return element;
}

/** Escapes text for HTML. */
export function escapeHtml(text: unknown): string {
  return String(text ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A `?name=` parameter of the page's URL. */
export function param(name: string): string | undefined {
  return new URLSearchParams(location.search).get(name) ?? undefined;
}

/** The page's content area, under the header and the page's heading. */
export function contentArea(): HTMLElement {
  return byId('content');
}

/** The value of a form control by name ('' when there is none). */
export function fieldValue(form: HTMLFormElement, name: string): string {
  const control = form.elements.namedItem(name);
  return control && 'value' in control ? String(control.value) : '';
}
