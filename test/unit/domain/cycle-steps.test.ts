// The steps of a year's cycle, and which one is today's.
import { describe, expect, it } from 'vitest';
import { cycleSteps, cycleYearAt } from '../../../shared/domain/cycle-steps.ts';
import { at, seedCampaign } from './fixtures.ts';

describe('cycleSteps', () => {
  it('marks registration as the step of 03/10/2016, with its dates in words', () => {
    // Act
    const steps = cycleSteps(seedCampaign, 2016, at('03/10/2016 08:00:00'));

    // Assess
    expect(steps.map((step) => [step.key, step.state])).toEqual([
      ['registration', 'current'],
      ['implementing', 'next'],
      ['review', 'next'],
    ]);
    expect(steps[0]?.when).toBe('từ 01/10/2016 đến hết 10/10/2016');
    expect(steps[1]?.when).toBe('đến hết 31/08/2017');
  });

  it('moves on at the exact second a step ends', () => {
    expect(cycleSteps(seedCampaign, 2016, at('10/10/2016 23:59:59'))[0]?.state).toBe('current');
    expect(cycleSteps(seedCampaign, 2016, at('11/10/2016 00:00:00')).map((step) => step.state)).toEqual([
      'done',
      'current',
      'next',
    ]);
    expect(cycleSteps(seedCampaign, 2016, at('01/09/2017 00:00:00'))[2]?.state).toBe('current');
  });
});

describe('cycleYearAt', () => {
  it('follows the running cycle, and the next one before the first opens', () => {
    expect(cycleYearAt(seedCampaign, at('10/09/2017 08:00:00'))).toBe(2016);
    expect(cycleYearAt(seedCampaign, at('02/10/2017 08:00:00'))).toBe(2017);
    expect(cycleYearAt(seedCampaign, at('01/01/2016'))).toBe(2016);
  });
});
