import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addLocalDays,
  annualReportDate,
  campaignRegistrationYearAt,
  dateInYear,
  endOfLocalDay,
  formatDate,
  formatDateTime,
  formatLocalDate,
  instantAt,
  isLocalDate,
  isRegistrationYear,
  isWithinWindow,
  lastDayBefore,
  localDateOf,
  registrationClosingDay,
  registrationWindow,
  reviewDueBefore,
  selfAssessmentDeadlineDay,
  selfAssessmentDueBefore,
  ZONE_RULES,
} from '../../../shared/domain/calendar.ts';
import { InvalidInputError } from '../../../shared/domain/errors.ts';
import { TIME_ZONE } from '../../../shared/domain/types.ts';
import { at, campaignWith, pathsOf, seedCampaign, thrownBy } from './fixtures.ts';

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

// Since mid-1975 the zone has been a fixed UTC+7 (before, partly UTC+8); the tests use that as an oracle
// (production code never does).
const SEVEN_HOURS = 7 * 3600 * 1000;

const localDates = fc
  .record({
    year: fc.integer({ min: 1978, max: 2199 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 31 }),
  })
  .filter(({ year, month, day }) => day <= new Date(Date.UTC(year, month, 0)).getUTCDate())
  .map(({ year, month, day }) => `${year}-${pad(month)}-${pad(day)}`);
const wallTimes = fc
  .record({
    h: fc.integer({ min: 0, max: 23 }),
    m: fc.integer({ min: 0, max: 59 }),
    s: fc.integer({ min: 0, max: 59 }),
  })
  .map(({ h, m, s }) => `${pad(h)}:${pad(m)}:${pad(s)}`);

describe('instantAt', () => {
  it('gives the instant of a wall time in Asia/Ho_Chi_Minh', () => {
    // Prepare / Act
    const midnight = instantAt('2016-10-01');
    const lastSecond = instantAt('2016-10-10', '23:59:59');

    // Assess
    expect(midnight.toISOString()).toBe('2016-09-30T17:00:00.000Z');
    expect(lastSecond.toISOString()).toBe('2016-10-10T16:59:59.000Z');
  });

  it('accepts 29 February in leap years only', () => {
    // Prepare / Act / Assess
    expect(instantAt('2020-02-29').toISOString()).toBe('2020-02-28T17:00:00.000Z');
    expect(instantAt('2000-02-29').toISOString()).toBe('2000-02-28T17:00:00.000Z');
    expect(thrownBy(() => instantAt('2019-02-29'))).toBeInstanceOf(InvalidInputError);
    expect(thrownBy(() => instantAt('2100-02-29'))).toBeInstanceOf(InvalidInputError);
  });

  it.each([
    ['2016-13-01'],
    ['2016-00-10'],
    ['2016-04-31'],
    ['2016-10-00'],
    ['16-10-01'],
    ['2016-10-1'],
    ['01/10/2016'],
    [''],
  ])('refuses the malformed date %j with a field', (date) => {
    // Act
    const error = thrownBy(() => instantAt(date));

    // Assess
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(pathsOf(error)).toEqual(['date']);
  });

  it.each([['24:00:00'], ['23:60:00'], ['23:59:60'], ['7:00:00'], ['07:00']])(
    'refuses the malformed time %j',
    (time) => {
      // Act
      const error = thrownBy(() => instantAt('2016-10-01', time));

      // Assess
      expect(error).toBeInstanceOf(InvalidInputError);
      expect(pathsOf(error)).toEqual(['time']);
    },
  );

  it('round-trips with localDateOf and formatDateTime for any date and time', () => {
    fc.assert(
      fc.property(localDates, wallTimes, (date, time) => {
        // Act
        const instant = instantAt(date, time);

        // Assess
        const [year, month, day] = date.split('-');
        expect(localDateOf(instant)).toBe(date);
        expect(formatDateTime(instant)).toBe(`${day}/${month}/${year} ${time}`);
        expect(new Date(instant.getTime() + SEVEN_HOURS).toISOString().slice(0, 19)).toBe(`${date}T${time}`);
      }),
    );
  });
});

