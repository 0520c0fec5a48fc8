import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { conflictOfInterest } from '../../../shared/domain/access.ts';
import {
  ConflictError,
  ForbiddenError,
  InvalidInputError,
  RuleViolationError,
} from '../../../shared/domain/errors.ts';
import type { ModelStatus } from '../../../shared/domain/model-status.ts';
import { PRINCIPLES, type Principle, type PrincipleFinding } from '../../../shared/domain/principles.ts';
import {
  assertConsistentDecision,
  assertMayPromote,
  assertMayReview,
  assertMaySelfAssess,
  type DecisionInput,
  type SelfAssessInput,
  validateVote,
  voteOutcome,
} from '../../../shared/domain/recognition.ts';
import type { ModelTier } from '../../../shared/domain/tiers.ts';
import type { Ratio } from '../../../shared/domain/types.ts';
import type { Vote } from '../../../shared/domain/votes.ts';
import {
  at,
  callerOf,
  campaignWith,
  pathsOf,
  seedCampaign,
  seedCell,
  seedPerson,
  thrownBy,
} from './fixtures.ts';

const vote = (
  eligible: number,
  present: number,
  inFavour: number,
  against = present - inFavour,
  abstain = 0,
): Vote => ({
  eligible,
  present,
  for: inFavour,
  against,
  abstain,
});

describe('validateVote', () => {
  it('accepts a vote that adds up, with abstentions', () => {
    // Act / Assess
    expect(validateVote(vote(9, 7, 4, 2, 1), 'vote')).toEqual([]);
  });

  it('accepts everyone present and unanimous, and nobody present', () => {
    // Act / Assess
    expect(validateVote(vote(9, 9, 9), 'vote')).toEqual([]);
    expect(validateVote(vote(9, 0, 0), 'vote')).toEqual([]);
  });

  it.each([
    ['a fraction', { ...vote(9, 7, 4, 3), for: 4.5 }, 'cellVote.for'],
    ['a negative number', { ...vote(9, 7, 4, 3), against: -1 }, 'cellVote.against'],
    ['not a number', { ...vote(9, 7, 4, 3), present: Number.NaN }, 'cellVote.present'],
    ['an infinity', { ...vote(9, 7, 4, 3), eligible: Number.POSITIVE_INFINITY }, 'cellVote.eligible'],
    ['a string', { ...vote(9, 7, 4, 3), abstain: '0' as unknown as number }, 'cellVote.abstain'],
  ])('refuses %s, naming the field under the path', (_what, bad, path) => {
    // Act
    const issues = validateVote(bad, 'cellVote');

    // Assess
    expect(issues.map((issue) => issue.path)).toEqual([path]);
  });

  it('refuses nobody eligible', () => {
    // Act / Assess
    expect(validateVote(vote(0, 0, 0), 'vote').map((issue) => issue.path)).toEqual(['vote.eligible']);
  });

  it('refuses more present than eligible', () => {
    // Act / Assess
    expect(validateVote(vote(5, 6, 6), 'vote').map((issue) => issue.path)).toEqual(['vote.present']);
  });

  it('refuses counts that do not add up to those present', () => {
    // Act / Assess
    expect(validateVote(vote(9, 7, 4, 2, 0), 'vote').map((issue) => issue.path)).toEqual(['vote.for']);
    expect(validateVote(vote(9, 7, 4, 3, 1), 'vote').map((issue) => issue.path)).toEqual(['vote.for']);
  });

  it('refuses a missing vote', () => {
    // Act / Assess
    expect(validateVote(undefined, 'cellVote').map((issue) => issue.path)).toEqual(['cellVote']);
  });

  it('writes its messages in Vietnamese', () => {
    // Act
    const [issue] = validateVote(vote(5, 6, 6), 'vote');

    // Assess
    expect(issue?.message).toBe('“Số người có mặt” không được lớn hơn “Số người có quyền biểu quyết”.');
  });
});

