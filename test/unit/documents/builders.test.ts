import { describe, expect, it } from 'vitest';
import { buildDocument, NARRATIVE_PLACEHOLDER } from '../../../shared/documents/builders.ts';
import {
  count,
  dayOf,
  numberLine,
  placeAndDate,
  recipientLines,
  roman,
  shortDate,
  upper,
} from '../../../shared/documents/format.ts';
import type { Block, OfficialDocument, TableBlock } from '../../../shared/documents/official-document.ts';
import { InvalidInputError } from '../../../shared/domain/errors.ts';
import { DEMO_ORGANIZATION_PROFILE, DOCUMENT_TYPES } from '../../../shared/domain/organization-profile.ts';
import { sampleInput } from '../../fixtures/document-inputs.ts';
import { thrownBy } from '../domain/fixtures.ts';

function texts(blocks: readonly Block[]): string[] {
  return blocks.flatMap((block) => {
    if (block.kind === 'paragraph') return [block.runs.map((run) => run.text).join('')];
    if (block.kind === 'heading') return [block.text];
    return block.rows.map((row) => ('group' in row ? row.group : row.cells.join(' | ')));
  });
}

function tableOf(doc: OfficialDocument): TableBlock {
  const table = [...doc.body, ...doc.annexes.flatMap((annex) => annex.blocks)].find(
    (block): block is TableBlock => block.kind === 'table',
  );
  if (!table) throw new Error('no table');
  return table;
}

describe("the form's wording", () => {
  it('writes the place and date as 36-HD does: a zero before days below 10 and before January and February', () => {
    // Prepare / Act / Assess
    expect(placeAndDate('Hà Tĩnh', '2018-01-05', false)).toBe('Hà Tĩnh, ngày 05 tháng 01 năm 2018');
    expect(placeAndDate('Hà Tĩnh', '2018-02-28', false)).toBe('Hà Tĩnh, ngày 28 tháng 02 năm 2018');
    expect(placeAndDate('Hà Nội', '2018-04-03', false)).toBe('Hà Nội, ngày 03 tháng 4 năm 2018');
    expect(placeAndDate('Hà Tĩnh', '2017-12-30', false)).toBe('Hà Tĩnh, ngày 30 tháng 12 năm 2017');
    expect(placeAndDate('Hà Tĩnh', '2018-01-05', true)).toBe(
      `Hà Tĩnh, ngày ${' '.repeat(5)} tháng ${' '.repeat(5)} năm 2018`,
    );
  });

  it("writes the number and symbol, leaving a draft's number blank", () => {
    // Prepare / Act / Assess
    expect(numberLine('QĐ/ĐU', 12, false)).toBe('Số 12-QĐ/ĐU');
    expect(numberLine('QĐ/ĐU', 12, true)).toBe('Số      -QĐ/ĐU');
    expect(numberLine('QĐ/ĐU', undefined, false)).toBe('Số      -QĐ/ĐU');
  });

  it('punctuates "Nơi nhận": a dash before each line, commas, a full stop at the end', () => {
    // Prepare / Act / Assess
    expect(recipientLines(['Như trên', '- Các chi bộ;', 'Lưu Văn phòng Đảng ủy.'])).toEqual([
      '- Như trên,',
      '- Các chi bộ,',
      '- Lưu Văn phòng Đảng ủy.',
    ]);
    expect(recipientLines([])).toEqual([]);
  });

  it('writes capitals, dates, counts and part numbers the Vietnamese way', () => {
    // Prepare / Act / Assess
    expect(upper('Đảng ủy Sở Tư pháp')).toBe('ĐẢNG ỦY SỞ TƯ PHÁP');
    expect(upper('Đảng ủy'.normalize('NFD'))).toBe('ĐẢNG ỦY');
    expect(shortDate('2018-01-05', false)).toBe('05/01/2018');
    expect(shortDate('2018-01-05', true)).toBe('     /     /2018');
    expect(dayOf('2016-10-03T23:30:00+07:00')).toBe('03/10/2016');
    expect(dayOf('2016-10-03T17:30:00Z')).toBe('04/10/2016');
    expect(dayOf('2016-10-03')).toBe('03/10/2016');
    expect([count(0), count(5), count(10), count(123)]).toEqual(['00', '05', '10', '123']);
    expect([1, 2, 3, 4, 5, 9, 14].map(roman)).toEqual(['I', 'II', 'III', 'IV', 'V', 'IX', 'XIV']);
  });
});

