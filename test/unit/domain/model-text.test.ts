import { describe, expect, it } from 'vitest';
import { KIND_LABELS, MODEL_KINDS } from '../../../shared/domain/model-kinds.ts';
import { MODEL_STATUSES, STATUS_LABELS } from '../../../shared/domain/model-status.ts';
import { PRINCIPLE_LABELS, PRINCIPLES } from '../../../shared/domain/principles.ts';
import { ROLE_LABELS, ROLES } from '../../../shared/domain/roles.ts';
import { MODEL_SECTIONS, SECTION_LABELS } from '../../../shared/domain/sections.ts';
import { MODEL_TIERS, TIER_LABELS } from '../../../shared/domain/tiers.ts';

describe('Vietnamese labels', () => {
  it.each([
    ['statuses', STATUS_LABELS, MODEL_STATUSES],
    ['kinds', KIND_LABELS, MODEL_KINDS],
    ['tiers', TIER_LABELS, MODEL_TIERS],
    ['principles', PRINCIPLE_LABELS, PRINCIPLES],
    ['roles', ROLE_LABELS, ROLES],
    ['sections', SECTION_LABELS, MODEL_SECTIONS],
  ] as const)('label every one of the %s, and nothing else', (_what, labels, keys) => {
    // Act
    const labelled = Object.keys(labels);

    // Assess
    expect(labelled.sort()).toEqual([...keys].sort());
    for (const label of Object.values(labels)) expect(label.trim()).not.toBe('');
  });

  it('use the wording of the design, with diacritics', () => {
    // Act / Assess
    expect(STATUS_LABELS).toMatchObject({
      registered: 'Đã đăng ký',
      implementing: 'Đang thực hiện',
      self_assessed: 'Đã tự đánh giá',
      reviewed: 'Đã xét',
      recognized: 'Được công nhận',
      not_recognized: 'Không được công nhận',
      missed_self_assessment: 'Quá hạn tự đánh giá',
      withdrawn: 'Đã rút',
    });
    expect(KIND_LABELS).toEqual({ collective: 'Tập thể', individual: 'Cá nhân' });
    expect(TIER_LABELS).toEqual({ exemplary: 'Tiêu biểu', commended: 'Được đề nghị khen thưởng' });
    expect(SECTION_LABELS.expectedResults).toBe('Kết quả dự kiến đo lường được');
    expect(SECTION_LABELS.sustainability).toBe('Tính bền vững và khả năng nhân rộng');
  });

  it('are distinct within each set', () => {
    for (const labels of [
      STATUS_LABELS,
      KIND_LABELS,
      TIER_LABELS,
      PRINCIPLE_LABELS,
      ROLE_LABELS,
      SECTION_LABELS,
    ]) {
      // Act
      const values = Object.values(labels);

      // Assess
      expect(new Set(values).size).toBe(values.length);
    }
  });
});
