// The pages have no build step, so web/lib/labels.js carries a copy of the
// Vietnamese labels and the form's limits. This test keeps the copy in step.
import { describe, expect, it } from 'vitest';
import {
  KIND_LABELS,
  PRINCIPLE_LABELS,
  SECTION_LABELS,
  STATUS_LABELS,
  TIER_LABELS,
} from '../../../shared/domain/model-text.ts';
import { SECTION_MAX, TITLE_MAX } from '../../../shared/http/schemas.ts';
// @ts-expect-error plain JavaScript without declarations, as the browser loads it
import * as web from '../../../web/lib/labels.js';

describe('web/lib/labels.js', () => {
  it('has the labels of shared/domain/model-text.ts', () => {
    expect(web.STATUS_LABELS).toEqual(STATUS_LABELS);
    expect(web.KIND_LABELS).toEqual(KIND_LABELS);
    expect(web.TIER_LABELS).toEqual(TIER_LABELS);
    expect(web.PRINCIPLE_LABELS).toEqual(PRINCIPLE_LABELS);
    expect(web.SECTION_LABELS).toEqual(SECTION_LABELS);
  });

  it("has the registration form's limits of the API schema", () => {
    expect(web.LIMITS).toMatchObject({ titleMin: 5, titleMax: TITLE_MAX, sectionMax: SECTION_MAX });
  });
});
