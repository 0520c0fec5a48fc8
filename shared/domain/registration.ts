// Who may register, edit and withdraw a model, and when.
// Checks run in a fixed order so the same request always gets the same answer:
// malformed input (400) → who is asking (403) → the campaign and year (422) → the window (422)
// → the subject's cell (422) → duplicates and state (409). Who is asking comes before
// anything that depends on the data, so that a refusal never tells whether a model exists.

import { conflictOfInterest } from './access.ts';
import {
  endOfLocalDay,
  formatDate,
  formatDateTime,
  formatLocalDate,
  isRegistrationYear,
  isWithinWindow,
  lastDayBefore,
  registrationClosingDay,
  registrationWindow,
  selfAssessmentDeadlineDay,
  selfAssessmentDueBefore,
  type Window,
} from './calendar.ts';
import {
  ConflictError,
  type FieldIssue,
  ForbiddenError,
  InvalidInputError,
  RuleViolationError,
} from './errors.ts';
import type { ModelKind } from './model-kinds.ts';
import { type ModelStatus, STATUS_LABELS } from './model-status.ts';
import { supervisesCell } from './supervision.ts';
import type { Caller, Campaign, Cell, Person } from './types.ts';

/** A late registration granted by the Office to one cell: it moves the window's end, never its start. */
export interface Extension {
  readonly cellId: string;
  readonly closesBefore: Date;
  readonly reason?: string;
}

/** The parts of a registered model the registration rules look at. */
export interface RegisteredModelRef {
  readonly kind: ModelKind;
  readonly cellId: string;
  readonly personId?: string;
  /** The personId of whoever registered it. */
  readonly registeredBy: string;
  readonly status: ModelStatus;
  /** The registration year (the October it was registered in). */
  readonly year: number;
}

export interface RegisterInput {
  readonly campaign: Campaign;
  readonly year: number;
  readonly now: Date;
  readonly caller: Caller;
  readonly callerPerson: Person;
  readonly cell: Cell;
  readonly kind: ModelKind;
  /** The person of an individual model; absent for a collective one. */
  readonly subject?: Person;
  /** Whether the subject already has a non-withdrawn individual model this year in this campaign. */
  readonly individualAlreadyRegistered: boolean;
  readonly extension?: Extension;
}

export interface ChangeInput {
  readonly campaign: Campaign;
  readonly now: Date;
  readonly caller: Caller;
  readonly callerPerson: Person;
  readonly model: RegisteredModelRef;
  readonly extension?: Extension;
}

export interface ExtensionInput {
  readonly campaign: Campaign;
  readonly year: number;
  readonly closesBefore: Date;
  readonly reason: string;
  readonly now: Date;
}

export interface ReturnInput extends ChangeInput {
  /** The model's cell, to tell whether the caller leads it. */
  readonly modelCell?: Pick<Cell, 'secretaryId'>;
}

// A returned registration stays editable (and withdrawable) so that the cell can complete it.
const CHANGEABLE: readonly ModelStatus[] = ['registered', 'implementing', 'returned'];

/** Whether the caller is a secretary (or cell-committee member) of this cell, per the token and the registry. */
export function isSecretaryOf(caller: Caller, callerPerson: Person, cellId: string): boolean {
  return (
    caller.personId === callerPerson.id &&
    caller.roles.includes('secretary') &&
    callerPerson.cellId === cellId
  );
}

/** The window that applies to one cell: the normal one, its end pushed later by that cell's extension. */
export function effectiveWindow(
  campaign: Campaign,
  year: number,
  cellId: string,
  extension?: Extension,
): Window {
  const normal = registrationWindow(campaign, year);
  if (!extension || extension.cellId !== cellId) return normal;
  if (extension.closesBefore.getTime() <= normal.closesBefore.getTime()) return normal;
  return { opensAt: normal.opensAt, closesBefore: extension.closesBefore };
}

