// What is due for the signed-in person: the server's GET /api/tasks, and whether the caller may
// register now (the form's own check; the server also knows a cell's extension).
import { isWithinWindow, registrationWindow, registrationYearFor } from '../../shared/domain/calendar.ts';
import type { Model } from '../../shared/domain/model.ts';
import type { Task } from '../../shared/domain/tasks.ts';
import type { Campaign } from '../../shared/domain/types.ts';
import { api } from './api.ts';
import type { Me } from './session.ts';

export type { Task };

/** Whether `me` may register now (the normal window; the server also knows a cell's extension). */
export function registrationOpenFor(me: Me, campaign: Campaign, now: Date): number | undefined {
  if (campaign.status !== 'active') return undefined;
  if (!me.roles.includes('secretary') && !me.roles.includes('member')) return undefined;
  const year = registrationYearFor(campaign, now);
  return year !== undefined && isWithinWindow(registrationWindow(campaign, year), now) ? year : undefined;
}

/**
 * Until when a returned registration may be completed: the cell's window (its extension included)
 * as it stood when returned, never before the normal window's end; none when neither is known.
 */
export function completionDeadline(
  model: Pick<Model, 'year' | 'returnRequest'>,
  campaign: Campaign | undefined,
): Date | undefined {
  const normal = campaign ? registrationWindow(campaign, model.year).closesBefore.getTime() : Number.NaN;
  const then = model.returnRequest ? Date.parse(model.returnRequest.completeBefore) : Number.NaN;
  const known = [normal, then].filter((t) => !Number.isNaN(t));
  return known.length > 0 ? new Date(Math.max(...known)) : undefined;
}

/** The caller's open tasks, as the server works them out (GET /api/tasks). */
export async function openTasks(): Promise<Task[]> {
  return (await api<{ items: Task[] }>('/api/tasks')).items;
}
