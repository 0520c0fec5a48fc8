// The periodic review's job log: one item per campaign, date and job, claimed before the job runs.
import type { DueJob } from '../domain/periodic-jobs.ts';
import { keys } from './keys.ts';
import { putItem, queryPartition, updateItem } from './table.ts';

/** A job's record in the job log. */
export interface JobRun extends DueJob {
  readonly status: 'running' | 'done';
  readonly startedAt: string;
  readonly finishedAt?: string;
  readonly summary?: Readonly<Record<string, unknown>>;
}

/** The job log. */
export const jobLogRepository = {
  /** Claims a job's run unless it ran already; a claim left `running` (a failed task) may be taken again. */
  claim: (run: JobRun, jobKey: string) =>
    putItem(
      { ...run, ...keys.jobRun(run.campaignId, run.date, jobKey), entity: 'job-run' },
      {
        expression: 'attribute_not_exists(pk) OR #status = :running',
        names: { '#status': 'status' },
        values: { ':running': 'running' },
      },
    ),
  async finish(
    run: JobRun,
    jobKey: string,
    finishedAt: string,
    summary: Record<string, unknown>,
  ): Promise<void> {
    await updateItem(keys.jobRun(run.campaignId, run.date, jobKey), {
      set: { status: 'done', finishedAt, summary },
    });
  },
  /** A campaign's job log, oldest first (one Query). */
  list: (campaignId: string) => queryPartition<JobRun>(keys.jobRun(campaignId, '', '').pk),
};
