// Dates as people type them (dd/mm/yyyy, dd/mm) and the year a registration form offers.
import { describe, expect, it } from 'vitest';
import {
  formatMonthDay,
  parseDisplayDate,
  parseDisplayMonthDay,
  registrationYearFor,
} from '../../../shared/domain/calendar.ts';
import { seedCampaign } from './fixtures.ts';

describe('parseDisplayDate', () => {
  it('reads dd/mm/yyyy as a local date', () => {
    expect(parseDisplayDate('31/10/2030')).toBe('2030-10-31');
    expect(parseDisplayDate(' 1/9/2017 ')).toBe('2017-09-01');
  });

  it('refuses days that are not on the calendar and other shapes', () => {
    for (const text of [
      '31/02/2030',
      '29/02/2031',
      '00/10/2030',
      '10/13/2030',
      '2030-10-31',
      '10/31/2030x',
      '',
    ]) {
      expect(parseDisplayDate(text), text).toBeUndefined();
    }
    expect(parseDisplayDate('29/02/2032')).toBe('2032-02-29');
  });
});

describe('parseDisplayMonthDay', () => {
  it('reads dd/mm as a month-day, any day some year has', () => {
    expect(parseDisplayMonthDay('01/10')).toBe('10-01');
    expect(parseDisplayMonthDay('29/02')).toBe('02-29');
    expect(parseDisplayMonthDay('31/04')).toBeUndefined();
    expect(parseDisplayMonthDay('10-01')).toBeUndefined();
  });

  it('writes a month-day back as dd/mm', () => {
    expect(formatMonthDay('10-01')).toBe('01/10');
  });
});

describe('registrationYearFor', () => {
  const campaign = seedCampaign;

  it('offers the year whose window is open', () => {
    expect(registrationYearFor(campaign, new Date('2016-10-03T08:00:00+07:00'))).toBe(2016);
  });

  it('offers the next year once a window has closed, not the closed one', () => {
    expect(registrationYearFor(campaign, new Date('2017-09-10T08:00:00+07:00'))).toBe(2017);
    expect(registrationYearFor(campaign, new Date('2016-10-11T00:00:00+07:00'))).toBe(2017);
  });

  it('offers the first year before the campaign and the last after it', () => {
    expect(registrationYearFor(campaign, new Date('2016-01-01T00:00:00+07:00'))).toBe(2016);
    expect(registrationYearFor(campaign, new Date('2021-01-01T00:00:00+07:00'))).toBe(2019);
  });
});