describe('voteOutcome', () => {
  it('exactly two thirds present meets the quorum; one fewer does not', () => {
    // Act / Assess
    expect(voteOutcome(vote(9, 6, 6), seedCampaign).quorumMet).toBe(true);
    expect(voteOutcome(vote(9, 5, 5), seedCampaign).quorumMet).toBe(false);
  });

  it('rounds the quorum up when two thirds is not whole', () => {
    // Act / Assess
    expect(voteOutcome(vote(10, 7, 7), seedCampaign).quorumMet).toBe(true);
    expect(voteOutcome(vote(10, 6, 6), seedCampaign).quorumMet).toBe(false);
  });

  it('exactly half in favour fails; half plus one passes', () => {
    // Act / Assess
    expect(voteOutcome(vote(9, 8, 4), seedCampaign).majorityMet).toBe(false);
    expect(voteOutcome(vote(9, 8, 5), seedCampaign).majorityMet).toBe(true);
  });

  it('abstentions count as present but not in favour', () => {
    // Act / Assess
    expect(voteOutcome(vote(9, 7, 3, 0, 4), seedCampaign).majorityMet).toBe(false);
    expect(voteOutcome(vote(9, 7, 4, 0, 3), seedCampaign).majorityMet).toBe(true);
  });

  it('nobody present meets neither', () => {
    // Act / Assess
    expect(voteOutcome(vote(9, 0, 0), seedCampaign)).toEqual({ quorumMet: false, majorityMet: false });
  });

  it('follows the campaign’s configured ratios', () => {
    // Prepare
    const strict = campaignWith({
      quorum: { numerator: 3, denominator: 4 },
      majority: { numerator: 2, denominator: 3 },
    });

    // Act / Assess
    expect(voteOutcome(vote(8, 6, 5), strict)).toEqual({ quorumMet: true, majorityMet: true });
    expect(voteOutcome(vote(8, 6, 4), strict)).toEqual({ quorumMet: true, majorityMet: false });
    expect(voteOutcome(vote(8, 5, 5), strict)).toEqual({ quorumMet: false, majorityMet: true });
  });

  it('is exact for numbers too large for floating-point products', () => {
    // Prepare: 2/3 of this eligible count is not representable once multiplied in doubles
    const eligible = 3 * 1_000_000_000_000_001;
    const present = 2 * 1_000_000_000_000_001;

    // Act
    const outcome = voteOutcome({ eligible, present, for: present, against: 0, abstain: 0 }, seedCampaign);

    // Assess
    expect(Number.isSafeInteger(eligible)).toBe(true);
    expect(outcome.quorumMet).toBe(true);
  });

  it('refuses a vote that does not add up (400)', () => {
    // Act
    const error = thrownBy(() => voteOutcome(vote(5, 6, 6), seedCampaign));

    // Assess
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(pathsOf(error)).toEqual(['vote.present']);
  });

  it('agrees with a rational-arithmetic oracle for any valid vote and ratios', () => {
    // The oracle states the rules differently: the smallest quorum is ceil(eligible·q), and a majority
    // is at least floor(present·m) + 1 in favour, both computed in exact integer arithmetic.
    const ratios = fc
      .record({ denominator: fc.integer({ min: 1, max: 12 }), numerator: fc.integer({ min: 0, max: 12 }) })
      .filter((ratio) => ratio.numerator <= ratio.denominator);
    const votes = fc
      .integer({ min: 1, max: 500 })
      .chain((eligible) => fc.tuple(fc.constant(eligible), fc.integer({ min: 0, max: eligible })))
      .chain(([eligible, present]) =>
        fc.tuple(fc.constant(eligible), fc.constant(present), fc.integer({ min: 0, max: present })),
      )
      .chain(([eligible, present, inFavour]) =>
        fc
          .integer({ min: 0, max: present - inFavour })
          .map((against) => vote(eligible, present, inFavour, against, present - inFavour - against)),
      );
    fc.assert(
      fc.property(votes, ratios, ratios, (v, quorum: Ratio, majority: Ratio) => {
        // Prepare
        const e = BigInt(v.eligible);
        const p = BigInt(v.present);
        const minimumPresent =
          (e * BigInt(quorum.numerator) + BigInt(quorum.denominator) - 1n) / BigInt(quorum.denominator);
        const minimumFor = (p * BigInt(majority.numerator)) / BigInt(majority.denominator) + 1n;

        // Act
        const outcome = voteOutcome(v, { quorum, majority });

        // Assess
        expect(outcome.quorumMet).toBe(p >= minimumPresent);
        expect(outcome.majorityMet).toBe(v.present > 0 && BigInt(v.for) >= minimumFor);
      }),
    );
  });
});

