import type { Role } from './roles.ts';
import type { Caller, Cell, Person } from './types.ts';

const READ_ALL_ROLES: readonly Role[] = ['office', 'committee', 'inspector'];

/** Whether the caller may read every cell's data (Office, committee, inspectors). */
export function readsEverything(caller: Caller): boolean {
  return caller.roles.some((role) => READ_ALL_ROLES.includes(role));
}

/** The cells a caller may see: all for Office, committee and inspectors; otherwise their own cell. */
export function visibleCells(caller: Caller, person: Person | undefined, cells: readonly Cell[]): Cell[] {
  if (readsEverything(caller)) return [...cells];
  if (!person) return [];
  return cells.filter((cell) => cell.id === person.cellId);
}
