// What awaits a person: the open tasks of each of their roles, worked out from the campaign's
// calendar, the models they may act on and, for the Office, the cells and the failed mail. Pure.
import {
  daysBetweenLocal,
  formatLocalDate,
  lastDayBefore,
  localDateOf,
  registrationWindow,
} from './calendar.ts';
import { cellCompliance } from './compliance.ts';
import type { Model } from './model.ts';
import type { Campaign, Cell, Person } from './types.ts';

export const TASK_KINDS = [
  'register_collective',
  'register_individual',
  'complete_registration',
  'self_assessment',
  'review',
  'cell_missing_models',
  'failed_mail',
  'overdue_review',
] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

/** One thing the caller has to do, with its deadline and the page to do it on. */
export interface Task {
  readonly kind: TaskKind;
  readonly title: string;
  /** The first instant that is too late (for failed mail: when it failed, it is already due). */
  readonly dueAt: string;
  readonly link: string;
  readonly modelId?: string;
  readonly cellId?: string;
  /** For a review: the model's cell is one the caller supervises. */
  readonly supervised?: boolean;
}

/** The parts of a model the tasks read. */
export type TaskModel = Pick<
  Model,
  | 'id'
  | 'title'
  | 'kind'
  | 'cellId'
  | 'personId'
  | 'registeredBy'
  | 'status'
  | 'year'
  | 'awaiting'
  | 'returnRequest'
  | 'selfAssessmentDueBefore'
  | 'reviewDueBefore'
>;

/** A failed message as the Office's tasks name it. */
export interface TaskMail {
  readonly id: string;
  readonly subject: string;
  readonly createdAt: string;
  readonly failedAt?: string;
}

export interface TaskInput {
  readonly campaign: Campaign;
  readonly now: Date;
  /** The caller's person record; the roles are those of the verified token. */
  readonly person: Person;
  readonly roles: readonly Person['roles'][number][];
  /** The models of the campaign's opened registration years the caller's roles need. */
  readonly models: readonly TaskModel[];
  /** Every cell, for the Office (others may pass only their own). */
  readonly cells: readonly Cell[];
  /** A cell's extended end of registration for a year, keyed `year#cellId`. */
  readonly extensions?: Readonly<Record<string, string>>;
  /** The Office's failed mail. */
  readonly failedMail?: readonly TaskMail[];
}

/** The key of `TaskInput.extensions`. */
export function extensionKey(year: number, cellId: string): string {
  return `${year}#${cellId}`;
}

/** The instant a cell's registration of `year` closes: its extension when later than the window. */
function closesBeforeFor(input: TaskInput, year: number, cellId: string): Date {
  const normal = registrationWindow(input.campaign, year).closesBefore;
  const extended = input.extensions?.[extensionKey(year, cellId)];
  return extended && Date.parse(extended) > normal.getTime() ? new Date(extended) : normal;
}

/** The registration years whose window has opened (where tasks can exist), oldest first. */
export function openedYears(campaign: Campaign, now: Date): number[] {
  return campaign.registrationYears
    .filter((year) => registrationWindow(campaign, year).opensAt.getTime() <= now.getTime())
    .sort((a, b) => a - b);
}

/** The years whose registration is open at `now` for the cell (the window or its extension). */
function registeringYears(input: TaskInput, cellId: string): number[] {
  if (input.campaign.status !== 'active') return [];
  const t = input.now.getTime();
  return openedYears(input.campaign, input.now).filter(
    (year) => t < closesBeforeFor(input, year, cellId).getTime(),
  );
}

function missingKinds(input: TaskInput, year: number, cellId: string): ('collective' | 'individual')[] {
  const ofCell = input.models.filter((model) => model.year === year && model.cellId === cellId);
  const counts = cellCompliance(ofCell, input.campaign.minimumPerCell);
  const minimum = input.campaign.minimumPerCell;
  return [
    ...(counts.collectiveRegistered < minimum.collective ? (['collective'] as const) : []),
    ...(counts.individualRegistered < minimum.individual ? (['individual'] as const) : []),
  ];
}

