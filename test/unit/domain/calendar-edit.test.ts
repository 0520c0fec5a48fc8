import { describe, expect, it } from 'vitest';
import { seedCampaign } from '../../../infra/local/seed.ts';
import { calendarEditIssues } from '../../../shared/domain/campaign-config.ts';
import type { Campaign } from '../../../shared/domain/types.ts';

const active: Campaign = { ...seedCampaign(), status: 'active' };
const moved = (field: keyof Campaign['calendar'], day: string): Campaign => ({
  ...active,
  calendar: { ...active.calendar, [field]: day },
});

describe('a calendar edit on an active campaign', () => {
  it('is refused with a Vietnamese reason while models registered under the old days are open', () => {
    // Act
    const issues = calendarEditIssues(active, moved('reviewDeadline', '12-15'), { 2016: 3, 2017: 0 });

    // Assess
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe('calendar.reviewDeadline');
    expect(issues[0]?.message).toContain('Không đổi được “Hạn xét, công nhận (năm sau)”');
    expect(issues[0]?.message).toContain('3 mô hình năm 2016');
    expect(issues[0]?.message).toContain('30/12');
  });

  it('is allowed when no model is open, for a draft campaign, or for the annual report day', () => {
    // Act
    const noneOpen = calendarEditIssues(active, moved('selfAssessmentDeadline', '07-31'), { 2016: 0 });
    const draft = calendarEditIssues(
      { ...active, status: 'draft' },
      moved('selfAssessmentDeadline', '07-31'),
      { 2016: 4 },
    );
    const report = calendarEditIssues(active, moved('annualReport', '12-29'), { 2016: 4 });

    // Assess
    expect([noneOpen, draft, report]).toEqual([[], [], []]);
  });
});
