// The organization's profile: everything an official document says about the committee that issues
// it (Hướng dẫn 36-HD/VPTW). The Office keeps it; documents read it, so nothing about the committee is
// written into code or templates. Names are kept as people write them in a sentence ("Đảng ủy Sở Tư
// pháp"); a document prints them in capitals where the form wants capitals.
import { type FieldIssue, InvalidInputError } from './errors.ts';

/** The official documents the Office issues. */
export const DOCUMENT_TYPES = [
  'registration-form',
  'registration-list',
  'recognition-decision',
  'commendation-proposal',
  'certificate',
  'annual-report',
  'phase-report',
  'term-report',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** The documents the committee signs; a registration form is signed by the cell and the registrant. */
export type SignedDocumentType = Exclude<DocumentType, 'registration-form'>;
export const SIGNED_DOCUMENT_TYPES = DOCUMENT_TYPES.filter(
  (type): type is SignedDocumentType => type !== 'registration-form',
);

/** What each document is called, for people. */
export const DOCUMENT_TYPE_LABELS: Readonly<Record<DocumentType, string>> = {
  'registration-form': 'Phiếu đăng ký mô hình, điển hình',
  'registration-list': 'Danh sách đăng ký mô hình, điển hình',
  'recognition-decision': 'Quyết định công nhận mô hình, điển hình',
  'commendation-proposal': 'Tờ trình đề nghị biểu dương, khen thưởng',
  certificate: 'Giấy chứng nhận mô hình, điển hình',
  'annual-report': 'Báo cáo kết quả hằng năm',
  'phase-report': 'Báo cáo sơ kết, tổng kết',
  'term-report': 'Báo cáo cuối nhiệm kỳ',
};

/** Someone who signs the committee's documents, with the two lines above the name. */
export interface Signer {
  readonly id: string;
  /** Full name, as signed: "Nguyễn Văn An". */
  readonly name: string;
  /** The office held: "Bí thư", "Phó Bí thư" (printed in capitals). */
  readonly title: string;
  /** The authority line: "T/M Ban Thường vụ", "T/M Đảng ủy" (printed in capitals). */
  readonly onBehalfOf: string;
}

export interface OrganizationProfile {
  /** The superior body, first line of the header: "Đảng bộ Khối các cơ quan tỉnh". */
  readonly superiorBody: string;
  readonly issuingBody: {
    /** "Đảng ủy Sở Tư pháp": the header's second line, and the body's "của Đảng ủy Sở Tư pháp". */
    readonly fullName: string;
    /** "Đảng ủy Sở": how the body refers to the committee once it has been named. */
    readonly shortName: string;
  };
  /** The Party organization the committee leads: "Đảng bộ Sở Tư pháp". */
  readonly partyOrganization: string;
  /** The collective that decides and certifies: "Ban Thường vụ Đảng ủy Sở Tư pháp". */
  readonly executiveBody: string;
  /** The Office that prepares the documents: "Văn phòng Đảng ủy". */
  readonly office: string;
  /** The place name of "…, ngày … tháng … năm …": "Hà Tĩnh". */
  readonly placeName: string;
  /** The symbol after the number, per document type: "QĐ/ĐU" gives "Số 12-QĐ/ĐU". */
  readonly symbols: Readonly<Record<DocumentType, string>>;
  readonly signers: readonly Signer[];
  /** Which signer (by id) signs each document type unless the Office picks another. */
  readonly defaultSigners: Readonly<Record<SignedDocumentType, string>>;
  /** The default "Nơi nhận" list of each type, one recipient a line, without dashes or punctuation. */
  readonly recipients: Readonly<Record<DocumentType, readonly string[]>>;
  /** Whom a commendation proposal is addressed to ("Kính gửi"), by level. */
  readonly addressees: { readonly committee: string; readonly higher: string };
}

/**
 * The demo organization's profile: the Party Committee of the provincial Department of Justice
 * (Đảng ủy Sở Tư pháp), under the Party Committee of the province's agencies whose plan 16-KH/ĐUK
 * the seed plan carries out.
 */
export const DEMO_ORGANIZATION_PROFILE: OrganizationProfile = {
  superiorBody: 'Đảng bộ Khối các cơ quan tỉnh',
  issuingBody: { fullName: 'Đảng ủy Sở Tư pháp', shortName: 'Đảng ủy Sở' },
  partyOrganization: 'Đảng bộ Sở Tư pháp',
  executiveBody: 'Ban Thường vụ Đảng ủy Sở Tư pháp',
  office: 'Văn phòng Đảng ủy',
  placeName: 'Hà Tĩnh',
  symbols: {
    'registration-form': 'PĐK/ĐU',
    'registration-list': 'DS/ĐU',
    'recognition-decision': 'QĐ/ĐU',
    'commendation-proposal': 'TTr/ĐU',
    certificate: 'GCN/ĐU',
    'annual-report': 'BC/ĐU',
    'phase-report': 'BC/ĐU',
    'term-report': 'BC/ĐU',
  },
  signers: [
    { id: 'bi-thu', name: 'Nguyễn Văn An', title: 'Bí thư', onBehalfOf: 'T/M Ban Thường vụ' },
    { id: 'pho-bi-thu', name: 'Đặng Quốc Hùng', title: 'Phó Bí thư', onBehalfOf: 'T/M Ban Thường vụ' },
  ],
  defaultSigners: {
    'registration-list': 'pho-bi-thu',
    'recognition-decision': 'bi-thu',
    'commendation-proposal': 'bi-thu',
    certificate: 'bi-thu',
    'annual-report': 'bi-thu',
    'phase-report': 'bi-thu',
    'term-report': 'bi-thu',
  },
  recipients: {
    'registration-form': ['Chi bộ đăng ký', 'Lưu Văn phòng Đảng ủy'],
    'registration-list': [
      'Ban Thường vụ Đảng ủy (để báo cáo)',
      'Ủy ban Kiểm tra Đảng ủy',
      'Các chi bộ trực thuộc',
      'Lưu Văn phòng Đảng ủy',
    ],
    'recognition-decision': [
      'Ban Thường vụ Đảng ủy Khối (để báo cáo)',
      'Ban Dân vận Đảng ủy Khối (để báo cáo)',
      'Các đồng chí Ủy viên Ban Chấp hành Đảng bộ',
      'Như Điều 3',
      'Lưu Văn phòng Đảng ủy',
    ],
    'commendation-proposal': ['Như trên', 'Lưu Văn phòng Đảng ủy'],
    certificate: [],
    'annual-report': [
      'Ban Thường vụ Đảng ủy Khối (để báo cáo)',
      'Ban Dân vận Đảng ủy Khối (để báo cáo)',
      'Các chi bộ trực thuộc',
      'Lưu Văn phòng Đảng ủy',
    ],
    'phase-report': [
      'Ban Thường vụ Đảng ủy Khối (để báo cáo)',
      'Ban Dân vận Đảng ủy Khối (để báo cáo)',
      'Các chi bộ trực thuộc',
      'Lưu Văn phòng Đảng ủy',
    ],
    'term-report': [
      'Ban Thường vụ Đảng ủy Khối (để báo cáo)',
      'Ban Dân vận Đảng ủy Khối (để báo cáo)',
      'Đại hội Đảng bộ Sở Tư pháp',
      'Lưu Văn phòng Đảng ủy',
    ],
  },
  addressees: {
    committee: 'Ban Chấp hành Đảng bộ Sở Tư pháp',
    higher: 'Ban Thường vụ Đảng ủy Khối các cơ quan tỉnh',
  },
};

/** The signer a document of `type` gets unless another is chosen; undefined if the profile lost it. */
export function defaultSigner(profile: OrganizationProfile, type: SignedDocumentType): Signer | undefined {
  const id = profile.defaultSigners[type];
  return profile.signers.find((signer) => signer.id === id);
}

const TEXT_LIMIT = 200;
const SIGNER_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
// "QĐ/ĐU", "TTr/ĐU", "BC/ĐUK": letters or digits, at least one slash, no spaces.
const SYMBOL = /^[\p{L}\d]+(?:-[\p{L}\d]+)*(?:\/[\p{L}\d]+(?:-[\p{L}\d]+)*)+$/u;
const AUTHORITY_PREFIXES = ['T/M', 'K/T', 'T/L', 'T/UQ'];
const NAME = /^[\p{L}][\p{L}\p{M} .'-]*$/u;
const MAX_SIGNERS = 20;
const MAX_RECIPIENTS = 20;

const TOP_LEVEL_KEYS = [
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
] as const;

const TYPE_NAMES: Readonly<Record<DocumentType, string>> = {
  'registration-form': 'phiếu đăng ký',
  'registration-list': 'danh sách đăng ký',
  'recognition-decision': 'quyết định công nhận',
  'commendation-proposal': 'tờ trình đề nghị biểu dương, khen thưởng',
  certificate: 'giấy chứng nhận',
  'annual-report': 'báo cáo hằng năm',
  'phase-report': 'báo cáo sơ kết, tổng kết',
  'term-report': 'báo cáo cuối nhiệm kỳ',
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A required one-line text: not empty, not too long, no line breaks. */
function textIssue(value: unknown, path: string, label: string): FieldIssue | undefined {
  if (typeof value !== 'string' || value.trim() === '') {
    return { path, message: `${label} không được để trống.` };
  }
  if (value.length > TEXT_LIMIT) {
    return { path, message: `${label} dài quá ${TEXT_LIMIT} ký tự.` };
  }
  if (/[\r\n\t]/.test(value)) return { path, message: `${label} phải viết trên một dòng.` };
  if (value !== value.trim())
    return { path, message: `${label} không được có khoảng trắng ở đầu hoặc cuối.` };
  return undefined;
}

function push(issues: FieldIssue[], issue: FieldIssue | undefined): void {
  if (issue) issues.push(issue);
}

function perTypeRecord(
  value: unknown,
  path: string,
  label: string,
  issues: FieldIssue[],
): Record<string, unknown> | undefined {
  if (!isRecord(value)) {
    issues.push({ path, message: `${label} phải có một mục cho mỗi loại văn bản.` });
    return undefined;
  }
  for (const key of Object.keys(value)) {
    if (!(DOCUMENT_TYPES as readonly string[]).includes(key)) {
      issues.push({
        path: `${path}.${key}`,
        message: `Không có loại văn bản này trong ${label.toLowerCase()}.`,
      });
    }
  }
  return value;
}

function signerIssues(value: unknown, issues: FieldIssue[]): string[] {
  if (!Array.isArray(value) || value.length === 0) {
    issues.push({ path: 'signers', message: 'Cần ít nhất một người ký văn bản.' });
    return [];
  }
  if (value.length > MAX_SIGNERS) {
    issues.push({ path: 'signers', message: `Danh sách người ký có nhiều nhất ${MAX_SIGNERS} người.` });
  }
  const ids: string[] = [];
  value.forEach((signer: unknown, index) => {
    const path = `signers.${index}`;
    if (!isRecord(signer)) {
      issues.push({ path, message: 'Người ký phải có mã, họ tên, chức vụ và dòng thẩm quyền ký.' });
      return;
    }
    if (typeof signer.id !== 'string' || !SIGNER_ID.test(signer.id)) {
      issues.push({
        path: `${path}.id`,
        message: 'Mã người ký chỉ gồm chữ thường không dấu, chữ số và dấu gạch nối, ví dụ "bi-thu".',
      });
    } else if (ids.includes(signer.id)) {
      issues.push({ path: `${path}.id`, message: `Mã người ký "${signer.id}" bị trùng.` });
    } else {
      ids.push(signer.id);
    }
    const nameIssue = textIssue(signer.name, `${path}.name`, 'Họ tên người ký');
    push(issues, nameIssue);
    if (!nameIssue && typeof signer.name === 'string' && !NAME.test(signer.name)) {
      issues.push({ path: `${path}.name`, message: 'Họ tên người ký chỉ gồm chữ cái và khoảng trắng.' });
    }
    push(issues, textIssue(signer.title, `${path}.title`, 'Chức vụ người ký'));
    const authorityIssue = textIssue(signer.onBehalfOf, `${path}.onBehalfOf`, 'Dòng thẩm quyền ký');
    push(issues, authorityIssue);
    if (!authorityIssue && typeof signer.onBehalfOf === 'string') {
      const prefix = signer.onBehalfOf.split(' ')[0]?.toUpperCase() ?? '';
      if (!AUTHORITY_PREFIXES.includes(prefix) || signer.onBehalfOf.trim() === prefix) {
        issues.push({
          path: `${path}.onBehalfOf`,
          message:
            'Dòng thẩm quyền ký bắt đầu bằng T/M, K/T, T/L hoặc T/UQ rồi đến tên tập thể, ví dụ "T/M Ban Thường vụ".',
        });
      }
    }
    for (const key of Object.keys(signer)) {
      if (!['id', 'name', 'title', 'onBehalfOf'].includes(key)) {
        issues.push({ path: `${path}.${key}`, message: 'Người ký không có thông tin này.' });
      }
    }
  });
  return ids;
}

/** Every problem of a submitted profile, each naming its field in Vietnamese; empty when it is sound. */
export function organizationProfileIssues(value: unknown): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!isRecord(value)) return [{ path: '', message: 'Hồ sơ tổ chức phải là một bản ghi có đủ các mục.' }];

  for (const key of Object.keys(value)) {
    if (!(TOP_LEVEL_KEYS as readonly string[]).includes(key)) {
      issues.push({ path: key, message: 'Hồ sơ tổ chức không có mục này.' });
    }
  }
  push(issues, textIssue(value.superiorBody, 'superiorBody', 'Tên cơ quan cấp trên trực tiếp'));
  if (!isRecord(value.issuingBody)) {
    issues.push({ path: 'issuingBody', message: 'Cần tên đầy đủ và tên rút gọn của cơ quan ban hành.' });
  } else {
    push(
      issues,
      textIssue(value.issuingBody.fullName, 'issuingBody.fullName', 'Tên đầy đủ của cơ quan ban hành'),
    );
    push(
      issues,
      textIssue(value.issuingBody.shortName, 'issuingBody.shortName', 'Tên rút gọn của cơ quan ban hành'),
    );
    for (const key of Object.keys(value.issuingBody)) {
      if (!['fullName', 'shortName'].includes(key)) {
        issues.push({ path: `issuingBody.${key}`, message: 'Cơ quan ban hành không có thông tin này.' });
      }
    }
  }
  push(issues, textIssue(value.partyOrganization, 'partyOrganization', 'Tên Đảng bộ'));
  push(issues, textIssue(value.executiveBody, 'executiveBody', 'Tên tập thể lãnh đạo ký quyết định'));
  push(issues, textIssue(value.office, 'office', 'Tên Văn phòng'));
  const placeIssue = textIssue(value.placeName, 'placeName', 'Địa danh');
  push(issues, placeIssue);
  if (!placeIssue && typeof value.placeName === 'string' && /\d/.test(value.placeName)) {
    issues.push({ path: 'placeName', message: 'Địa danh không chứa chữ số.' });
  }

  const symbols = perTypeRecord(value.symbols, 'symbols', 'Ký hiệu văn bản', issues);
  if (symbols) {
    for (const type of DOCUMENT_TYPES) {
      const symbol = symbols[type];
      const path = `symbols.${type}`;
      const issue = textIssue(symbol, path, `Ký hiệu của ${TYPE_NAMES[type]}`);
      push(issues, issue);
      if (!issue && typeof symbol === 'string' && !SYMBOL.test(symbol)) {
        issues.push({
          path,
          message: `Ký hiệu của ${TYPE_NAMES[type]} gồm chữ viết tắt tên loại văn bản và tên cơ quan, cách nhau bằng dấu "/", ví dụ "QĐ/ĐU".`,
        });
      }
    }
  }

  const signerIds = signerIssues(value.signers, issues);

  const defaults = perTypeRecord(value.defaultSigners, 'defaultSigners', 'Người ký mặc định', issues);
  if (defaults) {
    if ('registration-form' in defaults) {
      issues.push({
        path: 'defaultSigners.registration-form',
        message: 'Phiếu đăng ký do chi bộ và người đăng ký ký, không có người ký mặc định.',
      });
    }
    for (const type of SIGNED_DOCUMENT_TYPES) {
      const id = defaults[type];
      const path = `defaultSigners.${type}`;
      if (typeof id !== 'string' || id === '') {
        issues.push({ path, message: `Chưa chọn người ký mặc định cho ${TYPE_NAMES[type]}.` });
      } else if (!signerIds.includes(id)) {
        issues.push({
          path,
          message: `Người ký mặc định của ${TYPE_NAMES[type]} không có trong danh sách người ký.`,
        });
      }
    }
  }

  const recipients = perTypeRecord(value.recipients, 'recipients', 'Nơi nhận', issues);
  if (recipients) {
    for (const type of DOCUMENT_TYPES) {
      const list = recipients[type];
      const path = `recipients.${type}`;
      if (!Array.isArray(list)) {
        issues.push({
          path,
          message: `Nơi nhận của ${TYPE_NAMES[type]} phải là một danh sách (có thể để trống).`,
        });
        continue;
      }
      if (list.length > MAX_RECIPIENTS) {
        issues.push({
          path,
          message: `Nơi nhận của ${TYPE_NAMES[type]} có nhiều nhất ${MAX_RECIPIENTS} dòng.`,
        });
      }
      list.forEach((recipient: unknown, index) => {
        const linePath = `${path}.${index}`;
        const issue = textIssue(recipient, linePath, 'Nơi nhận');
        push(issues, issue);
        if (!issue && typeof recipient === 'string' && /^[-–—•+]|[,.;]$/.test(recipient)) {
          issues.push({
            path: linePath,
            message: 'Nơi nhận ghi không kèm gạch đầu dòng và dấu câu cuối dòng; văn bản tự thêm.',
          });
        }
      });
    }
  }

  if (!isRecord(value.addressees)) {
    issues.push({ path: 'addressees', message: 'Cần nơi gửi tờ trình ở cấp Đảng ủy và ở cấp trên.' });
  } else {
    push(
      issues,
      textIssue(value.addressees.committee, 'addressees.committee', 'Nơi gửi tờ trình cấp Đảng ủy'),
    );
    push(issues, textIssue(value.addressees.higher, 'addressees.higher', 'Nơi gửi tờ trình cấp trên'));
    for (const key of Object.keys(value.addressees)) {
      if (!['committee', 'higher'].includes(key)) {
        issues.push({
          path: `addressees.${key}`,
          message: 'Nơi gửi tờ trình chỉ có cấp Đảng ủy và cấp trên.',
        });
      }
    }
  }
  return issues;
}

/** The profile, checked: returns it typed, or throws InvalidInputError naming every field to fix. */
export function checkOrganizationProfile(value: unknown): OrganizationProfile {
  const issues = organizationProfileIssues(value);
  if (issues.length > 0) {
    throw new InvalidInputError('Hồ sơ tổ chức chưa hợp lệ, xin sửa các mục được nêu.', issues);
  }
  return value as OrganizationProfile;
}
