// The daily periodic review (issue #6): plan the jobs due today for each
// active campaign, then run each once per campaign and date.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDocumentClient } from '../aws/dynamodb.ts';
import { dynamoCampaigns, queryAll, tableName } from '../data/dynamo-repositories.ts';
import { keys } from '../data/keys.ts';
import { localDateOf } from '../domain/calendar.ts';
import { InvalidInputError } from '../domain/errors.ts';
import { type DueJob, jobsDue } from '../domain/periodic-jobs.ts';
import { jobKey, runJob } from './jobs.ts';

export interface PlanEvent {
  /** The schedule's occurrence, `<aws.scheduler.scheduled-time>`. */
  readonly scheduledTime: string;
}

/** The jobs due on the local date of the scheduled time, for every active campaign. */
export async function planJobs(event: PlanEvent): Promise<{ date: string; jobs: DueJob[] }> {
  const instant = new Date(event.scheduledTime);
  if (Number.isNaN(instant.getTime()))
    throw new InvalidInputError(`scheduledTime is not an instant: ${event.scheduledTime}`);
  const date = localDateOf(instant);
  const campaigns = (await dynamoCampaigns.list()).filter((campaign) => campaign.status === 'active');
  return { date, jobs: campaigns.flatMap((campaign) => jobsDue(campaign, date)) };
}

/** A job's record in the job log. */
export interface JobRun extends DueJob {
  readonly status: 'running' | 'done';
  readonly startedAt: string;
  readonly finishedAt?: string;
  readonly summary?: Readonly<Record<string, unknown>>;
}

/**
 * Runs one due job unless it already ran for this campaign and date: the job
 * log entry is claimed with a conditional put first, so a repeated schedule
 * or a re-started day sends nothing twice. A claim left `running` (the task
 * failed half-way) may be taken again: each email is claimed on its own too
 * (shared/services/jobs.ts), so the retry sends only what was not sent.
 */
export async function runDueJob(job: DueJob): Promise<JobRun> {
  const key = keys.jobRun(job.campaignId, job.date, jobKey(job));
  const startedAt = new Date().toISOString();
  const claim: JobRun = { ...job, status: 'running', startedAt };
  try {
    await dynamoDocumentClient().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...claim, ...key, entity: 'job-run' },
        ConditionExpression: 'attribute_not_exists(pk) OR #status = :running',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':running': 'running' },
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException)
      return { ...claim, status: 'done', summary: { skipped: true } };
    throw error;
  }
  const summary = await runJob(job);
  const finishedAt = new Date().toISOString();
  await dynamoDocumentClient().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: key,
      UpdateExpression: 'SET #status = :done, finishedAt = :at, summary = :summary',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':done': 'done', ':at': finishedAt, ':summary': summary },
    }),
  );
  return { ...claim, status: 'done', finishedAt, summary };
}

/** The job log of a campaign, oldest first (one Query). */
export function jobLog(campaignId: string): Promise<JobRun[]> {
  return queryAll<JobRun>({
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.jobRun(campaignId, '', '').pk },
  });
}