describe('buildDocument', () => {
  it.each(DOCUMENT_TYPES.map((type) => [type] as const))('gives the %s the header of the profile', (type) => {
    // Prepare / Act
    const doc = buildDocument(type, sampleInput(type));
    // Assess
    expect(doc.type).toBe(type);
    expect(doc.header.superiorBody).toBe('ĐẢNG BỘ KHỐI CÁC CƠ QUAN TỈNH');
    expect(doc.header.issuingBody).toBe('ĐẢNG ỦY SỞ TƯ PHÁP');
    expect(doc.header.numberLine).toMatch(new RegExp(`^Số \\d+-${DEMO_ORGANIZATION_PROFILE.symbols[type]}$`));
    expect(doc.header.placeAndDate).toMatch(/^Hà Tĩnh, ngày \d{2} tháng \d{1,2} năm \d{4}$/);
    expect(doc.orientation).toBe(type === 'certificate' ? 'landscape' : 'portrait');
  });

  it('takes everything about the committee from the profile', () => {
    // Prepare
    const profile = {
      ...DEMO_ORGANIZATION_PROFILE,
      superiorBody: 'Đảng bộ tỉnh Nghệ An',
      issuingBody: { fullName: 'Huyện ủy Nam Đàn', shortName: 'Huyện ủy' },
      partyOrganization: 'Đảng bộ huyện Nam Đàn',
      office: 'Văn phòng Huyện ủy',
      executiveBody: 'Ban Thường vụ Huyện ủy Nam Đàn',
      placeName: 'Nam Đàn',
      symbols: { ...DEMO_ORGANIZATION_PROFILE.symbols, 'recognition-decision': 'QĐ/HU' },
      recipients: {
        ...DEMO_ORGANIZATION_PROFILE.recipients,
        'recognition-decision': ['Lưu Văn phòng Huyện ủy'],
      },
    };
    // Act
    const doc = buildDocument('recognition-decision', { ...sampleInput('recognition-decision'), profile });
    // Assess
    expect(doc.header).toEqual({
      superiorBody: 'ĐẢNG BỘ TỈNH NGHỆ AN',
      issuingBody: 'HUYỆN ỦY NAM ĐÀN',
      numberLine: 'Số 12-QĐ/HU',
      placeAndDate: 'Nam Đàn, ngày 05 tháng 01 năm 2018',
    });
    expect(texts(doc.body)[0]).toBe('BAN THƯỜNG VỤ HUYỆN ỦY NAM ĐÀN');
    expect(doc.recipients).toEqual(['- Lưu Văn phòng Huyện ủy.']);
    expect(doc.annexes[0]?.note).toBe(
      '(Kèm theo Quyết định số 12-QĐ/HU, ngày 05/01/2018 của Ban Thường vụ Huyện ủy Nam Đàn)',
    );
    expect(JSON.stringify(doc)).not.toContain('Sở Tư pháp');
  });

  it("signs with the profile's default, a signer chosen by id, or a signer given whole", () => {
    // Prepare
    const input = sampleInput('annual-report');
    const secretary = { id: 'chi-bo', name: 'Lý Văn Nam', title: 'Bí thư', onBehalfOf: 'T/M Chi bộ' };
    // Act
    const byDefault = buildDocument('annual-report', input).signatures;
    const byId = buildDocument('annual-report', { ...input, signer: 'pho-bi-thu' }).signatures;
    const given = buildDocument('registration-list', {
      ...sampleInput('registration-list'),
      signer: secretary,
    }).signatures;
    // Assess
    expect(byDefault).toEqual([{ onBehalfOf: 'T/M BAN THƯỜNG VỤ', title: 'BÍ THƯ', name: 'Nguyễn Văn An' }]);
    expect(byId).toEqual([{ onBehalfOf: 'T/M BAN THƯỜNG VỤ', title: 'PHÓ BÍ THƯ', name: 'Đặng Quốc Hùng' }]);
    expect(given).toEqual([{ onBehalfOf: 'T/M CHI BỘ', title: 'BÍ THƯ', name: 'Lý Văn Nam' }]);
  });

  it('refuses a signer the profile does not know, naming the field', () => {
    // Prepare / Act
    const error = thrownBy(() =>
      buildDocument('certificate', { ...sampleInput('certificate'), signer: 'chanh-van-phong' }),
    );
    // Assess
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).fields).toEqual([
      { path: 'signer', message: 'Người ký không có trong danh sách người ký của hồ sơ tổ chức.' },
    ]);
  });

  it('lets the Office replace the default recipients', () => {
    // Prepare / Act
    const doc = buildDocument('annual-report', {
      ...sampleInput('annual-report'),
      recipients: ['Như trên', 'Lưu'],
    });
    // Assess
    expect(doc.recipients).toEqual(['- Như trên,', '- Lưu.']);
  });

  it("has the registration form's nine sections, signed by the cell and, for an individual, the registrant", () => {
    // Prepare
    const base = sampleInput('registration-form');
    const individual = {
      ...base,
      model: { ...base.model, kind: 'individual' as const, personName: 'Phạm Thị Dung' },
    };
    // Act
    const collectiveForm = buildDocument('registration-form', base);
    const individualForm = buildDocument('registration-form', individual);
    // Assess
    const headings = collectiveForm.body
      .filter((block) => block.kind === 'heading')
      .map((block) => block.kind === 'heading' && block.text);
    expect(headings).toEqual([
      '1. Tên mô hình, điển hình',
      '2. Thực trạng và vấn đề cần giải quyết',
      '3. Mục tiêu và tiêu chí',
      '4. Nội dung và phương pháp thực hiện',
      '5. Phạm vi và đối tượng thụ hưởng',
      '6. Lực lượng thực hiện và vai trò',
      '7. Nguồn lực và tiến độ',
      '8. Kết quả dự kiến đo lường được',
      '9. Tính bền vững và khả năng nhân rộng',
    ]);
    expect(collectiveForm.signatures.map((signature) => signature.onBehalfOf)).toEqual([
      'XÁC NHẬN CỦA CHI BỘ',
      'T/M CHI BỘ',
    ]);
    expect(individualForm.signatures[1]).toEqual({ title: 'NGƯỜI ĐĂNG KÝ', name: 'Phạm Thị Dung' });
    expect(texts(individualForm.body)).toContain('Người thực hiện: Phạm Thị Dung');
  });

  it("lists a cell's own models without groups, and the committee's per cell, the empty cells too", () => {
    // Prepare
    const base = sampleInput('registration-list');
    const own = base.models.filter((model) => model.cellName === 'Chi bộ Thanh tra Sở');
    // Act
    const cellList = buildDocument('registration-list', {
      ...base,
      cellName: 'Chi bộ Thanh tra Sở',
      models: own,
    });
    const consolidated = buildDocument('registration-list', base);
    // Assess
    expect(cellList.title.subject).toEqual([
      'đăng ký xây dựng mô hình, điển hình “Dân vận khéo” năm 2016',
      'của Chi bộ Thanh tra Sở',
    ]);
    expect(tableOf(cellList).rows).toEqual([
      { cells: ['1', 'Tiếp công dân bằng “bốn biết”', 'Tập thể', '–', 'Lĩnh vực 2', '10/10/2016'] },
      {
        cells: [
          '2',
          'Hòa giải khéo những vụ việc khiếu nại kéo dài',
          'Cá nhân',
          'Quách Thị Xuân',
          'Lĩnh vực 2',
          '10/10/2016',
        ],
      },
    ]);
    const groups = tableOf(consolidated).rows.flatMap((row) => ('group' in row ? [row.group] : []));
    expect(groups).toHaveLength(7);
    expect(groups.at(-1)).toBe(
      'Chi bộ Trung tâm Dịch vụ đấu giá tài sản (00 mô hình, điển hình (00 tập thể, 00 cá nhân))',
    );
    const numbers = tableOf(consolidated).rows.flatMap((row) =>
      'cells' in row && row.cells[0] ? [row.cells[0]] : [],
    );
    expect(numbers).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
  });

  it("writes a report's parts in order, and an issued report leaves out what nobody wrote", () => {
    // Prepare
    const input = { ...sampleInput('annual-report'), narrative: { strengths: ['Ưu điểm.'] } };
    // Act
    const issued = buildDocument('annual-report', input);
    const draft = buildDocument('annual-report', { ...input, status: 'draft' });
    // Assess
    const headingsOf = (doc: OfficialDocument) =>
      doc.body.flatMap((block) => (block.kind === 'heading' ? [block.text] : []));
    expect(headingsOf(issued)).toEqual([
      'I. KẾT QUẢ THỰC HIỆN',
      '1. Kết quả đăng ký và công nhận',
      '2. Các mô hình, điển hình tiêu biểu',
      '3. Các mô hình, điển hình được đề nghị khen thưởng',
      '4. Chi bộ chưa đạt yêu cầu của kế hoạch',
      'II. ĐÁNH GIÁ CHUNG',
      '1. Ưu điểm',
    ]);
    expect(headingsOf(draft)[0]).toBe('I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, TRIỂN KHAI THỰC HIỆN');
    expect(headingsOf(draft)).toContain('IV. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI');
    expect(texts(draft.body)).toContain(NARRATIVE_PLACEHOLDER);
    expect(texts(issued.body)).not.toContain(NARRATIVE_PLACEHOLDER);
  });

  it("takes the report's figures from buildReport as they are", () => {
    // Prepare
    const input = sampleInput('annual-report');
    // Act
    const doc = buildDocument('annual-report', input);
    // Assess
    const table = doc.body.find((block): block is TableBlock => block.kind === 'table');
    expect(table?.rows.at(-1)).toEqual({
      cells: ['Toàn Đảng bộ', '10', '5', '5', '8', '4', '2'],
      bold: true,
    });
    expect(texts(doc.body)).toContain(
      '- Chi bộ Trung tâm Dịch vụ đấu giá tài sản: Năm 2016: đăng ký 0 tập thể, 0 cá nhân — chưa đủ tối thiểu 1 tập thể và 1 cá nhân.',
    );
  });

  it('addresses a proposal to the committee or to the higher level', () => {
    // Prepare
    const input = sampleInput('commendation-proposal');
    // Act
    const higher = buildDocument('commendation-proposal', input);
    const committee = buildDocument('commendation-proposal', { ...input, level: 'party_committee' });
    // Assess
    expect(higher.addressee).toBe('Kính gửi: Ban Thường vụ Đảng ủy Khối các cơ quan tỉnh');
    expect(committee.addressee).toBe('Kính gửi: Ban Chấp hành Đảng bộ Sở Tư pháp');
  });

  it('marks the status and keeps the reason of a cancellation', () => {
    // Prepare / Act
    const cancelled = buildDocument('certificate', {
      ...sampleInput('certificate', 'cancelled'),
      cancelReason: 'Cấp nhầm.',
    });
    const issued = buildDocument('certificate', sampleInput('certificate'));
    // Assess
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.cancelReason).toBe('Cấp nhầm.');
    expect(cancelled.header.numberLine).toBe('Số 15-GCN/ĐU');
    expect(issued.cancelReason).toBeUndefined();
  });

  it('is pure: the same input gives the same document', () => {
    // Prepare / Act / Assess
    for (const type of DOCUMENT_TYPES) {
      expect(buildDocument(type, sampleInput(type))).toEqual(buildDocument(type, sampleInput(type)));
    }
  });
});