const modelLink = (model: TaskModel) => `/model.html?id=${encodeURIComponent(model.id)}`;

function secretaryTasks(input: TaskInput): Task[] {
  const { person } = input;
  const tasks: Task[] = [];
  for (const year of registeringYears(input, person.cellId)) {
    const dueAt = closesBeforeFor(input, year, person.cellId).toISOString();
    for (const kind of missingKinds(input, year, person.cellId)) {
      tasks.push({
        kind: kind === 'collective' ? 'register_collective' : 'register_individual',
        title: `Đăng ký mô hình ${kind === 'collective' ? 'tập thể' : 'cá nhân'} năm ${year} của chi bộ`,
        dueAt,
        link: `/register.html?year=${year}&kind=${kind}`,
        cellId: person.cellId,
      });
    }
  }
  return tasks;
}

/**
 * The end of the time to complete a returned registration: the cell's window (its extension
 * included) as it stood when returned, or as it stands now when an extension came later.
 */
function completeBeforeFor(input: TaskInput, model: TaskModel): Date {
  const current = closesBeforeFor(input, model.year, model.cellId);
  const then = model.returnRequest ? Date.parse(model.returnRequest.completeBefore) : Number.NaN;
  return then > current.getTime() ? new Date(then) : current;
}

/** A returned registration, for its registrant and the cell's secretary: complete it and send it again. */
function completionTasks(input: TaskInput): Task[] {
  const { person, now } = input;
  if (input.campaign.status !== 'active') return [];
  const secretary = input.roles.includes('secretary');
  return input.models
    .filter(
      (model) =>
        model.status === 'returned' &&
        (model.registeredBy === person.id || (secretary && model.cellId === person.cellId)),
    )
    .map((model) => ({ model, dueAt: completeBeforeFor(input, model) }))
    .filter(({ dueAt }) => now.getTime() < dueAt.getTime())
    .map(({ model, dueAt }) => ({
      kind: 'complete_registration' as const,
      title: `Bổ sung đăng ký mô hình “${model.title}” (đã bị trả lại)`,
      dueAt: dueAt.toISOString(),
      link: `/register.html?edit=${encodeURIComponent(model.id)}`,
      modelId: model.id,
      cellId: model.cellId,
    }));
}

function selfAssessmentTasks(input: TaskInput): Task[] {
  const { person, now } = input;
  const secretary = input.roles.includes('secretary');
  return input.models
    .filter(
      (model) =>
        model.awaiting === 'self_assessment' &&
        now.getTime() < Date.parse(model.selfAssessmentDueBefore) &&
        ((secretary && model.cellId === person.cellId) ||
          (model.kind === 'individual' && model.personId === person.id)),
    )
    .map((model) => ({
      kind: 'self_assessment' as const,
      title: `Tự đánh giá mô hình “${model.title}”`,
      dueAt: model.selfAssessmentDueBefore,
      link: modelLink(model),
      modelId: model.id,
      cellId: model.cellId,
    }));
}

/** Whether a committee member takes no part in deciding this model (their own, or their cell's collective one). */
export function abstainsFrom(
  person: Person,
  model: Pick<TaskModel, 'kind' | 'cellId' | 'personId' | 'registeredBy'>,
) {
  return (
    model.personId === person.id ||
    model.registeredBy === person.id ||
    (model.kind === 'collective' && model.cellId === person.cellId)
  );
}

