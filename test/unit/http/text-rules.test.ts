// Text a person sends is well-formed Unicode; single-line fields hold no line
// break or control character; and a model at every field's maximum still fits
// DynamoDB's 400 KB item with margin.
import { describe, expect, it } from 'vitest';
import {
  ASSESSMENT_LIMITS,
  MODEL_FIELD_LABELS,
  MODEL_LIMITS,
  SELF_ASSESSMENT_LABELS,
} from '../../../shared/domain/form-fields.ts';
import { PRINCIPLES } from '../../../shared/domain/principles.ts';
import { MODEL_SECTIONS } from '../../../shared/domain/sections.ts';
import { createPersonBody } from '../../../shared/http/admin-schemas.ts';
import { fieldIssues } from '../../../shared/http/api-handler.ts';
import {
  promoteBody,
  registerModelBody,
  reviewBody,
  selfAssessmentBody,
  withdrawBody,
} from '../../../shared/http/schemas.ts';
import { registrationBody } from '../../support/models.ts';

// A precomposed Vietnamese letter: one UTF-16 unit, three bytes in UTF-8 — the worst case per unit.
const WIDE = 'ệ';
const ITEM_LIMIT = 400 * 1024;

function issuesOf(result: { success: boolean; error?: Parameters<typeof fieldIssues>[0] }) {
  return result.success || !result.error ? [] : fieldIssues(result.error);
}

describe('well-formed text', () => {
  it('refuses a title with a lone surrogate, naming the field by its label', () => {
    // Act
    const issues = issuesOf(registerModelBody.safeParse(registrationBody({ title: 'Mô hình \ud800 lỗi' })));

    // Assess
    expect(issues).toEqual([
      { path: 'title', message: expect.stringContaining(`“${MODEL_FIELD_LABELS.title}”`) },
    ]);
    expect(issues[0]?.message).toContain('ký tự bị lỗi');
  });

  it('refuses a lone low surrogate in a section and in an evidence line', () => {
    // Act
    const section = issuesOf(registerModelBody.safeParse(registrationBody({ goals: 'Mục tiêu \udc00' })));
    const evidence = issuesOf(
      selfAssessmentBody.safeParse({ results: 'Đạt', evidence: ['Biên bản \ud83d'], cellConfirmed: true }),
    );

    // Assess
    expect(section.map((issue) => issue.path)).toEqual(['goals']);
    expect(evidence.map((issue) => issue.path)).toEqual(['evidence.0']);
    expect(evidence[0]?.message).toContain(`“${SELF_ASSESSMENT_LABELS.evidence}”`);
  });

  it('accepts characters outside the basic plane when their pairs are whole', () => {
    // Act / Assess
    expect(registerModelBody.safeParse(registrationBody({ title: 'Mô hình 𠀀 khéo 😀' })).success).toBe(true);
  });
});

describe('single-line fields', () => {
  it.each([
    ['CR/LF', 'Dòng một\r\nDòng hai'],
    ['a lone LF', 'Dòng một\nDòng hai'],
    ['a NUL', 'Mô hình\u0000khéo'],
    ['an escape', 'Mô hình \u001b[31m khéo'],
    ['a line separator', 'Mô hình\u2028khéo'],
  ])('refuse %s in a title, in words', (_case, title) => {
    // Act
    const issues = issuesOf(registerModelBody.safeParse(registrationBody({ title })));

    // Assess
    expect(issues).toEqual([{ path: 'title', message: expect.stringContaining('một dòng') }]);
  });

  it('refuse a line break in a person’s name', () => {
    // Act
    const issues = issuesOf(
      createPersonBody.safeParse({
        username: 'moi.nguoi',
        name: 'Nguyễn Văn\nMới',
        email: 'moi@example.vn',
        cellId: 'van-phong',
      }),
    );

    // Assess
    expect(issues.map((issue) => issue.path)).toEqual(['name']);
  });

  it('multi-line sections keep their line breaks and tabs but refuse other control characters', () => {
    // Act
    const kept = registerModelBody.safeParse(
      registrationBody({ goals: 'Một:\r\n\t- giảm 30%\n\t- tăng 20%' }),
    );
    const refused = issuesOf(registerModelBody.safeParse(registrationBody({ goals: 'Một\u0007hai' })));

    // Assess
    expect(kept.success).toBe(true);
    expect(refused).toEqual([{ path: 'goals', message: expect.stringContaining('ký tự điều khiển') }]);
  });
});

describe('the limits at the edge', () => {
  it('a title of exactly the maximum passes; one more character is refused', () => {
    // Act
    const atMax = registerModelBody.safeParse(
      registrationBody({ title: WIDE.repeat(MODEL_LIMITS.titleMax) }),
    );
    const over = issuesOf(
      registerModelBody.safeParse(registrationBody({ title: WIDE.repeat(MODEL_LIMITS.titleMax + 1) })),
    );

    // Assess
    expect(atMax.success).toBe(true);
    expect(over.map((issue) => issue.path)).toEqual(['title']);
  });

  it('a model with every field at its maximum, in three-byte letters, stays under 75% of the 400 KB item', () => {
    // Prepare: everything a model item holds that a person writes, each at its maximum.
    const full = (max: number) => WIDE.repeat(max);
    const registration = registerModelBody.parse(
      registrationBody({
        title: full(MODEL_LIMITS.titleMax),
        subField: full(MODEL_LIMITS.subFieldMax),
        ...Object.fromEntries(MODEL_SECTIONS.map((section) => [section, full(MODEL_LIMITS.sectionMax)])),
      }),
    );
    const selfAssessment = selfAssessmentBody.parse({
      results: full(ASSESSMENT_LIMITS.resultsMax),
      evidence: Array.from({ length: ASSESSMENT_LIMITS.evidenceCount }, () =>
        full(ASSESSMENT_LIMITS.evidenceMax),
      ),
      cellConfirmed: true,
      cellVote: { eligible: 100000, present: 100000, for: 100000, against: 0, abstain: 0 },
    });
    const review = reviewBody.parse({
      principles: Object.fromEntries(
        PRINCIPLES.map((principle) => [principle, { met: true, note: full(ASSESSMENT_LIMITS.noteMax) }]),
      ),
      vote: { eligible: 100000, present: 100000, for: 100000, against: 0, abstain: 0 },
      decision: 'recognized',
      reasons: full(ASSESSMENT_LIMITS.reasonsMax),
    });
    const tiers = ['exemplary', 'commended'].map((tier) =>
      promoteBody.parse({ tier, level: 'higher', note: full(ASSESSMENT_LIMITS.noteMax) }),
    );
    const withdrawal = withdrawBody.parse({ reason: full(ASSESSMENT_LIMITS.reasonMax) });
    // What the system adds: ids, stamps, deadlines, executions, a task token (Step Functions: up to 1 KB each).
    const bookkeeping = {
      ids: 'x'.repeat(2000),
      executions: ['x'.repeat(2048), 'x'.repeat(2048)],
      taskToken: 'x'.repeat(1024),
    };

    // Act
    const bytes = Buffer.byteLength(
      JSON.stringify({ registration, selfAssessment, review, tiers, withdrawal, bookkeeping }),
      'utf8',
    );

    // Assess
    expect(bytes).toBeLessThan(ITEM_LIMIT * 0.75);
  });
});
