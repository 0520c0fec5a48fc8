import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addLocalDays } from '../../../shared/domain/calendar.ts';
import { InvalidInputError } from '../../../shared/domain/errors.ts';
import { type DueJob, JOB_NAMES, jobsDue } from '../../../shared/domain/periodic-jobs.ts';
import type { Campaign } from '../../../shared/domain/types.ts';
import { campaignWith, pathsOf, seedCampaign, thrownBy } from './fixtures.ts';

/** Every job of a campaign between two dates, day by day, as compact strings. */
function jobsBetween(campaign: Campaign, from: string, to: string): string[] {
  const lines: string[] = [];
  for (let date = from; date <= to; date = addLocalDays(date, 1)) {
    for (const job of jobsDue(campaign, date)) {
      lines.push(`${job.date} ${job.job} ${job.year}${job.phaseId ? ` ${job.phaseId}` : ''}`);
    }
  }
  return lines;
}

describe('jobsDue over the whole seed campaign', () => {
  it('derives exactly the expected days, from 2015 to 2022', () => {
    // Prepare
    const expected = [
      '2016-10-01 window-opening 2016',
      '2016-10-08 registration-reminder 2016',
      '2016-10-11 registration-list 2016',
      '2016-12-31 annual-report 2016',
      '2017-08-01 self-assessment-reminder-30 2016',
      '2017-08-24 self-assessment-reminder-7 2016',
      '2017-10-01 window-opening 2017',
      '2017-10-08 registration-reminder 2017',
      '2017-10-11 registration-list 2017',
      '2017-12-31 recognition-compliance 2016',
      '2017-12-31 annual-report 2016',
      '2017-12-31 annual-report 2017',
      '2018-08-01 self-assessment-reminder-30 2017',
      '2018-08-24 self-assessment-reminder-7 2017',
      '2018-08-31 phase-review-reminder 2017 dot-1',

      '2018-10-01 window-opening 2018',
      '2018-10-01 phase-report 2017 dot-1',
      '2018-10-08 registration-reminder 2018',
      '2018-10-11 registration-list 2018',
      '2018-12-31 recognition-compliance 2017',
      '2018-12-31 annual-report 2017',
      '2018-12-31 annual-report 2018',
      '2019-08-01 self-assessment-reminder-30 2018',
      '2019-08-24 self-assessment-reminder-7 2018',
      '2019-10-01 window-opening 2019',
      '2019-10-08 registration-reminder 2019',
      '2019-10-11 registration-list 2019',
      '2019-12-31 recognition-compliance 2018',
      '2019-12-31 annual-report 2018',
      '2019-12-31 annual-report 2019',
      '2020-08-01 self-assessment-reminder-30 2019',
      '2020-08-01 phase-review-reminder 2019 dot-2',
      '2020-08-24 self-assessment-reminder-7 2019',
      '2020-09-01 phase-report 2019 dot-2',
      '2020-12-31 recognition-compliance 2019',
      '2020-12-31 annual-report 2019',
    ];

    // Act
    const actual = jobsBetween(seedCampaign, '2015-01-01', '2022-12-31').filter(
      (line) => !line.includes('review-digest'),
    );

    // Assess
    expect(actual).toEqual(expected);
  });

  it('fills in the campaign id and the date asked for', () => {
    // Act
    const [job] = jobsDue(seedCampaign, '2016-10-01');

    // Assess
    expect(job).toEqual<DueJob>({
      job: 'window-opening',
      campaignId: 'dvk-2016-2020',
      date: '2016-10-01',
      year: 2016,
    });
  });

  it('gives nothing on an ordinary day', () => {
    // Act / Assess
    expect(jobsDue(seedCampaign, '2017-03-15')).toEqual([]);
    expect(jobsDue(seedCampaign, '2016-10-10')).toEqual([]);
  });
});