const allMet = (): Record<Principle, PrincipleFinding> =>
  Object.fromEntries(PRINCIPLES.map((principle) => [principle, { met: true }])) as Record<
    Principle,
    PrincipleFinding
  >;

function decision(overrides: Partial<DecisionInput> = {}): DecisionInput {
  return {
    principles: allMet(),
    vote: vote(9, 8, 6, 2),
    decision: 'recognized',
    reasons: '',
    campaign: seedCampaign,
    ...overrides,
  };
}

describe('assertConsistentDecision', () => {
  it('recognizes when all five principles are met and the vote carries', () => {
    // Act / Assess
    expect(() => assertConsistentDecision(decision())).not.toThrow();
  });

  it.each(PRINCIPLES.map((principle) => [principle]))(
    'refuses recognition when %s is not met (422)',
    (principle) => {
      // Prepare
      const principles = { ...allMet(), [principle]: { met: false, note: 'Chưa đạt' } };

      // Act
      const error = thrownBy(() => assertConsistentDecision(decision({ principles })));

      // Assess
      expect(error).toBeInstanceOf(RuleViolationError);
      expect(pathsOf(error)).toEqual([`principles.${principle}`]);
    },
  );

  it('names every failing principle and vote field at once', () => {
    // Prepare
    const principles = { ...allMet(), spread: { met: false }, registered: { met: false } };

    // Act
    const error = thrownBy(() => assertConsistentDecision(decision({ principles, vote: vote(9, 5, 2, 3) })));

    // Assess
    expect(pathsOf(error)).toEqual([
      'principles.registered',
      'principles.spread',
      'vote.present',
      'vote.for',
    ]);
  });

  it('refuses recognition without a quorum (422, vote.present)', () => {
    // Act
    const error = thrownBy(() => assertConsistentDecision(decision({ vote: vote(9, 5, 5) })));

    // Assess
    expect(error).toBeInstanceOf(RuleViolationError);
    expect(pathsOf(error)).toEqual(['vote.present']);
  });

  it('refuses recognition when exactly half are in favour (422, vote.for)', () => {
    // Act
    const error = thrownBy(() => assertConsistentDecision(decision({ vote: vote(9, 8, 4) })));

    // Assess
    expect(error).toBeInstanceOf(RuleViolationError);
    expect(pathsOf(error)).toEqual(['vote.for']);
  });

  it('accepts not recognizing a model that fails a principle, with reasons', () => {
    // Prepare
    const principles = { ...allMet(), spread: { met: false } };

    // Act / Assess
    expect(() =>
      assertConsistentDecision(decision({ principles, decision: 'not_recognized', reasons: 'Chưa lan tỏa' })),
    ).not.toThrow();
  });

  it('accepts not recognizing when the committee vote did not carry, even with every principle met', () => {
    // Act / Assess
    expect(() =>
      assertConsistentDecision(
        decision({ vote: vote(9, 8, 4), decision: 'not_recognized', reasons: ['Biểu quyết không đạt'] }),
      ),
    ).not.toThrow();
    expect(() =>
      assertConsistentDecision(
        decision({ vote: vote(9, 5, 5), decision: 'not_recognized', reasons: 'Không đủ người' }),
      ),
    ).not.toThrow();
  });

  it('refuses not recognizing against a carried vote with every principle met (422, decision)', () => {
    // Act
    const error = thrownBy(() =>
      assertConsistentDecision(decision({ decision: 'not_recognized', reasons: 'Lý do' })),
    );

    // Assess
    expect(error).toBeInstanceOf(RuleViolationError);
    expect(pathsOf(error)).toEqual(['decision']);
    expect((error as RuleViolationError).message).toContain('trái với kết quả biểu quyết');
  });

  it.each([[''], ['  '], [[] as string[]], [['', ' ']], [undefined]])(
    'not recognizing needs reasons (400, reasons): %j',
    (reasons) => {
      // Prepare
      const principles = { ...allMet(), spread: { met: false } };

      // Act
      const error = thrownBy(() =>
        assertConsistentDecision(decision({ principles, decision: 'not_recognized', reasons })),
      );

      // Assess
      expect(error).toBeInstanceOf(InvalidInputError);
      expect(pathsOf(error)).toEqual(['reasons']);
    },
  );

  it('refuses missing principles, a bad vote and an unknown decision together (400)', () => {
    // Prepare
    const { spread: _dropped, ...fourPrinciples } = allMet();
    const input = {
      ...decision(),
      principles: fourPrinciples as Record<Principle, PrincipleFinding>,
      vote: vote(9, 10, 10),
      decision: 'maybe' as DecisionInput['decision'],
    };

    // Act
    const error = thrownBy(() => assertConsistentDecision(input));

    // Assess
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(pathsOf(error)).toEqual(['principles.spread', 'vote.present', 'decision']);
  });

  it('refuses a principle whose met is not a boolean', () => {
    // Prepare
    const principles = { ...allMet(), democraticVote: { met: 'yes' as unknown as boolean } };

    // Act
    const error = thrownBy(() => assertConsistentDecision(decision({ principles })));

    // Assess
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(pathsOf(error)).toEqual(['principles.democraticVote']);
  });

  it('agrees with the rule for any principles and any vote', () => {
    const findings = fc.tuple(...PRINCIPLES.map(() => fc.boolean()));
    fc.assert(
      fc.property(
        findings,
        fc.integer({ min: 0, max: 9 }),
        fc.integer({ min: 0, max: 9 }),
        (mets, present, rawFor) => {
          // Prepare
          const inFavour = Math.min(rawFor, present);
          const principles = Object.fromEntries(
            PRINCIPLES.map((principle, index) => [principle, { met: mets[index] ?? false }]),
          ) as Record<Principle, PrincipleFinding>;
          const v = vote(9, present, inFavour);
          const everythingHolds = mets.every(Boolean) && present >= 6 && inFavour * 2 > present;

          // Act
          const recognize = () => assertConsistentDecision(decision({ principles, vote: v }));
          const reject = () =>
            assertConsistentDecision(
              decision({ principles, vote: v, decision: 'not_recognized', reasons: 'x' }),
            );

          // Assess
          if (everythingHolds) {
            expect(recognize).not.toThrow();
            expect(thrownBy(reject)).toBeInstanceOf(RuleViolationError);
          } else {
            expect(thrownBy(recognize)).toBeInstanceOf(RuleViolationError);
            expect(reject).not.toThrow();
          }
        },
      ),
    );
  });
});

