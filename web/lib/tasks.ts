// What is due for the signed-in person. Until the API has GET /api/tasks this is worked out here,
// from the calendar and the models the page already read, in that route's shape (`kind`, `title`,
// `dueAt`, `link`, `modelId` or `cellId`); when the route lands, `openTasks` becomes one call to it.
import { isWithinWindow, registrationWindow, registrationYearFor } from '../../shared/domain/calendar.ts';
import type { Model } from '../../shared/domain/model.ts';
import type { Campaign } from '../../shared/domain/types.ts';
import type { Me } from './session.ts';

export interface Task {
  readonly kind: 'register' | 'self_assessment' | 'review';
  readonly title: string;
  /** The first instant that is too late. */
  readonly dueAt: string;
  readonly link: string;
  readonly modelId?: string;
  readonly cellId?: string;
}

interface TaskInput {
  readonly me: Me;
  readonly campaign: Campaign;
  readonly now: Date;
  /** The models of the registration year the page shows, as the caller may read them. */
  readonly models: readonly Pick<
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
    | 'selfAssessmentDueBefore'
    | 'reviewDueBefore'
  >[];
}

/** Whether `me` may register now (the normal window; the server also knows a cell's extension). */
export function registrationOpenFor(me: Me, campaign: Campaign, now: Date): number | undefined {
  if (campaign.status !== 'active') return undefined;
  if (!me.roles.includes('secretary') && !me.roles.includes('member')) return undefined;
  const year = registrationYearFor(campaign, now);
  return year !== undefined && isWithinWindow(registrationWindow(campaign, year), now) ? year : undefined;
}

/** The caller's open tasks, soonest first. */
export function openTasks({ me, campaign, now, models }: TaskInput): Task[] {
  const tasks: Task[] = [];
  const secretary = me.roles.includes('secretary');
  const year = registrationOpenFor(me, campaign, now);
  if (year !== undefined) {
    const ofYear = models.filter((model) => model.year === year && model.status !== 'withdrawn');
    const closesBefore = registrationWindow(campaign, year).closesBefore.toISOString();
    const ownCell = ofYear.filter((model) => model.cellId === me.cellId);
    if (
      secretary &&
      ownCell.filter((m) => m.kind === 'collective').length < campaign.minimumPerCell.collective
    ) {
      tasks.push({
        kind: 'register',
        title: `Đăng ký mô hình tập thể năm ${year} của chi bộ`,
        dueAt: closesBefore,
        link: '/register.html',
        cellId: me.cellId,
      });
    }
    if (
      secretary &&
      ownCell.filter((m) => m.kind === 'individual').length < campaign.minimumPerCell.individual
    ) {
      tasks.push({
        kind: 'register',
        title: `Đăng ký mô hình cá nhân năm ${year} của chi bộ`,
        dueAt: closesBefore,
        link: '/register.html',
        cellId: me.cellId,
      });
    } else if (!secretary && !ofYear.some((m) => m.kind === 'individual' && m.personId === me.personId)) {
      tasks.push({
        kind: 'register',
        title: `Đăng ký mô hình cá nhân năm ${year} của bạn`,
        dueAt: closesBefore,
        link: '/register.html',
      });
    }
  }
  for (const model of models) {
    const own = model.personId === me.personId || model.registeredBy === me.personId;
    const link = `/model.html?id=${encodeURIComponent(model.id)}`;
    const mayAssess =
      (model.kind === 'individual' && model.personId === me.personId) ||
      (secretary && model.cellId === me.cellId);
    if (
      model.awaiting === 'self_assessment' &&
      mayAssess &&
      now.getTime() < Date.parse(model.selfAssessmentDueBefore)
    ) {
      tasks.push({
        kind: 'self_assessment',
        title: `Tự đánh giá mô hình “${model.title}”`,
        dueAt: model.selfAssessmentDueBefore,
        link,
        modelId: model.id,
      });
    }
    const abstains = model.kind === 'collective' && model.cellId === me.cellId;
    if (model.awaiting === 'review' && me.roles.includes('committee') && !own && !abstains) {
      tasks.push({
        kind: 'review',
        title: `Xét, công nhận mô hình “${model.title}”`,
        dueAt: model.reviewDueBefore,
        link,
        modelId: model.id,
      });
    }
  }
  return tasks.sort((a, b) => a.dueAt.localeCompare(b.dueAt));
}
