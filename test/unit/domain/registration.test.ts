import { describe, expect, it } from 'vitest';
import {
  ConflictError,
  ForbiddenError,
  InvalidInputError,
  RuleViolationError,
} from '../../../shared/domain/errors.ts';
import type { ModelStatus } from '../../../shared/domain/model-status.ts';
import {
  assertMayEdit,
  assertMayRegister,
  assertMayWithdraw,
  type ChangeInput,
  describeWindow,
  effectiveWindow,
  type RegisteredModelRef,
  type RegisterInput,
  validateExtension,
} from '../../../shared/domain/registration.ts';
import {
  at,
  callerOf,
  campaignWith,
  pathsOf,
  person,
  seedCampaign,
  seedCell,
  seedPerson,
  thrownBy,
} from './fixtures.ts';

const vanPhong = seedCell('van-phong');
const otherCell = seedCell('xd-kiem-tra-vb');
const secretary = seedPerson('p001'); // secretary of van-phong (also committee)
const member = seedPerson('p004'); // plain member of van-phong
const colleague = seedPerson('p005'); // another member of van-phong
const outsider = seedPerson('p008'); // member of xd-kiem-tra-vb
const office = seedPerson('p002'); // office (and member) of van-phong

function registration(overrides: Partial<RegisterInput> = {}): RegisterInput {
  return {
    campaign: seedCampaign,
    year: 2016,
    now: at('05/10/2016 09:00:00'),
    caller: callerOf(secretary),
    callerPerson: secretary,
    cell: vanPhong,
    kind: 'collective',
    individualAlreadyRegistered: false,
    ...overrides,
  };
}

function memberRegistersSelf(overrides: Partial<RegisterInput> = {}): RegisterInput {
  return registration({
    caller: callerOf(member),
    callerPerson: member,
    kind: 'individual',
    subject: member,
    ...overrides,
  });
}

describe('assertMayRegister — the window', () => {
  it.each([
    ['30/09/2016 23:59:59', false],
    ['01/10/2016 00:00:00', true],
    ['10/10/2016 23:59:59', true],
    ['11/10/2016 00:00:00', false],
  ])('at %s accepted: %s', (text, accepted) => {
    // Prepare
    const input = registration({ now: at(text) });

    // Act
    const act = () => assertMayRegister(input);

    // Assess
    if (accepted) {
      expect(act).not.toThrow();
    } else {
      const error = thrownBy(act);
      expect(error).toBeInstanceOf(RuleViolationError);
      expect(pathsOf(error)).toEqual(['registrationWindow']);
      expect((error as RuleViolationError).message).toContain('từ ngày 01/10/2016 đến hết ngày 10/10/2016');
    }
  });

  it('holds for every registration year of the seed, not only 2016', () => {
    for (const year of seedCampaign.registrationYears) {
      // Act / Assess
      expect(() =>
        assertMayRegister(registration({ year, now: at(`10/10/${year} 23:59:59`) })),
      ).not.toThrow();
      expect(
        thrownBy(() => assertMayRegister(registration({ year, now: at(`11/10/${year} 00:00:00`) }))),
      ).toBeInstanceOf(RuleViolationError);
    }
  });

  it('refuses registering for a year whose window is not the current one', () => {
    // Act
    const error = thrownBy(() => assertMayRegister(registration({ year: 2017, now: at('05/10/2016') })));

    // Assess
    expect(error).toBeInstanceOf(RuleViolationError);
    expect(pathsOf(error)).toEqual(['registrationWindow']);
  });

  it('accepts 11/10 00:00:00 when the cell has an extension covering it', () => {
    // Prepare
    const extension = { cellId: vanPhong.id, closesBefore: at('16/10/2016 00:00:00') };

    // Act / Assess
    expect(() =>
      assertMayRegister(registration({ now: at('11/10/2016 00:00:00'), extension })),
    ).not.toThrow();
    expect(() =>
      assertMayRegister(registration({ now: at('15/10/2016 23:59:59'), extension })),
    ).not.toThrow();
  });

  it('refuses once the extension has ended too, naming the extended end', () => {
    // Prepare
    const extension = { cellId: vanPhong.id, closesBefore: at('16/10/2016 00:00:00') };

    // Act
    const error = thrownBy(() =>
      assertMayRegister(registration({ now: at('16/10/2016 00:00:00'), extension })),
    );

    // Assess
    expect(error).toBeInstanceOf(RuleViolationError);
    expect((error as RuleViolationError).message).toContain('đến hết ngày 15/10/2016');
    expect((error as RuleViolationError).message).toContain('gia hạn');
  });

  it('an extension does not open the window early', () => {
    // Prepare
    const extension = { cellId: vanPhong.id, closesBefore: at('16/10/2016 00:00:00') };

    // Act
    const error = thrownBy(() =>
      assertMayRegister(registration({ now: at('30/09/2016 23:59:59'), extension })),
    );

    // Assess
    expect(error).toBeInstanceOf(RuleViolationError);
  });

  it("another cell's extension does not help", () => {
    // Prepare
    const extension = { cellId: otherCell.id, closesBefore: at('16/10/2016 00:00:00') };

    // Act
    const error = thrownBy(() =>
      assertMayRegister(registration({ now: at('11/10/2016 00:00:00'), extension })),
    );

    // Assess
    expect(error).toBeInstanceOf(RuleViolationError);
    expect(pathsOf(error)).toEqual(['registrationWindow']);
  });

  it('an extension ending before the normal close does not shorten the window', () => {
    // Prepare
    const extension = { cellId: vanPhong.id, closesBefore: at('05/10/2016 00:00:00') };

    // Act / Assess
    expect(() =>
      assertMayRegister(registration({ now: at('10/10/2016 23:59:59'), extension })),
    ).not.toThrow();
  });

  it('an extension for the members of the cell too', () => {
    // Prepare
    const extension = { cellId: vanPhong.id, closesBefore: at('16/10/2016 00:00:00') };

    // Act / Assess
    expect(() => assertMayRegister(memberRegistersSelf({ now: at('12/10/2016'), extension }))).not.toThrow();
  });
});