describe('localDateOf and formatting', () => {
  it('uses the local day, not the UTC day, around local midnight', () => {
    // Prepare
    const lastUtcSecondBeforeLocalMidnight = new Date('2016-09-30T16:59:59Z');
    const localMidnight = new Date('2016-09-30T17:00:00Z');

    // Act / Assess
    expect(localDateOf(lastUtcSecondBeforeLocalMidnight)).toBe('2016-09-30');
    expect(localDateOf(localMidnight)).toBe('2016-10-01');
    expect(formatDate(localMidnight)).toBe('01/10/2016');
    expect(formatDateTime(lastUtcSecondBeforeLocalMidnight)).toBe('30/09/2016 23:59:59');
  });

  it('agrees with the fixed UTC+7 oracle for any instant since 1976', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1976-01-01T00:00:00Z'),
          max: new Date('2199-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        (instant) => {
          // Act
          const local = localDateOf(instant);

          // Assess
          expect(local).toBe(new Date(instant.getTime() + SEVEN_HOURS).toISOString().slice(0, 10));
          expect(instantAt(local).getTime()).toBeLessThanOrEqual(instant.getTime());
          expect(endOfLocalDay(local).getTime()).toBeGreaterThan(instant.getTime());
        },
      ),
    );
  });

  it('formats local dates as dd/mm/yyyy', () => {
    // Act / Assess
    expect(formatLocalDate('2020-02-29')).toBe('29/02/2020');
    expect(formatLocalDate('2016-10-10')).toBe('10/10/2016');
  });

  it('recognizes real local dates', () => {
    // Act / Assess
    expect(isLocalDate('2020-02-29')).toBe(true);
    expect(isLocalDate('2019-02-29')).toBe(false);
    expect(isLocalDate('2019-2-28')).toBe(false);
  });
});

