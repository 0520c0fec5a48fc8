// The daily periodic review: plan the jobs due today for each
// active campaign, then run each once per campaign and date.
import { campaignRepository } from '../data/campaigns.ts';
import { type JobRun, jobLogRepository } from '../data/job-log.ts';
import { localDateOf } from '../domain/calendar.ts';
import { InvalidInputError } from '../domain/errors.ts';
import { type DueJob, jobsDue } from '../domain/periodic-jobs.ts';
import { workflows } from '../workflow/gateway.ts';
import { sweepIdentitySyncs } from './identity-outbox.ts';
import { jobKey, runJob } from './jobs.ts';
import { sweepMail } from './outbox.ts';

export interface PlanEvent {
  /** The schedule's occurrence, `<aws.scheduler.scheduled-time>`. */
  readonly scheduledTime: string;
}

/** The periodic review's execution name for a local day: one execution per day, whatever starts it. */
export function dailyReviewName(date: string): string {
  return `daily-review-${date}`;
}

/**
 * The schedule's start of the day's periodic review, named after the local
 * day of the occurrence. EventBridge Scheduler delivers at least once, and a
 * restart may repeat an occurrence: the name makes the repeat start nothing.
 */
export async function startDailyReview(
  event: PlanEvent,
): Promise<{ name: string; outcome: 'started' | 'exists' }> {
  const instant = new Date(event.scheduledTime);
  if (Number.isNaN(instant.getTime()))
    throw new InvalidInputError(`scheduledTime is not an instant: ${event.scheduledTime}`);
  const name = dailyReviewName(localDateOf(instant));
  const outcome = await workflows.startPeriodicReview(name, { scheduledTime: event.scheduledTime });
  return { name, outcome };
}

/**
 * The jobs due on the local date of the scheduled time, for every active
 * campaign. The day's plan also restarts the delivery of any email a crash
 * left recorded but never started (the outbox's sweep), and of any sign-in change left so, once a
 * day.
 */
export async function planJobs(
  event: PlanEvent,
): Promise<{ date: string; jobs: DueJob[]; mailRestarted: number; identityRestarted: number }> {
  const instant = new Date(event.scheduledTime);
  if (Number.isNaN(instant.getTime()))
    throw new InvalidInputError(`scheduledTime is not an instant: ${event.scheduledTime}`);
  const date = localDateOf(instant);
  const [campaigns, swept, identitySwept] = await Promise.all([
    campaignRepository.list(),
    sweepMail({ scheduledTime: event.scheduledTime }),
    sweepIdentitySyncs({ scheduledTime: event.scheduledTime }),
  ]);
  const active = campaigns.filter((campaign) => campaign.status === 'active');
  return {
    date,
    jobs: active.flatMap((campaign) => jobsDue(campaign, date)),
    mailRestarted: swept.restarted.length,
    identityRestarted: identitySwept.restarted.length,
  };
}

export type { JobRun } from '../data/job-log.ts';

/**
 * Runs one due job unless it already ran for this campaign and date: the job
 * log entry is claimed with a conditional put first, so a repeated schedule
 * or a re-started day sends nothing twice. A claim left `running` (the task
 * failed half-way) may be taken again: each email is recorded in the outbox
 * under its own key, so the retry sends only what was not sent.
 */
export async function runDueJob(job: DueJob): Promise<JobRun> {
  const key = jobKey(job);
  const claim: JobRun = { ...job, status: 'running', startedAt: new Date().toISOString() };
  if (!(await jobLogRepository.claim(claim, key)))
    return { ...claim, status: 'done', summary: { skipped: true } };
  const summary = await runJob(job);
  const finishedAt = new Date().toISOString();
  await jobLogRepository.finish(claim, key, finishedAt, summary);
  return { ...claim, status: 'done', finishedAt, summary };
}

/** The job log of a campaign, oldest first (one Query). */
export function jobLog(campaignId: string): Promise<JobRun[]> {
  return jobLogRepository.list(campaignId);
}
