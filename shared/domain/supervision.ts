// Committee members follow the cells of their field (`Person.supervises`): they receive those
// cells' reminders, a weekly digest of their models awaiting review, and filter the dashboard by them.
import type { Person } from './types.ts';

/** Whether a person is a committee member who supervises the cell. */
export function supervisesCell(person: Pick<Person, 'roles' | 'supervises'>, cellId: string): boolean {
  return person.roles.includes('committee') && (person.supervises ?? []).includes(cellId);
}

/** The committee members among `people` who supervise the cell. */
export function supervisorsOf<P extends Pick<Person, 'roles' | 'supervises'>>(
  people: readonly P[],
  cellId: string,
): P[] {
  return people.filter((person) => supervisesCell(person, cellId));
}

/** The day of the week of a local date, 0 = Sunday … 6 = Saturday (a calendar fact, no time zone). */
export function weekdayOf(date: string): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

/** The day of the week the supervisors' review digest goes out: Monday. */
export const REVIEW_DIGEST_WEEKDAY = 1;
