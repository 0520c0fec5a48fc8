// What each periodic job does. Each returns a small summary for the job log.
// Every email goes through the outbox under a key of the job, its day and its
// recipient, so a job that runs again — a retried task, a re-started day —
// never sends the same email twice, and a crash never loses one.

import { campaignRepository } from '../data/campaigns.ts';
import { cellRepository } from '../data/cells.ts';
import { modelRepository } from '../data/models.ts';
import { personRepository } from '../data/people.ts';
import {
  dateInYear,
  instantAt,
  registrationClosingDay,
  reviewDeadlineDay,
  selfAssessmentDeadlineDay,
} from '../domain/calendar.ts';
import { cellCompliance } from '../domain/compliance.ts';
import { type DueJob, SELF_ASSESSMENT_REMINDER_DAYS } from '../domain/periodic-jobs.ts';
import { supervisorsOf } from '../domain/supervision.ts';
import type { Campaign, Cell, Person } from '../domain/types.ts';
import { ENV, requireEnv } from '../env.ts';
import { type JobMailContext, jobMail } from '../mail/job-templates.ts';
import { addressTo, type MailContent } from '../mail/templates.ts';
import { recipientOf } from './notify.ts';
import { enqueueMail } from './outbox.ts';
import { computeReport } from './reports.ts';

/** A job's identity within its day: the same job may run for two years on one day (annual reports). */
export function jobKey(job: Pick<DueJob, 'job' | 'year' | 'phaseId'>): string {
  return `${job.job}#${job.year}${job.phaseId ? `#${job.phaseId}` : ''}`;
}

interface Organization {
  readonly cells: readonly Cell[];
  readonly people: readonly Person[];
}

async function organization(): Promise<Organization> {
  const cells = await cellRepository.list();
  const people = (await Promise.all(cells.map((cell) => personRepository.listByCell(cell.id)))).flat();
  return { cells, people };
}

function secretariesOf(org: Organization, cell: Cell): Person[] {
  return org.people.filter(
    (person) =>
      person.id === cell.secretaryId || (person.cellId === cell.id && person.roles.includes('secretary')),
  );
}

/** The committee members who follow a cell, greeted as such in its reminders. */
function supervisorsOfCell(org: Organization, cell: Cell): Person[] {
  return supervisorsOf(org.people, cell.id);
}

/** The title a cell's reminder greets a person by: its secretary, or a committee member who follows it. */
function cellReminderTitle(org: Organization, cell: Cell | undefined) {
  return (person: Person): string | undefined => {
    if (!cell) return undefined;
    if (secretariesOf(org, cell).some((secretary) => secretary.id === person.id))
      return `Bí thư ${cell.name}`;
    return supervisorsOf([person], cell.id).length > 0 ? `Ủy viên BCH theo dõi ${cell.name}` : undefined;
  };
}

/** The Party Committee's readers of lists and reports: its members and the Office. */
function leaders(org: Organization): Person[] {
  return org.people.filter((person) => person.roles.includes('committee') || person.roles.includes('office'));
}

// The committee members and the Office staff read lists and reports as such.
function leaderTitle(person: Person): string | undefined {
  if (person.roles.includes('committee')) return 'Ủy viên Ban Chấp hành Đảng bộ';
  if (person.roles.includes('office')) return 'Văn phòng Đảng ủy';
  return undefined;
}

class Mailer {
  sent = 0;
  skipped = 0;
  constructor(
    private readonly job: DueJob,
    private readonly at: string,
  ) {}

  /** Records one message per person of `group` unless this job already did (the outbox key says). */
  async once(
    group: string,
    people: readonly Person[],
    content: MailContent,
    title: (person: Person) => string | undefined = () => undefined,
  ): Promise<void> {
    const unique = [...new Map(people.map((person) => [person.id, person])).values()];
    for (const person of unique) {
      const { created } = await enqueueMail(
        {
          key: `job#${this.job.campaignId}#${this.job.date}#${jobKey(this.job)}#${group}#${person.id}`,
          mail: addressTo(recipientOf(person, title(person)), content),
          about: { campaignId: this.job.campaignId, job: this.job.job },
        },
        this.at,
      );
      if (created) this.sent += 1;
      else this.skipped += 1;
    }
  }
}

