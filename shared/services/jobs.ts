// What each periodic job does. Each returns a small summary for the job log.
import type { DueJob } from '../domain/periodic-jobs.ts';

/** Runs one job's work; called at most once per campaign, date and job. */
export async function runJob(job: DueJob): Promise<Record<string, unknown>> {
  switch (job.job) {
    default:
      return { job: job.job, year: job.year };
  }
}