describe('assertMayReview', () => {
  const reviewer = seedPerson('p007'); // committee, secretary of xd-kiem-tra-vb
  const reviewerCaller = callerOf(reviewer);
  const foreignModel = { kind: 'collective' as const, cellId: 'van-phong', registeredBy: 'p001' };

  it('a committee member reviews another cell’s model', () => {
    // Act / Assess
    expect(() => assertMayReview({ reviewer, reviewerCaller, model: foreignModel })).not.toThrow();
    expect(() =>
      assertMayReview({
        reviewer,
        reviewerCaller,
        model: { kind: 'individual', cellId: 'van-phong', personId: 'p004', registeredBy: 'p004' },
      }),
    ).not.toThrow();
  });

  it.each([
    ['an office member', seedPerson('p002')],
    ['an inspector without the committee role', seedPerson('p025')],
    ['a plain member', seedPerson('p004')],
  ])('refuses %s (403)', (_who, someone) => {
    // Act
    const error = thrownBy(() =>
      assertMayReview({ reviewer: someone, reviewerCaller: callerOf(someone), model: foreignModel }),
    );

    // Assess
    expect(error).toBeInstanceOf(ForbiddenError);
  });

  it('refuses a token of a different person than the reviewer record (403)', () => {
    // Act
    const error = thrownBy(() =>
      assertMayReview({ reviewer, reviewerCaller: callerOf(seedPerson('p001')), model: foreignModel }),
    );

    // Assess
    expect(error).toBeInstanceOf(ForbiddenError);
  });

  it('nobody reviews their own individual model (403)', () => {
    // Act
    const error = thrownBy(() =>
      assertMayReview({
        reviewer,
        reviewerCaller,
        model: { kind: 'individual', cellId: reviewer.cellId, personId: reviewer.id, registeredBy: 'p008' },
      }),
    );

    // Assess
    expect(error).toBeInstanceOf(ForbiddenError);
    expect((error as ForbiddenError).message).toContain('tự rút');
    expect((error as ForbiddenError).fields[0]?.message).toContain('của chính đồng chí');
  });

  it('nobody reviews a model they registered (403)', () => {
    // Act
    const error = thrownBy(() =>
      assertMayReview({
        reviewer,
        reviewerCaller,
        model: { kind: 'individual', cellId: reviewer.cellId, personId: 'p009', registeredBy: reviewer.id },
      }),
    );

    // Assess
    expect(error).toBeInstanceOf(ForbiddenError);
  });

  it.each([
    [
      'the collective model of their own cell',
      { kind: 'collective' as const, cellId: 'xd-kiem-tra-vb', registeredBy: 'p008' },
      'sinh hoạt tại chi bộ',
    ],
    [
      'a colleague’s individual model in their own cell',
      { kind: 'individual' as const, cellId: 'xd-kiem-tra-vb', personId: 'p008', registeredBy: 'p008' },
      'sinh hoạt tại chi bộ',
    ],
    [
      'a model whose self-assessment they submitted',
      {
        kind: 'individual' as const,
        cellId: 'van-phong',
        personId: 'p004',
        registeredBy: 'p004',
        selfAssessment: { by: 'p007' },
      },
      'gửi tự đánh giá',
    ],
  ])('nobody reviews %s (403, says why)', (_case, model, why) => {
    // Act
    const error = thrownBy(() => assertMayReview({ reviewer, reviewerCaller, model }));

    // Assess
    expect(error).toBeInstanceOf(ForbiddenError);
    expect((error as ForbiddenError).message).toContain('không tham gia xét, biểu quyết');
    expect(pathsOf(error)).toEqual(['decision']);
    expect((error as ForbiddenError).fields[0]?.message).toContain(why);
  });

  it('the secretary of the model’s cell may not review it even when they sit in another cell (403)', () => {
    // Prepare
    const model = {
      kind: 'individual' as const,
      cellId: 'van-phong',
      personId: 'p004',
      registeredBy: 'p004',
    };

    // Act
    const error = thrownBy(() =>
      assertMayReview({ reviewer, reviewerCaller, model, modelCell: { secretaryId: reviewer.id } }),
    );

    // Assess
    expect(error).toBeInstanceOf(ForbiddenError);
    expect((error as ForbiddenError).fields[0]?.message).toContain('Bí thư');
  });
});

