import { beforeAll, describe, expect, it } from 'vitest';
import { renderDocx } from '../../../shared/documents/docx.ts';
import { buildDocument, type DocumentStatus } from '../../../shared/documents/index.ts';
import { renderPdf } from '../../../shared/documents/pdf.ts';
import { DOCUMENT_TYPES, type DocumentType } from '../../../shared/domain/organization-profile.ts';
import { sampleInput } from '../../fixtures/document-inputs.ts';
import { docxPart, docxText, flat, pdfInfo, pdfText } from '../../support/document-text.ts';

interface Files {
  readonly docx: Uint8Array;
  readonly pdf: Uint8Array;
  readonly docxText: string;
  readonly pdfText: string;
}

async function files(type: DocumentType, status: DocumentStatus = 'issued', reason?: string): Promise<Files> {
  const doc = buildDocument(type, sampleInput(type, status, reason ? { cancelReason: reason } : {}));
  const [docx, pdf] = await Promise.all([renderDocx(doc), renderPdf(doc)]);
  return { docx, pdf, docxText: flat(docxText(docx)), pdfText: flat(pdfText(pdf)) };
}

const HEADER = ['ĐẢNG CỘNG SẢN VIỆT NAM', 'ĐẢNG BỘ KHỐI CÁC CƠ QUAN TỈNH', 'ĐẢNG ỦY SỞ TƯ PHÁP'];
const COMMITTEE_SIGNATURE = ['T/M BAN THƯỜNG VỤ', 'BÍ THƯ', 'Nguyễn Văn An'];