describe('assertMayRegister — the campaign and year', () => {
  it.each([['draft' as const], ['closed' as const]])('refuses a %s campaign (422, campaignId)', (status) => {
    // Act
    const error = thrownBy(() => assertMayRegister(registration({ campaign: campaignWith({ status }) })));

    // Assess
    expect(error).toBeInstanceOf(RuleViolationError);
    expect(pathsOf(error)).toEqual(['campaignId']);
  });

  it.each([[2015], [2020], [2021]])('refuses %i, not a registration year (422, year)', (year) => {
    // Act
    const error = thrownBy(() => assertMayRegister(registration({ year, now: at(`05/10/${year}`) })));

    // Assess
    expect(error).toBeInstanceOf(RuleViolationError);
    expect(pathsOf(error)).toEqual(['year']);
    expect((error as RuleViolationError).fields[0]?.message).toContain('2016, 2017, 2018, 2019');
  });
});

describe('assertMayRegister — who', () => {
  it('a secretary registers a collective model for their own cell', () => {
    // Act / Assess
    expect(() => assertMayRegister(registration())).not.toThrow();
  });

  it('a secretary registers an individual model for a member of their cell', () => {
    // Act / Assess
    expect(() => assertMayRegister(registration({ kind: 'individual', subject: colleague }))).not.toThrow();
  });

  it('a secretary registers an individual model for themself', () => {
    // Act / Assess
    expect(() => assertMayRegister(registration({ kind: 'individual', subject: secretary }))).not.toThrow();
  });

  it('a member registers an individual model for themself', () => {
    // Act / Assess
    expect(() => assertMayRegister(memberRegistersSelf())).not.toThrow();
  });

  it('a member may not register a collective model (403, kind)', () => {
    // Act
    const error = thrownBy(() =>
      assertMayRegister(memberRegistersSelf({ kind: 'collective', subject: undefined })),
    );

    // Assess
    expect(error).toBeInstanceOf(ForbiddenError);
    expect(pathsOf(error)).toEqual(['kind']);
  });

  it('a member may not register an individual model for someone else (403, personId)', () => {
    // Act
    const error = thrownBy(() => assertMayRegister(memberRegistersSelf({ subject: colleague })));

    // Assess
    expect(error).toBeInstanceOf(ForbiddenError);
    expect(pathsOf(error)).toEqual(['personId']);
  });

  it('nobody registers for another cell, not even its neighbour secretary (403, cellId)', () => {
    // Act
    const bySecretary = thrownBy(() => assertMayRegister(registration({ cell: otherCell })));
    const byMember = thrownBy(() => assertMayRegister(memberRegistersSelf({ cell: otherCell })));

    // Assess
    expect(bySecretary).toBeInstanceOf(ForbiddenError);
    expect(pathsOf(bySecretary)).toEqual(['cellId']);
    expect(byMember).toBeInstanceOf(ForbiddenError);
    expect(pathsOf(byMember)).toEqual(['cellId']);
  });

  it('the secretary role only counts in the cell one belongs to', () => {
    // Prepare: a secretary of xd-kiem-tra-vb
    const otherSecretary = seedPerson('p007');

    // Act
    const error = thrownBy(() =>
      assertMayRegister(registration({ caller: callerOf(otherSecretary), callerPerson: otherSecretary })),
    );

    // Assess
    expect(error).toBeInstanceOf(ForbiddenError);
    expect(pathsOf(error)).toEqual(['cellId']);
  });

  it('a token for one person cannot act with another person record (403)', () => {
    // Act
    const error = thrownBy(() =>
      assertMayRegister(registration({ caller: callerOf(member), callerPerson: secretary })),
    );

    // Assess
    expect(error).toBeInstanceOf(ForbiddenError);
  });

  it('the secretary rights come from the token: without the role, a member only', () => {
    // Act
    const error = thrownBy(() =>
      assertMayRegister(registration({ caller: callerOf(secretary, ['member']) })),
    );

    // Assess
    expect(error).toBeInstanceOf(ForbiddenError);
    expect(pathsOf(error)).toEqual(['kind']);
  });

  it('office staff do not register for themselves without the member role', () => {
    // Prepare
    const officeOnly = callerOf(office, ['office']);

    // Act
    const error = thrownBy(() =>
      assertMayRegister(memberRegistersSelf({ caller: officeOnly, callerPerson: office, subject: office })),
    );

    // Assess
    expect(error).toBeInstanceOf(ForbiddenError);
  });

  it('is refused for another cell before the window is even looked at', () => {
    // Act
    const error = thrownBy(() => assertMayRegister(registration({ cell: otherCell, now: at('01/01/2017') })));

    // Assess
    expect(error).toBeInstanceOf(ForbiddenError);
  });
});