describe('conflictOfInterest', () => {
  const judge = seedPerson('p007');

  it('finds nothing between a person and another cell’s model they never touched', () => {
    // Act / Assess
    expect(
      conflictOfInterest(
        judge,
        { cellId: 'van-phong', personId: 'p004', registeredBy: 'p004' },
        seedCell('van-phong'),
      ),
    ).toBeUndefined();
  });

  it.each([
    ['own model', { cellId: 'van-phong', personId: 'p007' }],
    ['registered it', { cellId: 'van-phong', registeredBy: 'p007' }],
    ['self-assessed it', { cellId: 'van-phong', selfAssessment: { by: 'p007' } }],
    ['member of its cell', { cellId: 'xd-kiem-tra-vb' }],
  ])('gives a reason in Vietnamese: %s', (_case, model) => {
    // Act
    const reason = conflictOfInterest(judge, model);

    // Assess
    expect(reason).toMatch(/Đồng chí|đồng chí/);
  });
});

describe('assertMaySelfAssess', () => {
  const secretary = seedPerson('p001');
  const member = seedPerson('p004');
  const colleague = seedPerson('p005');
  const individual = {
    kind: 'individual' as const,
    cellId: 'van-phong',
    personId: member.id,
    registeredBy: member.id,
    status: 'implementing' as ModelStatus,
    year: 2016,
  };
  const collective = {
    kind: 'collective' as const,
    cellId: 'van-phong',
    registeredBy: secretary.id,
    status: 'implementing' as ModelStatus,
    year: 2016,
  };

  function selfAssess(overrides: Partial<SelfAssessInput> = {}): SelfAssessInput {
    return {
      caller: callerOf(member),
      callerPerson: member,
      model: individual,
      now: at('15/08/2017 10:00:00'),
      campaign: seedCampaign,
      submission: { cellConfirmed: true },
      ...overrides,
    };
  }
  const bySecretary = { caller: callerOf(secretary), callerPerson: secretary };
  const cellVote = vote(6, 6, 5, 1);

  it('the person of an individual model self-assesses it', () => {
    // Act / Assess
    expect(() => assertMaySelfAssess(selfAssess())).not.toThrow();
  });

  it('the secretary self-assesses either kind for the cell', () => {
    // Act / Assess
    expect(() => assertMaySelfAssess(selfAssess(bySecretary))).not.toThrow();
    expect(() =>
      assertMaySelfAssess(
        selfAssess({ ...bySecretary, model: collective, submission: { cellConfirmed: true, cellVote } }),
      ),
    ).not.toThrow();
  });

  it('another member may not (403)', () => {
    // Act
    const error = thrownBy(() =>
      assertMaySelfAssess(selfAssess({ caller: callerOf(colleague), callerPerson: colleague })),
    );

    // Assess
    expect(error).toBeInstanceOf(ForbiddenError);
  });

  it('a member may not self-assess the collective model (403)', () => {
    // Act
    const error = thrownBy(() =>
      assertMaySelfAssess(selfAssess({ model: collective, submission: { cellConfirmed: true, cellVote } })),
    );

    // Assess
    expect(error).toBeInstanceOf(ForbiddenError);
  });

  it('another cell’s secretary may not (403)', () => {
    // Prepare
    const otherSecretary = seedPerson('p007');

    // Act
    const error = thrownBy(() =>
      assertMaySelfAssess(selfAssess({ caller: callerOf(otherSecretary), callerPerson: otherSecretary })),
    );

    // Assess
    expect(error).toBeInstanceOf(ForbiddenError);
  });

  it.each([
    ['31/08/2017 23:59:59', true],
    ['01/09/2017 00:00:00', false],
  ])('at %s accepted: %s', (text, accepted) => {
    // Act
    const act = () => assertMaySelfAssess(selfAssess({ now: at(text) }));

    // Assess
    if (accepted) expect(act).not.toThrow();
    else {
      const error = thrownBy(act);
      expect(error).toBeInstanceOf(RuleViolationError);
      expect(pathsOf(error)).toEqual(['selfAssessmentDeadline']);
      expect((error as RuleViolationError).message).toContain('31/08/2017');
    }
  });

  it('the 2019 models are due by the end of 31/08/2020 (a leap year)', () => {
    // Prepare
    const model2019 = { ...individual, year: 2019 };

    // Act / Assess
    expect(() =>
      assertMaySelfAssess(selfAssess({ model: model2019, now: at('31/08/2020 23:59:59') })),
    ).not.toThrow();
    expect(
      thrownBy(() => assertMaySelfAssess(selfAssess({ model: model2019, now: at('01/09/2020 00:00:00') }))),
    ).toBeInstanceOf(RuleViolationError);
  });

  it('needs the cell’s confirmation (422 when false, 400 when missing)', () => {
    // Act
    const unconfirmed = thrownBy(() =>
      assertMaySelfAssess(selfAssess({ submission: { cellConfirmed: false } })),
    );
    const missing = thrownBy(() =>
      assertMaySelfAssess(selfAssess({ submission: {} as SelfAssessInput['submission'] })),
    );

    // Assess
    expect(unconfirmed).toBeInstanceOf(RuleViolationError);
    expect(pathsOf(unconfirmed)).toEqual(['cellConfirmed']);
    expect(missing).toBeInstanceOf(InvalidInputError);
    expect(pathsOf(missing)).toEqual(['cellConfirmed']);
  });

  it('a collective self-assessment needs the cell’s vote, and a valid one (400)', () => {
    // Act
    const noVote = thrownBy(() => assertMaySelfAssess(selfAssess({ ...bySecretary, model: collective })));
    const badVote = thrownBy(() =>
      assertMaySelfAssess(
        selfAssess({
          ...bySecretary,
          model: collective,
          submission: { cellConfirmed: true, cellVote: vote(6, 7, 7) },
        }),
      ),
    );

    // Assess
    expect(noVote).toBeInstanceOf(InvalidInputError);
    expect(pathsOf(noVote)).toEqual(['cellVote']);
    expect(badVote).toBeInstanceOf(InvalidInputError);
    expect(pathsOf(badVote)).toEqual(['cellVote.present']);
  });

  it('an individual self-assessment does not need a vote', () => {
    // Act / Assess
    expect(() => assertMaySelfAssess(selfAssess({ submission: { cellConfirmed: true } }))).not.toThrow();
  });

  it.each<[ModelStatus]>([
    ['self_assessed'],
    ['reviewed'],
    ['recognized'],
    ['not_recognized'],
    ['missed_self_assessment'],
    ['withdrawn'],
  ])('refuses a model that is %s (409)', (status) => {
    // Act
    const error = thrownBy(() => assertMaySelfAssess(selfAssess({ model: { ...individual, status } })));

    // Assess
    expect(error).toBeInstanceOf(ConflictError);
    expect(pathsOf(error)).toEqual(['status']);
  });

  it('accepts a model still in `registered`', () => {
    // Act / Assess
    expect(() =>
      assertMaySelfAssess(selfAssess({ model: { ...individual, status: 'registered' } })),
    ).not.toThrow();
  });
});

