// The auditors' timeline: every state a model entered, with time,
// actor and data, read from its workflow executions' histories — from the
// archive once an execution has closed, so it outlives Step Functions'
// 90-day retention — joined with the audit log (edits, tiers).
import { type ArchivedHistory, historyArchive } from '../data/history-archive.ts';
import { modelRepository } from '../data/models.ts';
import { personRepository } from '../data/people.ts';
import { readsEverything } from '../domain/access.ts';
import { formatDateTime } from '../domain/calendar.ts';
import { type ModelStatus, STATUS_LABELS } from '../domain/model-status.ts';
import { type ModelTier, TIER_LABELS } from '../domain/tiers.ts';
import type { Caller } from '../domain/types.ts';
import { type WorkflowEvent, workflows } from '../workflow/gateway.ts';
import { readableModel } from './model-access.ts';

export interface TimelineItem {
  readonly state: string;
  readonly label: string;
  /** What the step means, in plain words. */
  readonly explanation?: string;
  /** ISO-8601 instant. */
  readonly at: string;
  /** dd/mm/yyyy hh:mm:ss, Asia/Ho_Chi_Minh. */
  readonly atText: string;
  readonly actor: string;
  readonly actorName: string;
  readonly data?: unknown;
  readonly source: 'workflow' | 'audit';
  readonly executionArn?: string;
  readonly eventId?: number;
}

const EXTRA_LABELS: Record<string, string> = {
  awaiting_self_assessment: 'Chờ tự đánh giá',
  awaiting_review: 'Chờ Ban Chấp hành xét',
  review_refused: 'Quyết định bị từ chối (trái nguyên tắc hoặc kết quả biểu quyết)',
  review_overdue: 'Quá hạn xét',
  continued: 'Tiếp tục chờ ở lượt chạy mới của quy trình',
  edited: 'Sửa nội dung đăng ký',
  registered_request: 'Gửi đăng ký',
  attachment_added: 'Đính kèm tài liệu minh chứng',
  conflict_of_interest_refused: 'Từ chối người xét có liên quan đến mô hình',
  awaiting_completion: 'Chờ chi bộ bổ sung đăng ký',
  completed: 'Đã bổ sung',
};

// What each step means, for the person reading the timeline.
const EXPLANATIONS: Readonly<Record<string, string>> = {
  registered: 'Chi bộ đã gửi đăng ký; mô hình được ghi nhận vào năm thi đua.',
  implementing: 'Mô hình được triển khai theo nội dung đã đăng ký.',
  awaiting_self_assessment:
    'Chờ báo cáo tự đánh giá của chi bộ hoặc người thực hiện, đến hết hạn tự đánh giá.',
  edited: 'Nội dung đăng ký được sửa trong thời hạn đăng ký.',
  self_assessed: 'Đã nhận báo cáo tự đánh giá; mô hình chờ Ban Chấp hành xét.',
  missed_self_assessment: 'Hết hạn mà chưa có báo cáo tự đánh giá; mô hình không được xét năm này.',
  withdrawn: 'Mô hình được rút khỏi danh sách đăng ký.',
  returned:
    'Đăng ký được trả lại để chi bộ bổ sung; mô hình chỉ được tính là đã đăng ký khi chi bộ gửi lại đăng ký đã bổ sung.',
  awaiting_completion: 'Chờ chi bộ sửa, gửi lại đăng ký trong thời hạn đăng ký (kể cả gia hạn).',
  completed: 'Chi bộ đã gửi lại đăng ký đã bổ sung; mô hình được tính là đã đăng ký và tiếp tục thực hiện.',
  not_completed:
    'Hết hạn mà đăng ký được trả lại chưa được bổ sung; mô hình không được tính là đã đăng ký năm này.',
  awaiting_review: 'Chờ Ban Chấp hành xét, công nhận, đến hết hạn xét.',
  continued:
    'Một lượt chạy của quy trình không kéo dài quá một năm; việc chờ được chuyển sang lượt mới, thời hạn giữ nguyên.',
  review_refused:
    'Quyết định gửi lên trái nguyên tắc hoặc kết quả biểu quyết nên không được ghi; vẫn chờ quyết định hợp lệ.',
  reviewed: 'Ban Chấp hành đã xét: kết quả năm nguyên tắc và biểu quyết ghi ở đây.',
  recognized: 'Kết luận: mô hình được công nhận “Dân vận khéo”.',
  not_recognized: 'Kết luận: mô hình không được công nhận; lý do ghi ở bước xét.',
  review_overdue: 'Hết hạn xét mà chưa có quyết định.',
  exemplary: 'Mô hình được chọn là tiêu biểu.',
  commended: 'Mô hình được đề nghị khen thưởng.',
};