describe('assertMayRegister — the subject and duplicates', () => {
  it('an individual model needs a person (400, personId)', () => {
    // Act
    const error = thrownBy(() => assertMayRegister(registration({ kind: 'individual', subject: undefined })));

    // Assess
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(pathsOf(error)).toEqual(['personId']);
  });

  it('a collective model must not name a person (400, personId)', () => {
    // Act
    const error = thrownBy(() => assertMayRegister(registration({ kind: 'collective', subject: colleague })));

    // Assess
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(pathsOf(error)).toEqual(['personId']);
  });

  it("a secretary's individual model for a person of another cell is refused (422, personId)", () => {
    // Act
    const error = thrownBy(() => assertMayRegister(registration({ kind: 'individual', subject: outsider })));

    // Assess
    expect(error).toBeInstanceOf(RuleViolationError);
    expect(pathsOf(error)).toEqual(['personId']);
    expect((error as RuleViolationError).fields[0]?.message).toContain(outsider.name);
  });

  it('one individual model per person per year (409, personId)', () => {
    // Act
    const bySecretary = thrownBy(() =>
      assertMayRegister(
        registration({ kind: 'individual', subject: colleague, individualAlreadyRegistered: true }),
      ),
    );
    const byMember = thrownBy(() =>
      assertMayRegister(memberRegistersSelf({ individualAlreadyRegistered: true })),
    );

    // Assess
    expect(bySecretary).toBeInstanceOf(ConflictError);
    expect(pathsOf(bySecretary)).toEqual(['personId']);
    expect(byMember).toBeInstanceOf(ConflictError);
  });

  it('several collective models per cell are allowed (the duplicate flag is about individuals)', () => {
    // Act / Assess
    expect(() =>
      assertMayRegister(registration({ kind: 'collective', individualAlreadyRegistered: true })),
    ).not.toThrow();
  });

  it('checks in a fixed order: malformed before who, who before the campaign, the campaign before the window', () => {
    // Prepare: who is asking comes before anything that depends on the data, so that a refusal
    // never tells a caller of another cell whether a matching model exists.
    const everythingWrong = registration({
      campaign: campaignWith({ status: 'closed' }),
      cell: otherCell,
      now: at('01/01/2017'),
    });

    // Act / Assess
    expect(thrownBy(() => assertMayRegister({ ...everythingWrong, kind: 'individual' }))).toBeInstanceOf(
      InvalidInputError,
    );
    expect(thrownBy(() => assertMayRegister(everythingWrong))).toBeInstanceOf(ForbiddenError);
    expect(thrownBy(() => assertMayRegister({ ...everythingWrong, cell: vanPhong }))).toBeInstanceOf(
      RuleViolationError,
    );
    expect(
      thrownBy(() => assertMayRegister({ ...everythingWrong, cell: vanPhong, campaign: seedCampaign })),
    ).toBeInstanceOf(RuleViolationError);
  });
});