describe('the supervisors’ weekly review digest', () => {
  it('goes out each Monday of the review period, from 01/09 to the end of 30/12', () => {
    // Act
    const lines = jobsBetween(seedCampaign, '2017-08-01', '2018-01-31').filter((line) =>
      line.includes('review-digest'),
    );

    // Assess
    expect(lines[0]).toBe('2017-09-04 review-digest 2016');
    expect(lines.at(-1)).toBe('2017-12-25 review-digest 2016');
    expect(lines).toHaveLength(17);
    for (const line of lines) expect(new Date(`${line.slice(0, 10)}T00:00:00Z`).getUTCDay()).toBe(1);
  });
});

describe('jobsDue rules', () => {
  it.each([['draft' as const], ['closed' as const]])('gives nothing for a %s campaign', (status) => {
    // Prepare
    const campaign = campaignWith({ status });

    // Act / Assess
    expect(jobsBetween(campaign, '2016-01-01', '2021-12-31')).toEqual([]);
  });

  it('counts the reminder days back from a leap-year deadline', () => {
    // Prepare
    const campaign = campaignWith({
      calendar: { ...seedCampaign.calendar, selfAssessmentDeadline: '03-01' },
    });

    // Act
    const leap = jobsBetween(campaign, '2020-01-01', '2020-03-01').filter((line) =>
      line.includes('self-assessment'),
    );
    const common = jobsBetween(campaign, '2019-01-01', '2019-03-01').filter((line) =>
      line.includes('self-assessment'),
    );

    // Assess
    expect(leap).toEqual([
      '2020-01-31 self-assessment-reminder-30 2019',
      '2020-02-23 self-assessment-reminder-7 2019',
    ]);
    expect(common).toEqual([
      '2019-01-30 self-assessment-reminder-30 2018',
      '2019-02-22 self-assessment-reminder-7 2018',
    ]);
  });

  it('follows a configured 29 February deadline onto 28 February in common years', () => {
    // Prepare
    const campaign = campaignWith({ calendar: { ...seedCampaign.calendar, reviewDeadline: '02-29' } });

    // Act
    const lines = jobsBetween(campaign, '2017-01-01', '2021-12-31').filter((line) =>
      line.includes('recognition'),
    );

    // Assess
    expect(lines).toEqual([
      '2017-03-01 recognition-compliance 2016',
      '2018-03-01 recognition-compliance 2017',
      '2019-03-01 recognition-compliance 2018',
      '2020-03-01 recognition-compliance 2019',
    ]);
  });

  it('only reports annually inside the campaign period', () => {
    // Prepare: a period that ends before the last registration year's reviews are in
    const campaign = campaignWith({ period: { from: '2016-10-01', to: '2019-10-31' } });

    // Act
    const lines = jobsBetween(campaign, '2016-01-01', '2021-12-31').filter((line) =>
      line.includes('annual-report'),
    );

    // Assess
    expect(lines.at(-1)).toBe('2019-12-31 annual-report 2019');
  });

  it('refuses a malformed date (400, date)', () => {
    // Act
    const error = thrownBy(() => jobsDue(seedCampaign, '2016-02-30'));

    // Assess
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(pathsOf(error)).toEqual(['date']);
  });

  it('is deterministic and ordered by job name, then year, for any date', () => {
    const dates = fc.integer({ min: 0, max: 365 * 6 }).map((offset) => addLocalDays('2015-06-01', offset));
    fc.assert(
      fc.property(dates, (date) => {
        // Act
        const first = jobsDue(seedCampaign, date);
        const second = jobsDue(seedCampaign, date);

        // Assess
        expect(second).toEqual(first);
        const keys = first.map((job) => JOB_NAMES.indexOf(job.job) * 10_000 + job.year);
        expect(keys).toEqual([...keys].sort((a, b) => a - b));
        for (const job of first) {
          expect(job.date).toBe(date);
          expect(seedCampaign.registrationYears).toContain(job.year);
        }
      }),
    );
  });
});