// The decision's details are shown once, on the review; its conclusion row only names the outcome.
const CONCLUSIONS = new Set(['recognized', 'not_recognized']);

// Steps recorded in the same second keep the cycle's order.
const CYCLE_ORDER = [
  'registered',
  'implementing',
  'awaiting_self_assessment',
  'returned',
  'awaiting_completion',
  'edited',
  'completed',
  'attachment_added',
  'self_assessed',
  'missed_self_assessment',
  'not_completed',
  'withdrawn',
  'continued',
  'awaiting_review',
  'review_refused',
  'reviewed',
  'recognized',
  'not_recognized',
  'review_overdue',
  'exemplary',
  'commended',
];

function cycleRank(state: string): number {
  const rank = CYCLE_ORDER.indexOf(state);
  return rank < 0 ? CYCLE_ORDER.length : rank;
}

// The timeline tells the workflow's steps apart where the status labels read the same.
const STEP_LABELS: Readonly<Record<string, string>> = {
  registered: 'Đăng ký',
  implementing: 'Bắt đầu thực hiện',
  reviewed: 'Ban Chấp hành xét',
  returned: 'Trả lại, yêu cầu bổ sung',
};

function labelOf(state: string): string {
  return (
    STEP_LABELS[state] ??
    STATUS_LABELS[state as ModelStatus] ??
    TIER_LABELS[state as ModelTier] ??
    EXTRA_LABELS[state] ??
    state
  );
}

/** Reads an execution's whole history: from the archive when closed, else from Step Functions. */
export async function executionHistory(executionArn: string): Promise<WorkflowEvent[]> {
  const archived = await historyArchive().get(executionArn);
  return archived ? archived.events.map(reviveDates) : workflows.history(executionArn);
}

function reviveDates(event: WorkflowEvent): WorkflowEvent {
  return { ...event, timestamp: new Date(event.timestamp as unknown as string) };
}