function model(overrides: Partial<RegisteredModelRef> = {}): RegisteredModelRef {
  return {
    kind: 'individual',
    cellId: vanPhong.id,
    personId: member.id,
    registeredBy: member.id,
    status: 'registered',
    year: 2016,
    ...overrides,
  };
}

function change(overrides: Partial<ChangeInput> = {}): ChangeInput {
  return {
    campaign: seedCampaign,
    now: at('08/10/2016 10:00:00'),
    caller: callerOf(member),
    callerPerson: member,
    model: model(),
    ...overrides,
  };
}

describe.each([
  ['assertMayEdit', assertMayEdit],
  ['assertMayWithdraw', assertMayWithdraw],
])('%s', (_name, assertMay) => {
  it('the registrant may, during the window', () => {
    // Act / Assess
    expect(() => assertMay(change())).not.toThrow();
  });

  it("the cell's secretary may, even on a model someone else registered", () => {
    // Act / Assess
    expect(() => assertMay(change({ caller: callerOf(secretary), callerPerson: secretary }))).not.toThrow();
    expect(() =>
      assertMay(
        change({
          caller: callerOf(secretary),
          callerPerson: secretary,
          model: model({ kind: 'collective', personId: undefined, registeredBy: 'p099' }),
        }),
      ),
    ).not.toThrow();
  });

  it('another member of the cell may not (403)', () => {
    // Act
    const error = thrownBy(() => assertMay(change({ caller: callerOf(colleague), callerPerson: colleague })));

    // Assess
    expect(error).toBeInstanceOf(ForbiddenError);
  });

  it("another cell's secretary may not (403)", () => {
    // Prepare
    const otherSecretary = seedPerson('p007');

    // Act
    const error = thrownBy(() =>
      assertMay(change({ caller: callerOf(otherSecretary), callerPerson: otherSecretary })),
    );

    // Assess
    expect(error).toBeInstanceOf(ForbiddenError);
  });

  it.each([
    ['10/10/2016 23:59:59', true],
    ['11/10/2016 00:00:00', false],
    ['30/09/2016 23:59:59', false],
  ])('at %s allowed: %s', (text, allowed) => {
    // Act
    const act = () => assertMay(change({ now: at(text) }));

    // Assess
    if (allowed) expect(act).not.toThrow();
    else {
      const error = thrownBy(act);
      expect(error).toBeInstanceOf(RuleViolationError);
      expect(pathsOf(error)).toEqual(['registrationWindow']);
    }
  });

  it("the cell's extension keeps it open", () => {
    // Prepare
    const extension = { cellId: vanPhong.id, closesBefore: at('20/10/2016') };

    // Act / Assess
    expect(() => assertMay(change({ now: at('19/10/2016 23:59:59'), extension }))).not.toThrow();
    expect(thrownBy(() => assertMay(change({ now: at('20/10/2016 00:00:00'), extension })))).toBeInstanceOf(
      RuleViolationError,
    );
  });

  it.each([['registered' as const], ['implementing' as const]])('allowed while %s', (status) => {
    // Act / Assess
    expect(() => assertMay(change({ model: model({ status }) }))).not.toThrow();
  });

  it.each<[ModelStatus]>([
    ['self_assessed'],
    ['reviewed'],
    ['recognized'],
    ['not_recognized'],
    ['missed_self_assessment'],
    ['withdrawn'],
  ])('refused when %s (409, status)', (status) => {
    // Act
    const error = thrownBy(() => assertMay(change({ model: model({ status }) })));

    // Assess
    expect(error).toBeInstanceOf(ConflictError);
    expect(pathsOf(error)).toEqual(['status']);
  });

  it('refused in a closed campaign (422)', () => {
    // Act
    const error = thrownBy(() => assertMay(change({ campaign: campaignWith({ status: 'closed' }) })));

    // Assess
    expect(error).toBeInstanceOf(RuleViolationError);
    expect(pathsOf(error)).toEqual(['campaignId']);
  });
});

