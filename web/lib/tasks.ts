// What is due for the signed-in person: the server's GET /api/tasks, and whether the caller may
// register now (the form's own check; the server also knows a cell's extension).
import { isWithinWindow, registrationWindow, registrationYearFor } from '../../shared/domain/calendar.ts';
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

/** The caller's open tasks, as the server works them out (GET /api/tasks). */
export async function openTasks(): Promise<Task[]> {
  return (await api<{ items: Task[] }>('/api/tasks')).items;
}