/** The window in words: "từ ngày 01/10/2016 đến hết ngày 10/10/2016". */
export function describeWindow(window: Window): string {
  const endsAtMidnight =
    endOfLocalDay(lastDayBefore(window.closesBefore)).getTime() === window.closesBefore.getTime();
  const end = endsAtMidnight
    ? `đến hết ngày ${formatLocalDate(lastDayBefore(window.closesBefore))}`
    : `đến trước ${formatDateTime(window.closesBefore)}`;
  return `từ ngày ${formatDate(window.opensAt)} ${end}`;
}

function assertCampaignYear(campaign: Campaign, year: number): void {
  if (campaign.status !== 'active') {
    throw new RuleViolationError('Phong trào thi đua không còn hoạt động.', [
      {
        path: 'campaignId',
        message: 'Phong trào thi đua phải đang hoạt động mới được đăng ký hoặc thay đổi mô hình.',
      },
    ]);
  }
  if (!isRegistrationYear(campaign, year)) {
    throw new RuleViolationError(`Năm ${year} không phải năm đăng ký của phong trào.`, [
      {
        path: 'year',
        message: `Năm đăng ký phải là một trong các năm ${campaign.registrationYears.join(', ')}.`,
      },
    ]);
  }
}

function assertInsideWindow(window: Window, now: Date, extended: boolean, action: string): void {
  if (isWithinWindow(window, now)) return;
  const when = describeWindow(window);
  const note = extended ? ' (đã tính gia hạn của chi bộ)' : '';
  throw new RuleViolationError(`Ngoài thời hạn đăng ký: chỉ được ${action} ${when}${note}.`, [
    { path: 'registrationWindow', message: `Thời hạn đăng ký ${when}${note}.` },
  ]);
}

/** The form's kind and person agree: an individual model names its person, a collective one does not (400). */
function assertShape(kind: ModelKind, subject: Person | undefined): void {
  if (kind === 'individual' && !subject) {
    throw new InvalidInputError('Mô hình cá nhân phải ghi rõ người thực hiện.', [
      { path: 'personId', message: 'Bắt buộc với mô hình cá nhân: chọn người thực hiện mô hình.' },
    ]);
  }
  if (kind === 'collective' && subject) {
    throw new InvalidInputError('Mô hình tập thể không ghi tên cá nhân.', [
      { path: 'personId', message: 'Mô hình tập thể là của cả chi bộ, không được ghi người thực hiện.' },
    ]);
  }
}

/**
 * Refuses a caller who may not register this kind of model for this cell and
 * person (400 for an inconsistent form, 403 for the caller), whatever the
 * calendar and whatever is registered already.
 */
export function assertMayRegisterFor(
  input: Pick<RegisterInput, 'caller' | 'callerPerson' | 'cell' | 'kind' | 'subject'>,
): void {
  const { caller, callerPerson, cell, kind, subject } = input;
  assertShape(kind, subject);
  if (caller.personId !== callerPerson.id || callerPerson.cellId !== cell.id) {
    throw new ForbiddenError('Bạn chỉ được đăng ký mô hình cho chi bộ của mình.', [
      { path: 'cellId', message: 'Chỉ được đăng ký mô hình cho chi bộ mà bạn sinh hoạt.' },
    ]);
  }
  if (isSecretaryOf(caller, callerPerson, cell.id)) return;
  if (kind === 'collective') {
    throw new ForbiddenError('Chỉ Bí thư hoặc Chi ủy mới được đăng ký mô hình tập thể.', [
      { path: 'kind', message: 'Mô hình tập thể do Bí thư hoặc Chi ủy của chi bộ đăng ký.' },
    ]);
  }
  if (!caller.roles.includes('member')) {
    throw new ForbiddenError('Bạn không có quyền đăng ký mô hình.', [
      {
        path: 'kind',
        message: 'Chỉ đảng viên, CCVC, người lao động được đăng ký mô hình cá nhân cho chính mình.',
      },
    ]);
  }
  if (subject && subject.id !== callerPerson.id) {
    throw new ForbiddenError('Bạn chỉ được đăng ký mô hình cá nhân cho chính mình.', [
      { path: 'personId', message: 'Người thực hiện mô hình cá nhân phải là chính bạn.' },
    ]);
  }
}