/** What each issued sample must show, in the DOCX and in the PDF alike. */
const EXPECTED: Readonly<Record<DocumentType, readonly string[]>> = {
  'registration-form': [
    'Số 3-PĐK/ĐU',
    'Hà Tĩnh, ngày 05 tháng 10 năm 2016',
    'PHIẾU ĐĂNG KÝ',
    'xây dựng mô hình, điển hình “Dân vận khéo” năm 2016',
    'Chi bộ: Chi bộ Văn phòng Sở',
    'Loại mô hình: Mô hình tập thể',
    'Ngày đăng ký: 03/10/2016',
    '1. Tên mô hình, điển hình',
    'Văn phòng “ba không”: không giấy tờ tồn đọng, không phiền hà, không trễ hẹn',
    '2. Thực trạng và vấn đề cần giải quyết',
    '9. Tính bền vững và khả năng nhân rộng',
    'Quy trình được ban hành thành quy chế của Sở',
    'XÁC NHẬN CỦA CHI BỘ',
    'T/M CHI BỘ',
    'Nơi nhận:',
    '- Chi bộ đăng ký,',
    '- Lưu Văn phòng Đảng ủy.',
  ],
  'registration-list': [
    'Số 7-DS/ĐU',
    'Hà Tĩnh, ngày 12 tháng 10 năm 2016',
    'DANH SÁCH',
    'đăng ký xây dựng mô hình, điển hình “Dân vận khéo” năm 2016',
    'đã đăng ký 10 mô hình, điển hình (05 tập thể, 05 cá nhân)',
    'Chi bộ Văn phòng Sở (02 mô hình, điển hình (01 tập thể, 01 cá nhân))',
    'Chi bộ Trung tâm Dịch vụ đấu giá tài sản (00 mô hình, điển hình (00 tập thể, 00 cá nhân))',
    'Chưa đăng ký mô hình, điển hình nào',
    'Phạm Thị Dung',
    'Tiếp công dân bằng “bốn biết”',
    '10/10/2016',
    ...COMMITTEE_SIGNATURE.slice(0, 1),
    'PHÓ BÍ THƯ',
    'Đặng Quốc Hùng',
    'Nơi nhận:',
    '- Ủy ban Kiểm tra Đảng ủy,',
  ],
  'recognition-decision': [
    'Số 12-QĐ/ĐU',
    'Hà Tĩnh, ngày 05 tháng 01 năm 2018',
    'QUYẾT ĐỊNH',
    'công nhận mô hình, điển hình “Dân vận khéo” năm 2016',
    'BAN THƯỜNG VỤ ĐẢNG ỦY SỞ TƯ PHÁP',
    'Căn cứ Điều lệ Đảng Cộng sản Việt Nam;',
    'Điều 1.',
    'Công nhận 08 mô hình, điển hình (05 tập thể, 03 cá nhân)',
    'Điều 3.',
    'DANH SÁCH',
    '(Kèm theo Quyết định số 12-QĐ/ĐU, ngày 05/01/2018 của Ban Thường vụ Đảng ủy Sở Tư pháp)',
    'Tiếp công dân bằng “bốn biết”',
    'Phan Thị Ngọc',
    ...COMMITTEE_SIGNATURE,
    'Nơi nhận:',
    '- Như Điều 3,',
  ],
  'commendation-proposal': [
    'Số 14-TTr/ĐU',
    'Hà Tĩnh, ngày 10 tháng 01 năm 2018',
    'TỜ TRÌNH',
    'Kính gửi: Ban Thường vụ Đảng ủy Khối các cơ quan tỉnh',
    '08 mô hình, điển hình được công nhận',
    '02 mô hình, điển hình (02 tập thể, 00 cá nhân) tiêu biểu',
    'Một cửa liên thông lý lịch tư pháp trực tuyến',
    'kính đề nghị Ban Thường vụ Đảng ủy Khối các cơ quan tỉnh xem xét',
    ...COMMITTEE_SIGNATURE,
    'Nơi nhận:',
    '- Như trên,',
  ],
  certificate: [
    'Số 15-GCN/ĐU',
    'Hà Tĩnh, ngày 12 tháng 01 năm 2018',
    'GIẤY CHỨNG NHẬN',
    'BAN THƯỜNG VỤ ĐẢNG ỦY SỞ TƯ PHÁP CHỨNG NHẬN',
    'Tập thể Chi bộ Văn phòng Sở',
    'Đạt mô hình, điển hình “Dân vận khéo” năm 2016',
    '(Theo Quyết định số 12-QĐ/ĐU, ngày 05/01/2018 của Ban Thường vụ Đảng ủy Sở Tư pháp)',
    ...COMMITTEE_SIGNATURE,
  ],
  'annual-report': [
    'Số 20-BC/ĐU',
    'Hà Tĩnh, ngày 30 tháng 12 năm 2017',
    'BÁO CÁO',
    'kết quả thực hiện phong trào thi đua “Dân vận khéo” năm 2016',
    'I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, TRIỂN KHAI THỰC HIỆN',
    'II. KẾT QUẢ THỰC HIỆN',
    'Năm 2016, toàn Đảng bộ Sở Tư pháp có 10 mô hình, điển hình đăng ký (05 tập thể, 05 cá nhân); 08 mô hình, điển hình được công nhận, trong đó 04 tiêu biểu và 02 được đề nghị khen thưởng.',
    'Toàn Đảng bộ',
    'Chi bộ Trung tâm Dịch vụ đấu giá tài sản',
    'III. ĐÁNH GIÁ CHUNG',
    'IV. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI',
    'Nhận thức của đảng viên, công chức, viên chức về công tác dân vận được nâng lên.',
    ...COMMITTEE_SIGNATURE,
    'Nơi nhận:',
  ],
  'phase-report': [
    'Số 31-BC/ĐU',
    'Hà Tĩnh, ngày 25 tháng 9 năm 2018',
    'BÁO CÁO',
    'sơ kết phong trào thi đua “Dân vận khéo” đợt 1 (10/2016 - 10/2018)',
    'Qua các năm đăng ký 2016, 2017, toàn Đảng bộ Sở Tư pháp có 16 mô hình, điển hình đăng ký',
    'Năm 2016',
    'Năm 2017',
    'Bài học kinh nghiệm',
    ...COMMITTEE_SIGNATURE,
    'Nơi nhận:',
  ],
  'term-report': [
    'Số 45-BC/ĐU',
    'Hà Tĩnh, ngày 25 tháng 8 năm 2020',
    'BÁO CÁO',
    'kết quả thực hiện phong trào thi đua “Dân vận khéo” nhiệm kỳ 2015 - 2020',
    'Trong nhiệm kỳ 2015 - 2020, toàn Đảng bộ Sở Tư pháp có 16 mô hình, điển hình đăng ký',
    '- Đại hội Đảng bộ Sở Tư pháp,',
    ...COMMITTEE_SIGNATURE,
    'Nơi nhận:',
  ],
};