describe('assertMayPromote', () => {
  const committee = callerOf(seedPerson('p007'));
  const office = callerOf(seedPerson('p002'));
  const committeePerson = seedPerson('p007');
  const officePerson = seedPerson('p002');
  const recognized = {
    status: 'recognized' as ModelStatus,
    cellId: 'thanh-tra',
    personId: 'p026',
    registeredBy: 'p026',
  };

  it('committee or office promote a recognized model to exemplary', () => {
    // Act / Assess
    expect(() =>
      assertMayPromote({ caller: committee, person: committeePerson, model: recognized, tier: 'exemplary' }),
    ).not.toThrow();
    expect(() =>
      assertMayPromote({ caller: office, person: officePerson, model: recognized, tier: 'exemplary' }),
    ).not.toThrow();
  });

  it('an exemplary model may be commended', () => {
    // Act / Assess
    expect(() =>
      assertMayPromote({
        caller: committee,
        person: committeePerson,
        model: { ...recognized, tier: 'exemplary' },
        tier: 'commended',
      }),
    ).not.toThrow();
  });

  it.each<[string, ModelStatus, ModelTier | undefined, ModelTier]>([
    ['commended straight from recognized', 'recognized', undefined, 'commended'],
    ['exemplary twice', 'recognized', 'exemplary', 'exemplary'],
    ['exemplary after commended', 'recognized', 'commended', 'exemplary'],
    ['commended twice', 'recognized', 'commended', 'commended'],
    ['exemplary before recognition', 'reviewed', undefined, 'exemplary'],
    ['exemplary when not recognized', 'not_recognized', undefined, 'exemplary'],
    ['commended when withdrawn', 'withdrawn', 'exemplary', 'commended'],
  ])('refuses %s (409, tier)', (_case, status, tier, target) => {
    // Act
    const error = thrownBy(() =>
      assertMayPromote({
        caller: committee,
        person: committeePerson,
        model: { ...recognized, status, tier },
        tier: target,
      }),
    );

    // Assess
    expect(error).toBeInstanceOf(ConflictError);
    expect(pathsOf(error)).toEqual(['tier']);
  });

  it.each([
    ['a secretary', callerOf(seedPerson('p025'), ['member', 'secretary'])],
    ['an inspector', callerOf(seedPerson('p025'), ['inspector'])],
    ['a member', callerOf(seedPerson('p005'))],
  ])('refuses %s (403)', (_who, caller) => {
    // Act
    const error = thrownBy(() =>
      assertMayPromote({ caller, person: seedPerson(caller.personId), model: recognized, tier: 'exemplary' }),
    );

    // Assess
    expect(error).toBeInstanceOf(ForbiddenError);
  });

  it('nobody promotes their own model (403)', () => {
    // Prepare
    const ownModel = { ...recognized, personId: 'p007' };
    const registeredByThem = { ...recognized, registeredBy: 'p007' };

    // Act / Assess
    expect(
      thrownBy(() =>
        assertMayPromote({ caller: committee, person: committeePerson, model: ownModel, tier: 'exemplary' }),
      ),
    ).toBeInstanceOf(ForbiddenError);
    expect(
      thrownBy(() =>
        assertMayPromote({
          caller: committee,
          person: committeePerson,
          model: registeredByThem,
          tier: 'exemplary',
        }),
      ),
    ).toBeInstanceOf(ForbiddenError);
  });

  it.each([
    [
      'office staff, of the model’s cell',
      { ...recognized, cellId: 'van-phong', personId: 'p004' },
      officePerson,
      office,
    ],
    [
      'a committee member who self-assessed it',
      { ...recognized, selfAssessment: { by: 'p007' } },
      committeePerson,
      committee,
    ],
  ])('refuses %s (403, tier, says why)', (_case, model, person, caller) => {
    // Act
    const error = thrownBy(() => assertMayPromote({ caller, person, model, tier: 'exemplary' }));

    // Assess
    expect(error).toBeInstanceOf(ForbiddenError);
    expect(pathsOf(error)).toEqual(['tier']);
    expect((error as ForbiddenError).message).toContain('tự rút');
  });

  it('collective models, without a person, are promoted too', () => {
    // Act / Assess
    expect(() =>
      assertMayPromote({
        caller: office,
        person: officePerson,
        model: { status: 'recognized', cellId: 'thanh-tra', registeredBy: 'p025' },
        tier: 'exemplary',
      }),
    ).not.toThrow();
  });
});