/** Refuses a registration that breaks a rule; returns quietly when it may proceed. */
export function assertMayRegister(input: RegisterInput): void {
  const { campaign, year, now, cell, kind, subject } = input;
  assertMayRegisterFor(input);
  assertCampaignYear(campaign, year);

  const window = effectiveWindow(campaign, year, cell.id, input.extension);
  const extended =
    window.closesBefore.getTime() !== registrationWindow(campaign, year).closesBefore.getTime();
  assertInsideWindow(window, now, extended, 'đăng ký');

  // A 422, not a 403: the caller may register for this cell; the request is only inconsistent,
  // because an individual model always belongs to the cell its person belongs to.
  if (subject && subject.cellId !== cell.id) {
    throw new RuleViolationError('Người thực hiện không thuộc chi bộ này.', [
      { path: 'personId', message: `${subject.name} không sinh hoạt tại ${cell.name}.` },
    ]);
  }

  if (kind === 'individual' && input.individualAlreadyRegistered) {
    throw new ConflictError(
      `${subject?.name ?? 'Người này'} đã đăng ký một mô hình cá nhân trong năm ${year}.`,
      [
        {
          path: 'personId',
          message: `Mỗi người chỉ được đăng ký một mô hình cá nhân mỗi năm (năm ${year}).`,
        },
      ],
    );
  }
}

function assertMayChange(input: ChangeInput, action: string): void {
  const { campaign, now, caller, callerPerson, model } = input;
  assertCampaignYear(campaign, model.year);

  const registrant = caller.personId === callerPerson.id && model.registeredBy === callerPerson.id;
  if (!registrant && !isSecretaryOf(caller, callerPerson, model.cellId)) {
    throw new ForbiddenError(`Chỉ người đăng ký hoặc Bí thư chi bộ mới được ${action} mô hình này.`, [
      {
        path: 'id',
        message: `Bạn không phải người đăng ký hay Bí thư chi bộ của mô hình nên không được ${action}.`,
      },
    ]);
  }
  if (!CHANGEABLE.includes(model.status)) {
    throw new ConflictError(
      `Mô hình đang ở trạng thái “${STATUS_LABELS[model.status]}”, không thể ${action}.`,
      [
        {
          path: 'status',
          message: `Chỉ được ${action} khi mô hình ở trạng thái “${STATUS_LABELS.registered}” hoặc “${STATUS_LABELS.implementing}”.`,
        },
      ],
    );
  }
  const window = effectiveWindow(campaign, model.year, model.cellId, input.extension);
  const extended =
    window.closesBefore.getTime() !== registrationWindow(campaign, model.year).closesBefore.getTime();
  assertInsideWindow(window, now, extended, action);
}

/** The registrant or the cell's secretary may edit while registration is open (extension included). */
export function assertMayEdit(input: ChangeInput): void {
  assertMayChange(input, 'sửa');
}

/** The registrant or the cell's secretary may withdraw while registration is open (extension included). */
export function assertMayWithdraw(input: ChangeInput): void {
  assertMayChange(input, 'rút');
}

/**
 * Refuses a return for completion that breaks a rule: only the Office or a committee member
 * supervising the cell returns a registration (403), never one they took part in (403), of an
 * active campaign's year (422), while it is implementing (409) and inside the registration window
 * or the cell's extension (422).
 */
