// The drift between the people records and the user pool, and its words for the Office.
import { describe, expect, it } from 'vitest';
import { directoryUserOf, groupChanges, identityDrift } from '../../../shared/domain/identity-sync.ts';
import { describeDrift } from '../../../shared/services/identity-sync.ts';

const person = directoryUserOf({
  id: 'p001',
  username: 'an.nv',
  name: 'Nguyễn Văn An',
  email: 'an.nv@stp.example.vn',
  cellId: 'van-phong',
  roles: ['member', 'secretary'],
});

describe('the identity drift', () => {
  it('finds a changed email and a disabled user, and says so in Vietnamese', () => {
    // Act
    const drift = identityDrift(
      [person],
      [
        {
          username: 'an.nv',
          enabled: false,
          groups: ['secretary', 'member'],
          attributes: {
            email: 'cu@stp.example.vn',
            name: 'Nguyễn Văn An',
            'custom:personId': 'p001',
            'custom:cellId': 'van-phong',
          },
        },
      ],
    );
    // Assess
    expect(drift).toEqual([
      { kind: 'attributes', username: 'an.nv', names: ['email'] },
      { kind: 'disabled', username: 'an.nv' },
    ]);
    expect(drift.map(describeDrift)).toEqual([
      'an.nv: thông tin tài khoản khác hồ sơ (email)',
      'an.nv: tài khoản đang bị khóa dù người này còn trong hồ sơ',
    ]);
  });

  it('leaves groups that are no role alone', () => {
    // Act
    const changes = groupChanges(['member'], ['member', 'ap-southeast-1_admins', 'office']);
    // Assess
    expect(changes).toEqual({ add: [], remove: ['office'] });
  });
});
