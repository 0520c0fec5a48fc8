import { describe, expect, it } from 'vitest';
import { fieldChanges } from '../../../shared/domain/changes.ts';

describe('fieldChanges', () => {
  it('lists every field of a new record as new', () => {
    expect(fieldChanges(undefined, { name: 'Chi bộ A', secretaryId: 'p1' })).toEqual({
      name: { to: 'Chi bộ A' },
      secretaryId: { to: 'p1' },
    });
  });

  it('lists only the fields that differ, with from and to', () => {
    expect(
      fieldChanges(
        { name: 'A', email: 'a@x', roles: ['member'] },
        { name: 'A', email: 'b@x', roles: ['member'] },
      ),
    ).toEqual({
      email: { from: 'a@x', to: 'b@x' },
    });
  });

  it('compares nested objects by content, whatever the key order', () => {
    expect(
      fieldChanges(
        { quorum: { numerator: 2, denominator: 3 } },
        { quorum: { denominator: 3, numerator: 2 } },
      ),
    ).toEqual({});
    expect(
      fieldChanges(
        { quorum: { numerator: 2, denominator: 3 } },
        { quorum: { numerator: 1, denominator: 2 } },
      ),
    ).toEqual({
      quorum: { from: { numerator: 2, denominator: 3 }, to: { numerator: 1, denominator: 2 } },
    });
  });

  it('notes removed fields and ignores the who-and-when stamps', () => {
    expect(
      fieldChanges(
        { subField: 'x', updatedAt: '2016', updatedBy: 'p1', version: 1 },
        { updatedAt: '2017', updatedBy: 'p2', version: 2 },
      ),
    ).toEqual({ subField: { from: 'x' } });
  });

  it('treats array order as meaningful', () => {
    expect(fieldChanges({ roles: ['a', 'b'] }, { roles: ['b', 'a'] })).toEqual({
      roles: { from: ['a', 'b'], to: ['b', 'a'] },
    });
  });
});