function parseJson(text: string | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

interface RecordPayload {
  readonly status?: string;
  readonly actor?: string;
  readonly at?: string;
  readonly assessment?: unknown;
  readonly review?: unknown;
  readonly withdrawal?: unknown;
  readonly returnRequest?: unknown;
  readonly awaiting?: string;
  /** A step named apart from the status it records (`completed`). */
  readonly step?: string;
  /** Tells apart the occurrences of a step that may come again (each return, each resubmission). */
  readonly occurrence?: string;
  /** Set on a continuation: the stage whose wait goes on in a new execution. */
  readonly continued?: string;
}

// The Pass states that are steps of the cycle.
const PASS_STATES: Readonly<Record<string, string>> = {
  Implementing: 'implementing',
  ReviewRefused: 'review_refused',
  ReviewOverdue: 'review_overdue',
};

/** Turns one execution's events into timeline items. */
export function itemsFromHistory(executionArn: string, events: readonly WorkflowEvent[]) {
  const items: Omit<TimelineItem, 'actorName' | 'atText'>[] = [];
  const seen = new Set<string>();
  for (const event of events) {
    const at = (event.timestamp ?? new Date(0)).toISOString();
    if (event.type === 'TaskScheduled') {
      const parameters = parseJson(event.taskScheduledEventDetails?.parameters) as
        | { Payload?: RecordPayload }
        | undefined;
      const payload = parameters?.Payload;
      const state =
        payload?.step ??
        payload?.status ??
        (payload?.awaiting ? `awaiting_${payload.awaiting}` : undefined) ??
        (payload?.continued ? 'continued' : undefined);
      // A retried task schedules the same step again; a step that comes again (a second return) differs by occurrence.
      const key = `${state}#${payload?.occurrence ?? ''}`;
      if (!state || seen.has(key)) continue;
      seen.add(key);
      const data = payload?.assessment ?? payload?.review ?? payload?.withdrawal ?? payload?.returnRequest;
      items.push({
        state,
        label: labelOf(state),
        at,
        actor: payload?.actor ?? 'system',
        ...(data !== undefined ? { data } : {}),
        source: 'workflow',
        executionArn,
        ...(event.id !== undefined ? { eventId: event.id } : {}),
      });
    } else if (event.type === 'PassStateEntered') {
      const name = event.stateEnteredEventDetails?.name;
      const state = PASS_STATES[name ?? ''];
      if (!state) continue;
      items.push({
        state,
        label: labelOf(state),
        at,
        actor: 'system',
        ...(state === 'review_refused' ? { data: parseJson(event.stateEnteredEventDetails?.input) } : {}),
        source: 'workflow',
        executionArn,
        ...(event.id !== undefined ? { eventId: event.id } : {}),
      });
    }
  }
  return items;
}

/** GET /api/models/{id}/history: inspectors, the Office, the committee and the model's own people. */
export async function modelTimeline(caller: Caller, modelId: string) {
  const { model } = await readableModel(caller, modelId);
  const histories = await Promise.all(model.executions.map((arn) => executionHistory(arn)));
  // One timeline across executions: a wait that continued in a new execution is the same wait.
  const waits = new Set<string>();
  const workflowItems = model.executions
    .flatMap((arn, index) => itemsFromHistory(arn, histories[index] ?? []))
    .filter((item) => {
      if (!item.state.startsWith('awaiting_')) return true;
      if (waits.has(item.state)) return false;
      waits.add(item.state);
      return true;
    });
  const audit = await modelRepository.listAudit(modelId);
  const auditItems = audit
    .filter(
      (entry) =>
        !['registered'].includes(entry.action) && !workflowItems.some((item) => item.state === entry.action),
    )
    .map((entry) => ({
      state: entry.action,
      label: labelOf(entry.action),
      at: entry.at,
      actor: entry.actor,
      ...(entry.changes || entry.note ? { data: { changes: entry.changes, note: entry.note } } : {}),
      source: 'audit' as const,
    }));
  const all = [...workflowItems, ...auditItems].sort(
    (a, b) => a.at.localeCompare(b.at) || cycleRank(a.state) - cycleRank(b.state),
  );
  const actorIds = [...new Set(all.map((item) => item.actor).filter((actor) => actor !== 'system'))];
  const people = await Promise.all(actorIds.map((id) => personRepository.get(id)));
  const names = new Map(actorIds.map((id, index) => [id, people[index]?.name ?? id]));
  return {
    modelId,
    status: model.status,
    ...(model.tier ? { tier: model.tier } : {}),
    executions: model.executions,
    // Inspectors also see which execution and event each step comes from.
    items: all.map(({ data, ...item }) => ({
      ...item,
      ...(data !== undefined && !CONCLUSIONS.has(item.state) ? { data } : {}),
      ...(EXPLANATIONS[item.state] ? { explanation: EXPLANATIONS[item.state] } : {}),
      atText: formatDateTime(new Date(item.at)),
      actorName: item.actor === 'system' ? 'Hệ thống' : (names.get(item.actor) ?? item.actor),
      ...(readsEverything(caller) ? {} : { executionArn: undefined, eventId: undefined }),
    })),
  };
}

/** Archives a closed execution's history, once (the archive is write-once on AWS). */
export async function archiveExecution(executionArn: string, status: string, now: Date): Promise<boolean> {
  const archive = historyArchive();
  if (await archive.get(executionArn)) return false;
  const events = await workflows.history(executionArn);
  const history: ArchivedHistory = { executionArn, status, archivedAt: now.toISOString(), events };
  await archive.put(history);
  return true;
}
