// Tables that become cards on a phone: each cell carries its column's label, which the narrow
// layout of app.css shows beside the value instead of the header row.
import { escapeHtml } from './dom.ts';

export interface Column {
  readonly label: string;
  readonly className?: string;
}

export interface Row {
  /** Each cell's HTML, in the columns' order. */
  readonly cells: readonly string[];
  /** Extra attributes of the row, already escaped (e.g. `data-model-id="…"`). */
  readonly attributes?: string;
  readonly className?: string;
}

interface TableOptions {
  readonly id?: string;
  readonly caption?: string;
  /** Whether the caption is for screen readers only. */
  readonly captionHidden?: boolean;
  readonly columns: readonly Column[];
  readonly rows: readonly Row[];
  /** The first cell heads its row. */
  readonly rowHeaders?: boolean;
  readonly empty?: string;
}

/** A table whose rows turn into labelled cards under 600 px (each value in one box beside its label). */
export function cardTable({
  id,
  caption,
  captionHidden,
  columns,
  rows,
  rowHeaders = false,
  empty,
}: TableOptions): string {
  const head = columns
    .map(
      (column) =>
        `<th scope="col"${column.className ? ` class="${column.className}"` : ''}>${escapeHtml(column.label)}</th>`,
    )
    .join('');
  const body =
    rows.length === 0 && empty
      ? `<tr><td colspan="${columns.length}" class="muted">${escapeHtml(empty)}</td></tr>`
      : rows
          .map((row) => {
            const cells = row.cells
              .map((cell, index) => {
                const column = columns[index];
                const tag = rowHeaders && index === 0 ? 'th scope="row"' : 'td';
                const className = column?.className ? ` class="${column.className}"` : '';
                return `<${tag}${className} data-label="${escapeHtml(column?.label ?? '')}"><div class="cell">${cell}</div></${tag.split(' ')[0]}>`;
              })
              .join('');
            return `<tr${row.className ? ` class="${row.className}"` : ''}${row.attributes ? ` ${row.attributes}` : ''}>${cells}</tr>`;
          })
          .join('');
  const captionHtml = caption
    ? `<caption${captionHidden ? ' class="visually-hidden"' : ''}>${escapeHtml(caption)}</caption>`
    : '';
  return `<div class="table-scroll"><table class="cards"${id ? ` id="${id}"` : ''}>${captionHtml}<thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
}
