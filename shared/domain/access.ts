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

/** The parts of a model that tell who took part in it. */
export interface ModelParticipants {
  readonly cellId: string;
  readonly personId?: string;
  readonly registeredBy?: string;
  readonly selfAssessment?: { readonly by: string };
}

/**
 * Why this person must stand aside from judging the model — reviewing, voting
 * on or promoting it — or undefined when nothing ties them to it. Nobody
 * judges what they took part in: their own model, one they registered or
 * self-assessed, or any model of a cell they belong to or lead as secretary
 * (the cell confirms its self-assessments).
 */
export function conflictOfInterest(
  person: Pick<Person, 'id' | 'cellId'>,
  model: ModelParticipants,
  modelCell?: Pick<Cell, 'secretaryId'>,
): string | undefined {
  if (model.personId === person.id) return 'Đây là mô hình của chính đồng chí.';
  if (model.registeredBy === person.id) return 'Đồng chí là người đăng ký mô hình này.';
  if (model.selfAssessment?.by === person.id) return 'Đồng chí là người gửi tự đánh giá của mô hình này.';
  if (modelCell?.secretaryId === person.id)
    return 'Đồng chí là Bí thư của chi bộ có mô hình này, nơi xác nhận kết quả tự đánh giá.';
  if (person.cellId === model.cellId) return 'Đồng chí sinh hoạt tại chi bộ có mô hình này.';
  return undefined;
}