describe.each(DOCUMENT_TYPES.map((type) => [type] as const))('the %s, issued', (type) => {
  let rendered: Files;
  beforeAll(async () => {
    rendered = await files(type);
  });

  it('has the 36-HD header, title, signature and recipients in word/document.xml', () => {
    // Prepare
    const expected = [...HEADER, ...EXPECTED[type]];
    // Act
    const missing = expected.filter((text) => !rendered.docxText.includes(text));
    // Assess
    expect(missing).toEqual([]);
    expect(rendered.docxText).not.toContain('DỰ THẢO');
  });

  it('has the same parts in the PDF text, diacritics intact', () => {
    // Prepare
    const expected = [...HEADER, ...EXPECTED[type]];
    // Act
    const missing = expected.filter((text) => !rendered.pdfText.includes(text));
    // Assess
    expect(missing).toEqual([]);
    expect(rendered.pdfText).not.toContain('DỰ THẢO');
    expect(rendered.pdfText).not.toMatch(/[\uFFFD]/);
  });

  it('names Times New Roman in the DOCX and embeds Tinos in the PDF', () => {
    // Prepare / Act
    const styles = docxPart(rendered.docx, 'word/styles.xml');
    const { fonts } = pdfInfo(rendered.pdf);
    // Assess
    expect(styles).toContain('w:ascii="Times New Roman"');
    expect(docxPart(rendered.docx, 'word/document.xml')).not.toMatch(/w:ascii="(?!Times New Roman)/);
    const embedded = fonts
      .split('\n')
      .slice(2)
      .filter((line) => line.trim() !== '');
    expect(embedded.length).toBeGreaterThan(0);
    for (const line of embedded)
      expect(line).toMatch(/^[A-Z]{6}\+Tinos-\S+\s+CID TrueType\s+Identity-H\s+yes yes yes/);
  });

  it('is A4, landscape for the certificate only, with the 36-HD margins in Word', () => {
    // Prepare
    const landscape = type === 'certificate';
    // Act
    const { info } = pdfInfo(rendered.pdf);
    const xml = docxPart(rendered.docx, 'word/document.xml');
    // Assess
    expect(info).toMatch(
      landscape ? /Page size:\s+841\.89 x 595\.28 pts/ : /Page size:\s+595\.28 x 841\.89 pts \(A4\)/,
    );
    expect(xml).toMatch(
      landscape ? /<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/ : /<w:pgSz w:w="11906" w:h="16838"/,
    );
    if (!landscape) {
      // 20 mm top and bottom, 30 mm left, 15 mm right, in twentieths of a point.
      expect(xml).toMatch(/<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/);
    }
  });
});

describe('a draft', () => {
  it('is marked "DỰ THẢO" and leaves the number and the day of issue blank', async () => {
    // Prepare / Act
    const draft = await files('recognition-decision', 'draft');
    // Assess
    for (const text of [draft.docxText, draft.pdfText]) {
      expect(text).toContain('DỰ THẢO');
      expect(text).toContain('Số -QĐ/ĐU');
      expect(text).toContain('Hà Tĩnh, ngày tháng năm 2018');
      expect(text).toContain(
        '(Kèm theo Quyết định số -QĐ/ĐU, ngày / /2018 của Ban Thường vụ Đảng ủy Sở Tư pháp)',
      );
      expect(text).not.toContain('Số 12-QĐ/ĐU');
      expect(text).toContain('(chưa ký)');
    }
  });

  it('shows where the Office still has to write, and keeps the figures', async () => {
    // Prepare
    const input = sampleInput('annual-report', 'draft', { narrative: { strengths: ['Ưu điểm đã viết.'] } });
    // Act
    const doc = buildDocument('annual-report', input);
    const text = flat(pdfText(await renderPdf(doc)));
    // Assess
    expect(text).toContain('Ưu điểm đã viết.');
    expect(text).toContain('(Văn phòng Đảng ủy bổ sung nội dung trước khi ban hành.)');
    expect(text).toContain('toàn Đảng bộ Sở Tư pháp có 10 mô hình, điển hình đăng ký');
  });
});

describe('a cancelled document', () => {
  it('is marked "ĐÃ HỦY" with its reason, and keeps its number', async () => {
    // Prepare
    const reason = 'Cấp nhầm cho mô hình khác; đã cấp lại theo Giấy chứng nhận số 16-GCN/ĐU.';
    // Act
    const cancelled = await files('certificate', 'cancelled', reason);
    // Assess
    for (const text of [cancelled.docxText, cancelled.pdfText]) {
      expect(text).toContain('ĐÃ HỦY');
      expect(text).toContain(`Lý do hủy: ${reason}`);
      expect(text).toContain('Số 15-GCN/ĐU');
    }
  });
});

describe('the text people typed', () => {
  it('comes out in composed Unicode (NFC) even when typed decomposed', async () => {
    // Prepare
    const title = 'Tiếp dân “khéo”: lắng nghe, thấu hiểu, giải quyết dứt điểm';
    const base = sampleInput('certificate');
    const input = sampleInput('certificate', 'issued', {
      model: { ...base.model, title: title.normalize('NFD') },
    });
    // Act
    const doc = buildDocument('certificate', input);
    const [docx, pdf] = await Promise.all([renderDocx(doc), renderPdf(doc)]);
    // Assess
    expect(flat(docxText(docx))).toContain(title);
    expect(flat(pdfText(pdf))).toContain(title);
  });

  it('numbers the pages from the second, top center, in a long document', async () => {
    // Prepare
    const doc = buildDocument('term-report', sampleInput('term-report'));
    // Act
    const pdf = await renderPdf(doc);
    const pages = pdfText(pdf)
      .split('\f')
      .filter((page) => page.trim() !== '');
    const header = docxPart(await renderDocx(doc), 'word/document.xml');
    // Assess
    expect(pages.length).toBeGreaterThan(1);
    expect(pages[0]?.trim().startsWith('ĐẢNG BỘ KHỐI')).toBe(true);
    pages.slice(1).forEach((page, index) => {
      expect(page.trim().split('\n')[0]?.trim()).toBe(String(index + 2));
    });
    expect(header).toContain('<w:titlePg/>');
  });
});