describe("the zone's rules", () => {
  it('are the time zone database of timezone-support for Asia/Ho_Chi_Minh, line for line (github.com/prantlf/timezone-support)', async () => {
    // Prepare
    const { default: database } = await import('timezone-support/data');

    // Act
    const entry = database.zones.find((line) => line.startsWith(`${TIME_ZONE}|`));

    // Assess
    expect(ZONE_RULES.zones).toEqual([entry]);
    expect(ZONE_RULES.version).toBe(database.version);
  });

  it("give the wall clock Intl's own time zone data gives, at any instant from 1900 to 2199 (tc39.es/ecma402/#sec-datetimeformat-abstracts)", () => {
    // Prepare: ICU's zone data, which Node.js keeps current, as the oracle
    const icu = new Intl.DateTimeFormat('en-GB', {
      timeZone: TIME_ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1900-01-01T00:00:00Z'),
          max: new Date('2199-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        (instant) => {
          // Act
          const ours = formatDateTime(instant);

          // Assess
          expect(ours).toBe(icu.format(instant).replace(',', ''));
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('local day arithmetic', () => {
  it('crosses month, year and leap-day boundaries', () => {
    // Act / Assess
    expect(addLocalDays('2016-10-10', 1)).toBe('2016-10-11');
    expect(addLocalDays('2016-12-31', 1)).toBe('2017-01-01');
    expect(addLocalDays('2020-02-28', 1)).toBe('2020-02-29');
    expect(addLocalDays('2019-02-28', 1)).toBe('2019-03-01');
    expect(addLocalDays('2020-03-01', -30)).toBe('2020-01-31');
    expect(addLocalDays('2019-03-01', -30)).toBe('2019-01-30');
    expect(addLocalDays('2017-08-31', -30)).toBe('2017-08-01');
  });

  it('is reversible for any date and offset', () => {
    fc.assert(
      fc.property(localDates, fc.integer({ min: -800, max: 800 }), (date, days) => {
        // Act
        const there = addLocalDays(date, days);

        // Assess
        expect(addLocalDays(there, -days)).toBe(date);
        expect((instantAt(there).getTime() - instantAt(date).getTime()) / 86_400_000).toBe(days);
      }),
    );
  });

  it('ends a day at the next local midnight, and finds the day a bound ends', () => {
    // Act / Assess
    expect(endOfLocalDay('2016-10-10')).toEqual(at('11/10/2016 00:00:00'));
    expect(lastDayBefore(at('11/10/2016 00:00:00'))).toBe('2016-10-10');
    expect(lastDayBefore(at('11/10/2016 00:00:01'))).toBe('2016-10-11');
  });
});

describe('dateInYear', () => {
  it('places a month-day in a year, and 29 February on 28 February in common years', () => {
    // Act / Assess
    expect(dateInYear('10-01', 2016)).toBe('2016-10-01');
    expect(dateInYear('02-29', 2020)).toBe('2020-02-29');
    expect(dateInYear('02-29', 2000)).toBe('2000-02-29');
    expect(dateInYear('02-29', 2019)).toBe('2019-02-28');
    expect(dateInYear('02-29', 2100)).toBe('2100-02-28');
  });

  it.each([['13-01'], ['02-30'], ['04-31'], ['00-10'], ['1-10'], ['10/01']])('refuses %j', (monthDay) => {
    // Act
    const error = thrownBy(() => dateInYear(monthDay, 2016));

    // Assess
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(pathsOf(error)).toEqual(['calendar']);
  });
});

describe('registrationWindow', () => {
  it('opens on 01/10 at 00:00:00 and closes before 11/10 00:00:00, for every seed year', () => {
    for (const year of seedCampaign.registrationYears) {
      // Act
      const window = registrationWindow(seedCampaign, year);

      // Assess
      expect(window.opensAt).toEqual(at(`01/10/${year} 00:00:00`));
      expect(window.closesBefore).toEqual(at(`11/10/${year} 00:00:00`));
      expect(registrationClosingDay(seedCampaign, year)).toBe(`${year}-10-10`);
    }
  });

  it('wraps into the next year when the closing day comes before the opening day', () => {
    // Prepare
    const campaign = campaignWith({
      calendar: { ...seedCampaign.calendar, registrationOpens: '12-20', registrationCloses: '01-05' },
    });

    // Act
    const window = registrationWindow(campaign, 2016);

    // Assess
    expect(window.opensAt).toEqual(at('20/12/2016'));
    expect(window.closesBefore).toEqual(at('06/01/2017'));
  });
});

describe('isWithinWindow', () => {
  const window = registrationWindow(seedCampaign, 2016);

  it.each([
    ['30/09/2016 23:59:59', false],
    ['01/10/2016 00:00:00', true],
    ['05/10/2016 12:00:00', true],
    ['10/10/2016 23:59:59', true],
    ['11/10/2016 00:00:00', false],
    ['01/10/2017 00:00:00', false],
  ])('at %s is %s', (text, expected) => {
    // Act / Assess
    expect(isWithinWindow(window, at(text))).toBe(expected);
  });

  it('is exact to the millisecond at both bounds', () => {
    // Act / Assess
    expect(isWithinWindow(window, new Date(window.opensAt.getTime() - 1))).toBe(false);
    expect(isWithinWindow(window, new Date(window.closesBefore.getTime() - 1))).toBe(true);
  });
});

describe('self-assessment and review deadlines', () => {
  it('self-assessment is due before 01/09 of the next year', () => {
    // Act
    const dueBefore = selfAssessmentDueBefore(seedCampaign, 2016);

    // Assess
    expect(dueBefore).toEqual(at('01/09/2017 00:00:00'));
    expect(selfAssessmentDeadlineDay(seedCampaign, 2016)).toBe('2017-08-31');
    expect(at('31/08/2017 23:59:59').getTime()).toBeLessThan(dueBefore.getTime());
  });

  it('the self-assessment deadline of the 2019 models falls in the leap year 2020', () => {
    // Act / Assess
    expect(selfAssessmentDueBefore(seedCampaign, 2019)).toEqual(at('01/09/2020 00:00:00'));
  });

  it('a 29 February deadline ends on 29/02 in leap years and on 28/02 otherwise', () => {
    // Prepare
    const campaign = campaignWith({
      calendar: { ...seedCampaign.calendar, selfAssessmentDeadline: '02-29' },
    });

    // Act / Assess
    expect(selfAssessmentDueBefore(campaign, 2019)).toEqual(at('01/03/2020 00:00:00'));
    expect(selfAssessmentDueBefore(campaign, 2018)).toEqual(at('01/03/2019 00:00:00'));
    expect(selfAssessmentDeadlineDay(campaign, 2018)).toBe('2019-02-28');
  });

  it('review is due before 31/12 of the next year', () => {
    // Act / Assess
    expect(reviewDueBefore(seedCampaign, 2016)).toEqual(at('31/12/2017 00:00:00'));
    expect(reviewDueBefore(seedCampaign, 2019)).toEqual(at('31/12/2020 00:00:00'));
  });

  it('the annual report is on 30/12 of the given year', () => {
    // Act / Assess
    expect(annualReportDate(seedCampaign, 2018)).toBe('2018-12-30');
  });
});

describe('registration years', () => {
  it('knows the Octobers models are registered in', () => {
    // Act / Assess
    expect(
      [2015, 2016, 2017, 2018, 2019, 2020].map((year) => isRegistrationYear(seedCampaign, year)),
    ).toEqual([false, true, true, true, true, false]);
  });

  it.each([
    ['30/09/2016 23:59:59', undefined],
    ['01/10/2016 00:00:00', 2016],
    ['31/08/2017 23:59:59', 2016],
    ['30/09/2017 23:59:59', 2016],
    ['01/10/2017 00:00:00', 2017],
    ['30/12/2017 23:59:59', 2017],
    ['01/10/2019 00:00:00', 2019],
    ['30/12/2020 23:59:59', 2019],
    ['31/12/2020 00:00:00', undefined],
  ])('at %s the cycle is %s', (text, expected) => {
    // Act / Assess
    expect(campaignRegistrationYearAt(seedCampaign, at(text))).toBe(expected);
  });

  it('ignores the order the registration years are listed in', () => {
    // Prepare
    const campaign = campaignWith({ registrationYears: [2019, 2016, 2018, 2017] });

    // Act / Assess
    expect(campaignRegistrationYearAt(campaign, at('15/10/2018'))).toBe(2018);
  });
});
