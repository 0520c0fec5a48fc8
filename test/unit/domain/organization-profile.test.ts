import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../shared/domain/errors.ts';
import {
  checkOrganizationProfile,
  DEMO_ORGANIZATION_PROFILE,
  DOCUMENT_TYPE_LABELS,
  DOCUMENT_TYPES,
  defaultSigner,
  organizationProfileIssues,
  SIGNED_DOCUMENT_TYPES,
} from '../../../shared/domain/organization-profile.ts';
import { thrownBy } from './fixtures.ts';

type Mutable = Record<string, unknown>;

/** A deep copy of the demo profile with `change` applied to it. */
function profileWith(change: (profile: Mutable) => void): unknown {
  const copy = structuredClone(DEMO_ORGANIZATION_PROFILE) as unknown as Mutable;
  change(copy);
  return copy;
}

function record(value: unknown): Mutable {
  return value as Mutable;
}

/** The issues of a changed profile, as `path: message`. */
function issuesOf(change: (profile: Mutable) => void): { path: string; message: string }[] {
  return organizationProfileIssues(profileWith(change));
}

function paths(change: (profile: Mutable) => void): string[] {
  return issuesOf(change).map((issue) => issue.path);
}

describe('the demo profile', () => {
  it('is sound, and names the demo organization', () => {
    // Prepare / Act
    const issues = organizationProfileIssues(DEMO_ORGANIZATION_PROFILE);
    // Assess
    expect(issues).toEqual([]);
    expect(DEMO_ORGANIZATION_PROFILE.issuingBody.fullName).toBe('Đảng ủy Sở Tư pháp');
    expect(DEMO_ORGANIZATION_PROFILE.symbols['recognition-decision']).toBe('QĐ/ĐU');
  });

  it('has a symbol, recipients and a label for every document type, and a signer for every signed one', () => {
    // Prepare / Act / Assess
    for (const type of DOCUMENT_TYPES) {
      expect(DEMO_ORGANIZATION_PROFILE.symbols[type]).toMatch(/\//);
      expect(Array.isArray(DEMO_ORGANIZATION_PROFILE.recipients[type])).toBe(true);
      expect(DOCUMENT_TYPE_LABELS[type]).not.toBe('');
    }
    for (const type of SIGNED_DOCUMENT_TYPES) {
      expect(defaultSigner(DEMO_ORGANIZATION_PROFILE, type)?.onBehalfOf).toBe('T/M Ban Thường vụ');
    }
    expect(SIGNED_DOCUMENT_TYPES).not.toContain('registration-form');
  });
});

describe('checkOrganizationProfile', () => {
  it('returns a sound profile as it is', () => {
    // Prepare / Act
    const profile = checkOrganizationProfile(structuredClone(DEMO_ORGANIZATION_PROFILE));
    // Assess
    expect(profile).toEqual(DEMO_ORGANIZATION_PROFILE);
  });

  it('throws an InvalidInputError naming every field to fix, in Vietnamese', () => {
    // Prepare
    const broken = profileWith((profile) => {
      profile.placeName = '';
      record(profile.symbols)['recognition-decision'] = 'QĐ ĐU';
    });
    // Act
    const error = thrownBy(() => checkOrganizationProfile(broken));
    // Assess
    expect(error).toBeInstanceOf(InvalidInputError);
    const fields = (error as InvalidInputError).fields;
    expect(fields.map((field) => field.path)).toEqual(['placeName', 'symbols.recognition-decision']);
    expect((error as InvalidInputError).message).toBe('Hồ sơ tổ chức chưa hợp lệ, xin sửa các mục được nêu.');
    expect(fields[0]?.message).toBe('Địa danh không được để trống.');
  });
});

describe('organizationProfileIssues', () => {
  it.each([null, undefined, 'Đảng ủy', 42, []])('refuses %j as a whole', (value) => {
    // Prepare / Act
    const issues = organizationProfileIssues(value);
    // Assess
    expect(issues).toEqual([{ path: '', message: 'Hồ sơ tổ chức phải là một bản ghi có đủ các mục.' }]);
  });

  it('names every missing part of an empty record', () => {
    // Prepare / Act
    const found = organizationProfileIssues({}).map((issue) => issue.path);
    // Assess
    expect(found).toEqual([
      'superiorBody',
      'issuingBody',
      'partyOrganization',
      'executiveBody',
      'office',
      'placeName',
      'symbols',
      'signers',
      'defaultSigners',
      'recipients',
      'addressees',
    ]);
  });

  it('flags a field the profile does not have', () => {
    // Prepare / Act
    const issues = issuesOf((profile) => {
      profile.province = 'Hà Tĩnh';
    });
    // Assess
    expect(issues).toEqual([{ path: 'province', message: 'Hồ sơ tổ chức không có mục này.' }]);
  });

  describe.each([
    ['superiorBody', 'Tên cơ quan cấp trên trực tiếp'],
    ['partyOrganization', 'Tên Đảng bộ'],
    ['executiveBody', 'Tên tập thể lãnh đạo ký quyết định'],
    ['office', 'Tên Văn phòng'],
    ['placeName', 'Địa danh'],
  ] as const)('the one-line text %s', (field, label) => {
    it.each([
      ['missing', undefined, `${label} không được để trống.`],
      ['empty', '', `${label} không được để trống.`],
      ['blank', '   ', `${label} không được để trống.`],
      ['not text', 7, `${label} không được để trống.`],
      ['too long', 'Đ'.repeat(201), `${label} dài quá 200 ký tự.`],
      ['on two lines', 'Đảng bộ\nKhối', `${label} phải viết trên một dòng.`],
      ['padded', ' Hà Tĩnh ', `${label} không được có khoảng trắng ở đầu hoặc cuối.`],
    ])('is refused when %s', (_case, value, message) => {
      // Prepare / Act
      const issues = issuesOf((profile) => {
        profile[field] = value;
      });
      // Assess
      expect(issues).toEqual([{ path: field, message }]);
    });

    it('accepts 200 characters', () => {
      // Prepare / Act / Assess
      expect(paths((profile) => (profile[field] = 'Đ'.repeat(200)))).toEqual([]);
    });
  });

  it('refuses digits in the place name', () => {
    // Prepare / Act
    const issues = issuesOf((profile) => {
      profile.placeName = 'Quận 1';
    });
    // Assess
    expect(issues).toEqual([{ path: 'placeName', message: 'Địa danh không chứa chữ số.' }]);
  });

  describe('the issuing body', () => {
    it('needs its full and short names', () => {
      // Prepare / Act
      const issues = issuesOf((profile) => {
        profile.issuingBody = { fullName: '', shortName: 'x\ty' };
      });
      // Assess
      expect(issues).toEqual([
        { path: 'issuingBody.fullName', message: 'Tên đầy đủ của cơ quan ban hành không được để trống.' },
        {
          path: 'issuingBody.shortName',
          message: 'Tên rút gọn của cơ quan ban hành phải viết trên một dòng.',
        },
      ]);
    });

    it('is a record with nothing else', () => {
      // Prepare / Act / Assess
      expect(issuesOf((profile) => (profile.issuingBody = 'Đảng ủy Sở Tư pháp'))).toEqual([
        { path: 'issuingBody', message: 'Cần tên đầy đủ và tên rút gọn của cơ quan ban hành.' },
      ]);
      expect(paths((profile) => (record(profile.issuingBody).code = 'STP'))).toEqual(['issuingBody.code']);
    });
  });

  describe('the symbols', () => {
    it.each(['QĐ/ĐU', 'TTr/ĐU', 'BC/ĐUK', 'GCN/ĐU', 'QĐ-KT/ĐU', 'DS/ĐU/VP'])('accept %s', (symbol) => {
      // Prepare / Act / Assess
      expect(paths((profile) => (record(profile.symbols).certificate = symbol))).toEqual([]);
    });

    it.each(['QĐ', 'QĐ ĐU', '/ĐU', 'QĐ/', 'QĐ//ĐU', '12-QĐ/ĐU ', 'QĐ/ĐU.'])('refuse %j', (symbol) => {
      // Prepare / Act
      const issues = issuesOf((profile) => {
        record(profile.symbols).certificate = symbol;
      });
      // Assess
      expect(issues.map((issue) => issue.path)).toEqual(['symbols.certificate']);
      expect(issues[0]?.message).toMatch(/^Ký hiệu của giấy chứng nhận /);
    });

    it('need one for every document type, and know no other', () => {
      // Prepare / Act
      const issues = issuesOf((profile) => {
        const symbols = record(profile.symbols);
        delete symbols['term-report'];
        symbols.memo = 'CV/ĐU';
      });
      // Assess
      expect(issues).toEqual([
        { path: 'symbols.memo', message: 'Không có loại văn bản này trong ký hiệu văn bản.' },
        { path: 'symbols.term-report', message: 'Ký hiệu của báo cáo cuối nhiệm kỳ không được để trống.' },
      ]);
    });

    it('are a record', () => {
      // Prepare / Act / Assess
      expect(issuesOf((profile) => (profile.symbols = ['QĐ/ĐU']))).toEqual([
        { path: 'symbols', message: 'Ký hiệu văn bản phải có một mục cho mỗi loại văn bản.' },
      ]);
    });
  });

  describe('the signers', () => {
    it.each([
      ['missing', undefined],
      ['empty', []],
      ['not a list', { id: 'bi-thu' }],
    ])('are needed (%s)', (_case, value) => {
      // Prepare / Act
      const issues = issuesOf((profile) => {
        profile.signers = value;
      });
      // Assess
      expect(issues[0]).toEqual({ path: 'signers', message: 'Cần ít nhất một người ký văn bản.' });
    });

    it('are at most twenty', () => {
      // Prepare
      const many = Array.from({ length: 21 }, (_, index) => ({
        id: `nguoi-${index}`,
        name: 'Nguyễn Văn An',
        title: 'Ủy viên',
        onBehalfOf: 'T/M Ban Thường vụ',
      }));
      // Act
      const found = paths((profile) => {
        profile.signers = [...(profile.signers as unknown[]), ...many];
      });
      // Assess
      expect(found).toEqual(['signers']);
    });

    it('each have an id, a name, a title and an authority line', () => {
      // Prepare / Act
      const issues = issuesOf((profile) => {
        (profile.signers as unknown[]).push('Nguyễn Văn An', {
          id: 'Bí thư',
          name: '',
          title: '',
          onBehalfOf: '',
        });
      });
      // Assess
      expect(issues).toEqual([
        { path: 'signers.2', message: 'Người ký phải có mã, họ tên, chức vụ và dòng thẩm quyền ký.' },
        {
          path: 'signers.3.id',
          message: 'Mã người ký chỉ gồm chữ thường không dấu, chữ số và dấu gạch nối, ví dụ "bi-thu".',
        },
        { path: 'signers.3.name', message: 'Họ tên người ký không được để trống.' },
        { path: 'signers.3.title', message: 'Chức vụ người ký không được để trống.' },
        { path: 'signers.3.onBehalfOf', message: 'Dòng thẩm quyền ký không được để trống.' },
      ]);
    });

    it('have unique ids', () => {
      // Prepare / Act
      const issues = issuesOf((profile) => {
        const signers = profile.signers as Mutable[];
        signers.push({ ...signers[0] });
      });
      // Assess
      expect(issues).toEqual([{ path: 'signers.2.id', message: 'Mã người ký "bi-thu" bị trùng.' }]);
    });

    it.each(['Nguyễn Văn 4n', 'An@', '- An'])('refuse the name %j', (name) => {
      // Prepare / Act / Assess
      expect(issuesOf((profile) => (record((profile.signers as unknown[])[0]).name = name))).toEqual([
        { path: 'signers.0.name', message: 'Họ tên người ký chỉ gồm chữ cái và khoảng trắng.' },
      ]);
    });

    it.each(['T/M Ban Thường vụ', 'T/M ĐẢNG ỦY', 'K/T Chánh Văn phòng', 'T/L Ban Thường vụ', 'T/UQ Bí thư'])(
      'accept the authority line %j',
      (line) => {
        // Prepare / Act / Assess
        expect(paths((profile) => (record((profile.signers as unknown[])[0]).onBehalfOf = line))).toEqual([]);
      },
    );

    it.each(['Ban Thường vụ', 'T/M', 'TM Ban Thường vụ', 'Thay mặt Ban Thường vụ'])(
      'refuse the authority line %j',
      (line) => {
        // Prepare / Act
        const issues = issuesOf((profile) => {
          record((profile.signers as unknown[])[0]).onBehalfOf = line;
        });
        // Assess
        expect(issues.map((issue) => issue.path)).toEqual(['signers.0.onBehalfOf']);
        expect(issues[0]?.message).toMatch(/^Dòng thẩm quyền ký bắt đầu bằng T\/M, K\/T, T\/L hoặc T\/UQ/);
      },
    );

    it('have nothing else', () => {
      // Prepare / Act / Assess
      expect(issuesOf((profile) => (record((profile.signers as unknown[])[1]).phone = '0912'))).toEqual([
        { path: 'signers.1.phone', message: 'Người ký không có thông tin này.' },
      ]);
    });
  });

  describe('the default signers', () => {
    it('name a signer of the list for every signed document type', () => {
      // Prepare / Act
      const issues = issuesOf((profile) => {
        const defaults = record(profile.defaultSigners);
        defaults.certificate = 'chanh-van-phong';
        delete defaults['annual-report'];
      });
      // Assess
      expect(issues).toEqual([
        {
          path: 'defaultSigners.certificate',
          message: 'Người ký mặc định của giấy chứng nhận không có trong danh sách người ký.',
        },
        {
          path: 'defaultSigners.annual-report',
          message: 'Chưa chọn người ký mặc định cho báo cáo hằng năm.',
        },
      ]);
    });

    it('have none for the registration form, which the cell and the registrant sign', () => {
      // Prepare / Act / Assess
      expect(issuesOf((profile) => (record(profile.defaultSigners)['registration-form'] = 'bi-thu'))).toEqual(
        [
          {
            path: 'defaultSigners.registration-form',
            message: 'Phiếu đăng ký do chi bộ và người đăng ký ký, không có người ký mặc định.',
          },
        ],
      );
    });

    it('are a record', () => {
      // Prepare / Act / Assess
      expect(paths((profile) => (profile.defaultSigners = 'bi-thu'))).toEqual(['defaultSigners']);
    });
  });

  describe('the recipients', () => {
    it('are a list for every type, which may be empty', () => {
      // Prepare / Act
      const issues = issuesOf((profile) => {
        const recipients = record(profile.recipients);
        recipients['annual-report'] = [];
        recipients['term-report'] = 'Lưu Văn phòng Đảng ủy';
      });
      // Assess
      expect(issues).toEqual([
        {
          path: 'recipients.term-report',
          message: 'Nơi nhận của báo cáo cuối nhiệm kỳ phải là một danh sách (có thể để trống).',
        },
      ]);
    });

    it.each(['- Như trên', 'Như trên,', 'Lưu Văn phòng Đảng ủy.', '+ Các chi bộ', 'Như trên;'])(
      'are written without dash and final punctuation, not %j',
      (line) => {
        // Prepare / Act / Assess
        expect(issuesOf((profile) => (record(profile.recipients).certificate = [line]))).toEqual([
          {
            path: 'recipients.certificate.0',
            message: 'Nơi nhận ghi không kèm gạch đầu dòng và dấu câu cuối dòng; văn bản tự thêm.',
          },
        ]);
      },
    );

    it('are lines of text, at most twenty', () => {
      // Prepare / Act
      const found = paths((profile) => {
        const recipients = record(profile.recipients);
        recipients.certificate = ['Như trên', ''];
        recipients['phase-report'] = Array.from({ length: 21 }, () => 'Các chi bộ');
      });
      // Assess
      expect(found).toEqual(['recipients.certificate.1', 'recipients.phase-report']);
    });
  });

  describe('the addressees of a proposal', () => {
    it('name the committee level and the higher level', () => {
      // Prepare / Act
      const issues = issuesOf((profile) => {
        profile.addressees = { committee: '', province: 'Tỉnh ủy' };
      });
      // Assess
      expect(issues).toEqual([
        { path: 'addressees.committee', message: 'Nơi gửi tờ trình cấp Đảng ủy không được để trống.' },
        { path: 'addressees.higher', message: 'Nơi gửi tờ trình cấp trên không được để trống.' },
        { path: 'addressees.province', message: 'Nơi gửi tờ trình chỉ có cấp Đảng ủy và cấp trên.' },
      ]);
    });

    it('are a record', () => {
      // Prepare / Act / Assess
      expect(paths((profile) => (profile.addressees = null))).toEqual(['addressees']);
    });
  });
});