export function assertMayReturn(input: ReturnInput): void {
  const { campaign, now, caller, callerPerson, model } = input;
  const office = caller.roles.includes('office');
  const supervisor = caller.roles.includes('committee') && supervisesCell(callerPerson, model.cellId);
  if (caller.personId !== callerPerson.id || (!office && !supervisor)) {
    throw new ForbiddenError(
      'Chỉ Văn phòng Đảng ủy hoặc Ủy viên Ban Chấp hành theo dõi chi bộ mới được trả lại đăng ký để bổ sung.',
      [{ path: 'id', message: 'Bạn không theo dõi chi bộ có mô hình này nên không được trả lại đăng ký.' }],
    );
  }
  const conflict = conflictOfInterest(callerPerson, model, input.modelCell);
  if (conflict) {
    throw new ForbiddenError(`Đồng chí không trả lại đăng ký này được. ${conflict}`, [
      { path: 'id', message: 'Người có liên quan đến mô hình không trả lại đăng ký của mô hình đó.' },
    ]);
  }
  assertCampaignYear(campaign, model.year);
  if (model.status === 'returned') {
    throw new ConflictError('Đăng ký này đã được trả lại và đang chờ chi bộ bổ sung.', [
      { path: 'status', message: `Mô hình đang ở trạng thái “${STATUS_LABELS.returned}”.` },
    ]);
  }
  if (model.status !== 'implementing') {
    const message =
      model.status === 'registered'
        ? 'Đăng ký vừa được gửi và đang được ghi nhận; hãy thử lại sau giây lát.'
        : `Mô hình đang ở trạng thái “${STATUS_LABELS[model.status]}”, không thể trả lại đăng ký.`;
    throw new ConflictError(message, [
      {
        path: 'status',
        message: `Chỉ trả lại được đăng ký của mô hình ở trạng thái “${STATUS_LABELS.implementing}”.`,
      },
    ]);
  }
  const window = effectiveWindow(campaign, model.year, model.cellId, input.extension);
  const extended =
    window.closesBefore.getTime() !== registrationWindow(campaign, model.year).closesBefore.getTime();
  assertInsideWindow(window, now, extended, 'trả lại đăng ký');
}

/** Whether the caller may return this registration for completion now (what the model page offers). */
export function mayReturn(input: ReturnInput): boolean {
  try {
    assertMayReturn(input);
    return true;
  } catch {
    return false;
  }
}

/**
 * Checks an Office's late-registration grant: a reason, an end after the normal close and after `now`,
 * and strictly before the self-assessment deadline ends, so every model still has time to report.
 */
export function validateExtension(input: ExtensionInput): void {
  const { campaign, year, closesBefore, reason, now } = input;
  const malformed: FieldIssue[] = [];
  if (typeof reason !== 'string' || reason.trim() === '') {
    malformed.push({ path: 'reason', message: 'Bắt buộc: ghi rõ lý do gia hạn đăng ký.' });
  }
  if (!(closesBefore instanceof Date) || Number.isNaN(closesBefore.getTime())) {
    malformed.push({
      path: 'closesBefore',
      message: 'Bắt buộc: thời điểm kết thúc gia hạn phải là một thời điểm hợp lệ.',
    });
  }
  if (malformed.length > 0) throw new InvalidInputError('Yêu cầu gia hạn không hợp lệ.', malformed);

  assertCampaignYear(campaign, year);

  const normal = registrationWindow(campaign, year);
  const dueBefore = selfAssessmentDueBefore(campaign, year);
  const issues: FieldIssue[] = [];
  if (closesBefore.getTime() <= normal.closesBefore.getTime()) {
    issues.push({
      path: 'closesBefore',
      message: `Hạn gia hạn phải sau khi thời hạn đăng ký thông thường kết thúc (hết ngày ${formatLocalDate(registrationClosingDay(campaign, year))}).`,
    });
  }
  if (closesBefore.getTime() >= dueBefore.getTime()) {
    issues.push({
      path: 'closesBefore',
      message: `Hạn gia hạn phải trước hạn cuối tự đánh giá (hết ngày ${formatLocalDate(selfAssessmentDeadlineDay(campaign, year))}).`,
    });
  }
  if (closesBefore.getTime() <= now.getTime()) {
    issues.push({ path: 'closesBefore', message: 'Hạn gia hạn phải ở tương lai, sau thời điểm hiện tại.' });
  }
  if (issues.length > 0) throw new RuleViolationError('Hạn gia hạn đăng ký không hợp lệ.', issues);
}
