import { describe, expect, it } from 'vitest';
import { seedCampaign } from '../../../infra/local/seed.ts';
import {
  buildCampaign,
  type CampaignInput,
  defaultRegistrationYears,
  nextCampaignTemplate,
} from '../../../shared/domain/campaign-config.ts';
import { InvalidInputError } from '../../../shared/domain/errors.ts';

function issuesOf(input: CampaignInput): string[] {
  try {
    buildCampaign(input);
  } catch (error) {
    if (error instanceof InvalidInputError) return error.fields.map((field) => field.path);
    throw error;
  }
  return [];
}

describe('campaign configuration', () => {
  it('accepts the seed campaign as it is and derives its registration years 2016–2019', () => {
    // Prepare
    const seed = seedCampaign();
    const { registrationYears: _years, ...withoutYears } = seed;
    // Act
    const built = buildCampaign(withoutYears);
    // Assess
    expect(built).toEqual(seed);
    expect(defaultRegistrationYears(seed.period, seed.calendar)).toEqual([2016, 2017, 2018, 2019]);
  });

  it('prepares the 2026–2030 campaign from the last one, valid as it stands', () => {
    // Act
    const built = buildCampaign(nextCampaignTemplate(2026, seedCampaign()));
    // Assess
    expect(built.id).toBe('dvk-2026-2030');
    expect(built.registrationYears).toEqual([2026, 2027, 2028, 2029]);
    expect(built.phases.map((phase) => phase.reviewDeadline)).toEqual(['2028-09-30', '2030-08-31']);
  });

  it('defaults the minimum per cell to one collective and one individual', () => {
    // Prepare
    const { minimumPerCell: _minimum, ...input } = seedCampaign();
    // Act
    const built = buildCampaign(input);
    // Assess
    expect(built.minimumPerCell).toEqual({ collective: 1, individual: 1 });
  });

  it('names every inconsistent field at once', () => {
    // Prepare
    const seed = seedCampaign();
    // Act
    const paths = issuesOf({
      ...seed,
      period: { from: '2016-10-01', to: '2016-09-01' },
      quorum: { numerator: 0, denominator: 3 },
      majority: { numerator: 2, denominator: 2 },
      areas: [...seed.areas, { id: 4, name: 'Thêm', subFields: [] }],
      criteria: ['  '],
      minimumPerCell: { collective: 0, individual: 0 },
    });
    // Assess
    expect(paths).toEqual(
      expect.arrayContaining([
        'period.to',
        'quorum.numerator',
        'majority.numerator',
        'areas.3.id',
        'criteria',
        'minimumPerCell',
      ]),
    );
  });

  it('refuses a self-assessment deadline before the window closes, and a review before self-assessment', () => {
    // Prepare
    const seed = seedCampaign();
    // Act
    // A window closing on 30/09 wraps into the next year, past the 31/08 self-assessment deadline.
    const early = issuesOf({ ...seed, calendar: { ...seed.calendar, registrationCloses: '09-30' } });
    const review = issuesOf({ ...seed, calendar: { ...seed.calendar, reviewDeadline: '06-30' } });
    const nextYear = issuesOf({ ...seed, calendar: { ...seed.calendar, selfAssessmentDeadline: '10-05' } });
    const monthDay = issuesOf({ ...seed, calendar: { ...seed.calendar, annualReport: '13-01' } });
    // Assess
    expect(early).toContain('calendar.selfAssessmentDeadline');
    expect(review).toContain('calendar.reviewDeadline');
    expect(monthDay).toEqual(['calendar.annualReport']);
    expect(nextYear).toEqual([]);
  });

  it('refuses registration years outside the period and phases out of order or out of bounds', () => {
    // Prepare
    const seed = seedCampaign();
    const [first, second] = seed.phases;
    if (!first || !second) throw new Error('seed has two phases');
    // Act
    const years = issuesOf({ ...seed, registrationYears: [2015, 2016, 2016] });
    const phases = issuesOf({
      ...seed,
      phases: [
        { ...second, review: 'final' },
        { ...first, id: second.id, to: '2021-01-01', reviewDeadline: '2016-09-01' },
      ],
    });
    // Assess
    expect(years).toEqual(['registrationYears', 'registrationYears.0']);
    expect(phases).toEqual(
      expect.arrayContaining(['phases.0.review', 'phases.1.id', 'phases.1.from', 'phases.1.reviewDeadline']),
    );
  });
});