describe('validateExtension', () => {
  const valid = {
    campaign: seedCampaign,
    year: 2016,
    closesBefore: at('20/10/2016 00:00:00'),
    reason: 'Chi bộ đang kiện toàn nhân sự Chi ủy',
    now: at('09/10/2016 08:00:00'),
  };

  it('accepts a later end with a reason', () => {
    // Act / Assess
    expect(() => validateExtension(valid)).not.toThrow();
  });

  it('may be granted after the window closed, as long as its end is ahead', () => {
    // Act / Assess
    expect(() => validateExtension({ ...valid, now: at('15/10/2016') })).not.toThrow();
  });

  it.each([[''], ['   ']])('needs a reason (400, reason) — %j', (reason) => {
    // Act
    const error = thrownBy(() => validateExtension({ ...valid, reason }));

    // Assess
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(pathsOf(error)).toEqual(['reason']);
  });

  it('needs a valid end instant (400)', () => {
    // Act
    const error = thrownBy(() => validateExtension({ ...valid, closesBefore: new Date(Number.NaN) }));

    // Assess
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(pathsOf(error)).toEqual(['closesBefore']);
  });

  it.each([['11/10/2016 00:00:00'], ['05/10/2016 00:00:00']])(
    'refuses an end at or before the normal close: %s',
    (text) => {
      // Act
      const error = thrownBy(() =>
        validateExtension({ ...valid, closesBefore: at(text), now: at('01/10/2016') }),
      );

      // Assess
      expect(error).toBeInstanceOf(RuleViolationError);
      expect(pathsOf(error)).toEqual(['closesBefore']);
      expect((error as RuleViolationError).fields[0]?.message).toContain('10/10/2016');
    },
  );

  it('accepts one second after the normal close', () => {
    // Act / Assess
    expect(() => validateExtension({ ...valid, closesBefore: at('11/10/2016 00:00:01') })).not.toThrow();
  });

  it('must end strictly before the self-assessment deadline ends', () => {
    // Act
    const atDeadline = thrownBy(() =>
      validateExtension({ ...valid, closesBefore: at('01/09/2017 00:00:00') }),
    );

    // Assess
    expect(() => validateExtension({ ...valid, closesBefore: at('31/08/2017 23:59:59') })).not.toThrow();
    expect(atDeadline).toBeInstanceOf(RuleViolationError);
    expect((atDeadline as RuleViolationError).fields[0]?.message).toContain('31/08/2017');
  });

  it('must end in the future', () => {
    // Act
    const error = thrownBy(() => validateExtension({ ...valid, now: at('20/10/2016 00:00:00') }));

    // Assess
    expect(error).toBeInstanceOf(RuleViolationError);
    expect(pathsOf(error)).toEqual(['closesBefore']);
  });

  it('refuses a year that is not a registration year, or an inactive campaign', () => {
    // Act
    const wrongYear = thrownBy(() => validateExtension({ ...valid, year: 2020 }));
    const closed = thrownBy(() =>
      validateExtension({ ...valid, campaign: campaignWith({ status: 'closed' }) }),
    );

    // Assess
    expect(pathsOf(wrongYear)).toEqual(['year']);
    expect(pathsOf(closed)).toEqual(['campaignId']);
  });
});

describe('effectiveWindow and describeWindow', () => {
  it('describes the normal window in whole days', () => {
    // Act
    const text = describeWindow(effectiveWindow(seedCampaign, 2017, vanPhong.id));

    // Assess
    expect(text).toBe('từ ngày 01/10/2017 đến hết ngày 10/10/2017');
  });

  it('describes an extension ending mid-day to the second', () => {
    // Prepare
    const extension = { cellId: vanPhong.id, closesBefore: at('15/10/2017 17:00:00') };

    // Act
    const text = describeWindow(effectiveWindow(seedCampaign, 2017, vanPhong.id, extension));

    // Assess
    expect(text).toBe('từ ngày 01/10/2017 đến trước 15/10/2017 17:00:00');
  });

  it('a member of a made-up cell is still only judged on their own cell', () => {
    // Prepare
    const stranger = person('x1', 'nowhere', ['member']);

    // Act
    const error = thrownBy(() =>
      assertMayRegister(
        memberRegistersSelf({ caller: callerOf(stranger), callerPerson: stranger, subject: stranger }),
      ),
    );

    // Assess
    expect(error).toBeInstanceOf(ForbiddenError);
    expect(pathsOf(error)).toEqual(['cellId']);
  });
});