function compliances(
  campaign: Campaign,
  cells: readonly Cell[],
  models: Awaited<ReturnType<typeof modelRepository.listByYear>>,
) {
  return cells.map((cell) => ({
    cell,
    compliance: cellCompliance(
      models.filter((model) => model.cellId === cell.id),
      campaign.minimumPerCell,
    ),
  }));
}

/** Runs one job's work; called at most once per campaign, date and job (per-recipient claims beside). */
export async function runJob(job: DueJob): Promise<Record<string, unknown>> {
  const campaign = await campaignRepository.get(job.campaignId);
  if (!campaign) return { job: job.job, year: job.year, skipped: 'campaign not found' };
  const context: JobMailContext = { webUrl: requireEnv(ENV.webUrl), campaign, year: job.year };
  const org = await organization();
  // A job runs the morning after the day its report is about: the report counts up to the end of that
  // day (the first instant of the job's day, exclusive), whatever the hour the job runs.
  const asOf = instantAt(job.date);
  const mailer = new Mailer(job, asOf.toISOString());
  const summary: Record<string, unknown> = {
    job: job.job,
    year: job.year,
    ...(job.phaseId ? { phaseId: job.phaseId } : {}),
  };

  switch (job.job) {
    case 'window-opening': {
      const window = {
        opens: dateInYear(campaign.calendar.registrationOpens, job.year),
        closes: registrationClosingDay(campaign, job.year),
      };
      for (const cell of org.cells) {
        await mailer.once(
          `cell#${cell.id}`,
          secretariesOf(org, cell),
          jobMail.windowOpening(context, cell.name, window),
          () => `Bí thư ${cell.name}`,
        );
      }
      summary.cells = org.cells.length;
      break;
    }
    case 'registration-reminder': {
      const models = await modelRepository.listByYear(campaign.id, job.year);
      const missing = compliances(campaign, org.cells, models).filter(
        ({ compliance }) => !compliance.registrationCompliant,
      );
      for (const { cell, compliance } of missing) {
        await mailer.once(
          `cell#${cell.id}`,
          [...secretariesOf(org, cell), ...supervisorsOfCell(org, cell)],
          jobMail.registrationReminder(
            context,
            cell.name,
            compliance,
            registrationClosingDay(campaign, job.year),
          ),
          cellReminderTitle(org, cell),
        );
      }
      summary.reminded = missing.map(({ cell }) => cell.id);
      break;
    }
    case 'registration-list': {
      const report = await computeReport(
        'registration-list',
        { campaignId: campaign.id, year: job.year },
        asOf,
      );
      await mailer.once('leaders', leaders(org), jobMail.registrationList(context, report), leaderTitle);
      summary.models = report.totals.total;
      summary.flagged = [...new Set(report.flagged.map((flag) => flag.cellId))];
      break;
    }
    case 'self-assessment-reminder-30':
    case 'self-assessment-reminder-7': {
      const daysLeft =
        (job.job === 'self-assessment-reminder-30'
          ? SELF_ASSESSMENT_REMINDER_DAYS[0]
          : SELF_ASSESSMENT_REMINDER_DAYS[1]) + 1;
      const lastDay = selfAssessmentDeadlineDay(campaign, job.year);
      const models = (await modelRepository.listByYear(campaign.id, job.year)).filter(
        (model) => model.status === 'registered' || model.status === 'implementing',
      );
      for (const model of models) {
        const cell = org.cells.find((candidate) => candidate.id === model.cellId);
        const responsible =
          model.kind === 'individual'
            ? org.people.filter((person) => person.id === model.personId)
            : cell
              ? secretariesOf(org, cell)
              : [];
        await mailer.once(
          `model#${model.id}`,
          [...responsible, ...(cell ? supervisorsOfCell(org, cell) : [])],
          jobMail.selfAssessmentReminder(context, model, cell?.name ?? model.cellId, lastDay, daysLeft),
          (person) => (responsible.includes(person) ? undefined : cellReminderTitle(org, cell)(person)),
        );
      }
      summary.reminded = models.length;
      break;
    }
    case 'recognition-compliance': {
      const models = await modelRepository.listByYear(campaign.id, job.year);
      const lines = compliances(campaign, org.cells, models);
      await mailer.once(
        'leaders',
        leaders(org),
        jobMail.recognitionCompliance(
          context,
          lines.map(({ cell, compliance }) => ({ cellName: cell.name, compliance })),
        ),
        leaderTitle,
      );
      for (const { cell, compliance } of lines.filter(({ compliance }) => !compliance.compliant)) {
        await mailer.once(
          `cell#${cell.id}`,
          secretariesOf(org, cell),
          jobMail.recognitionCompliance(context, [{ cellName: cell.name, compliance }]),
          () => `Bí thư ${cell.name}`,
        );
      }
      summary.nonCompliant = lines
        .filter(({ compliance }) => !compliance.compliant)
        .map(({ cell }) => cell.id);
      break;
    }
    case 'review-digest': {
      // One email per supervisor listing their cells' models still awaiting review; the outbox key
      // holds the job's day, so each Monday's digest goes out once whatever reruns.
      const awaiting = (await modelRepository.listByYear(campaign.id, job.year)).filter(
        (model) => model.status === 'self_assessed' || model.status === 'reviewed',
      );
      const cellName = new Map(org.cells.map((cell) => [cell.id, cell.name]));
      const supervisors = org.people.filter((person) =>
        awaiting.some((model) => supervisorsOf([person], model.cellId).length > 0),
      );
      for (const supervisor of supervisors) {
        const theirs = awaiting
          .filter((model) => supervisorsOf([supervisor], model.cellId).length > 0)
          .map((model) => ({ ...model, cellName: cellName.get(model.cellId) ?? model.cellId }))
          .sort((a, b) => a.cellName.localeCompare(b.cellName, 'vi') || a.title.localeCompare(b.title, 'vi'));
        await mailer.once(
          'supervisor',
          [supervisor],
          jobMail.reviewDigest(context, theirs, reviewDeadlineDay(campaign, job.year)),
          () => 'Ủy viên Ban Chấp hành Đảng bộ',
        );
      }
      summary.supervisors = supervisors.map((person) => person.id);
      summary.awaiting = awaiting.length;
      break;
    }
    case 'annual-report': {
      const report = await computeReport('annual', { campaignId: campaign.id, year: job.year }, asOf);
      await mailer.once('leaders', leaders(org), jobMail.annualReport(context, report), leaderTitle);
      summary.totals = { total: report.totals.total, recognized: report.totals.recognized };
      break;
    }
    case 'phase-review-reminder':
    case 'phase-report': {
      const phase = campaign.phases.find((candidate) => candidate.id === job.phaseId);
      if (!phase) {
        summary.skipped = 'phase not found';
        break;
      }
      if (job.job === 'phase-review-reminder') {
        const secretaries = org.cells.flatMap((cell) => secretariesOf(org, cell));
        const cellOf = new Map(org.cells.map((cell) => [cell.id, cell.name]));
        await mailer.once(
          'leaders',
          [...leaders(org), ...secretaries],
          jobMail.phaseReviewReminder(context, phase),
          (person) =>
            leaderTitle(person) ??
            (secretaries.includes(person) ? `Bí thư ${cellOf.get(person.cellId) ?? ''}`.trim() : undefined),
        );
      } else {
        const report = await computeReport('phase', { campaignId: campaign.id, phaseId: phase.id }, asOf);
        await mailer.once('leaders', leaders(org), jobMail.phaseReport(context, phase, report), leaderTitle);
        summary.totals = { total: report.totals.total, recognized: report.totals.recognized };
      }
      break;
    }
  }
  return { ...summary, mailsSent: mailer.sent, mailsAlreadySent: mailer.skipped };
}