function reviewTasks(input: TaskInput): Task[] {
  const { person, now } = input;
  const supervises = new Set(person.supervises ?? []);
  return input.models
    .filter(
      (model) =>
        model.awaiting === 'review' &&
        now.getTime() < Date.parse(model.reviewDueBefore) &&
        model.cellId !== person.cellId &&
        !abstainsFrom(person, model),
    )
    .map((model) => ({
      kind: 'review' as const,
      title: `Xét, công nhận mô hình “${model.title}”`,
      dueAt: model.reviewDueBefore,
      link: modelLink(model),
      modelId: model.id,
      cellId: model.cellId,
      supervised: supervises.has(model.cellId),
    }));
}

function officeTasks(input: TaskInput): Task[] {
  const tasks: Task[] = [];
  for (const cell of input.cells) {
    for (const year of registeringYears(input, cell.id)) {
      const missing = missingKinds(input, year, cell.id);
      if (missing.length === 0) continue;
      const words = missing.map((kind) => (kind === 'collective' ? 'tập thể' : 'cá nhân')).join(' và ');
      tasks.push({
        kind: 'cell_missing_models',
        title: `${cell.name} chưa đăng ký đủ mô hình ${words} năm ${year}`,
        dueAt: closesBeforeFor(input, year, cell.id).toISOString(),
        link: `/cell.html?id=${encodeURIComponent(cell.id)}`,
        cellId: cell.id,
      });
    }
  }
  return [...tasks, ...failedMailTasks(input.failedMail ?? [])];
}

/** The Office's task for each failed message: resend it or correct the address (due already). */
export function failedMailTasks(mail: readonly TaskMail[]): Task[] {
  return mail.map((message) => ({
    kind: 'failed_mail' as const,
    title: `Thư không gửi được: “${message.subject}”`,
    dueAt: message.failedAt ?? message.createdAt,
    link: '/dashboard.html#failed-mail',
  }));
}

function inspectorTasks(input: TaskInput): Task[] {
  const t = input.now.getTime();
  return input.models
    .filter(
      (model) =>
        (model.status === 'self_assessed' || model.status === 'reviewed') &&
        Date.parse(model.reviewDueBefore) <= t,
    )
    .map((model) => ({
      kind: 'overdue_review' as const,
      title: `Mô hình “${model.title}” quá hạn xét, công nhận`,
      dueAt: model.reviewDueBefore,
      link: `/timeline.html?id=${encodeURIComponent(model.id)}`,
      modelId: model.id,
      cellId: model.cellId,
    }));
}

/** The caller's open tasks: soonest deadline first, a committee member's supervised cells before the others. */
export function openTasks(input: TaskInput): Task[] {
  const { roles } = input;
  const tasks = [
    ...(roles.includes('secretary') ? secretaryTasks(input) : []),
    ...(roles.includes('secretary') || roles.includes('member') ? completionTasks(input) : []),
    ...(roles.includes('secretary') || roles.includes('member') ? selfAssessmentTasks(input) : []),
    ...(roles.includes('committee') ? reviewTasks(input) : []),
    ...(roles.includes('office') ? officeTasks(input) : []),
    ...(roles.includes('inspector') ? inspectorTasks(input) : []),
  ];
  return sortTasks(tasks);
}

/** Tasks without repeats, a committee member's supervised cells first, then soonest deadline first. */
export function sortTasks(tasks: readonly Task[]): Task[] {
  const seen = new Set<string>();
  return tasks
    .filter((task) => {
      const key = `${task.kind}#${task.modelId ?? ''}#${task.cellId ?? ''}#${task.title}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort(
      (a, b) =>
        Number(b.supervised ?? false) - Number(a.supervised ?? false) || a.dueAt.localeCompare(b.dueAt),
    );
}

/** A task's last day (dd/mm/yyyy) and the whole days left until it (0 on the last day, negative when late). */
export function taskDeadline(task: Pick<Task, 'dueAt'>, now: Date): { lastDay: string; daysLeft: number } {
  const lastDay = lastDayBefore(new Date(task.dueAt));
  return { lastDay: formatLocalDate(lastDay), daysLeft: daysBetweenLocal(localDateOf(now), lastDay) };
}
