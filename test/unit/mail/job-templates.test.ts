// The periodic review's emails that list cells or models stay readable, and
// small enough for the outbox, however large the committee.
import { describe, expect, it } from 'vitest';
import { seedCampaign } from '../../../infra/local/seed.ts';
import { buildReport, type ReportModel } from '../../../shared/domain/reports.ts';
import type { Cell } from '../../../shared/domain/types.ts';
import { type JobMailContext, jobMail, MAIL_LIST_MAX } from '../../../shared/mail/job-templates.ts';
import { addressTo } from '../../../shared/mail/templates.ts';

const campaign = seedCampaign();
const context: JobMailContext = { webUrl: 'https://dvk.example.vn', campaign, year: 2016 };
const recipient = { email: 'binh.tt@stp.example.vn', name: 'Trần Thị Bình' };

/** A committee of `count` cells; every cell but each tenth registers a collective and an individual model. */
function committee(count: number) {
  const cells: Cell[] = Array.from({ length: count }, (_, index) => ({
    id: `cb-${String(index).padStart(4, '0')}`,
    name: `Chi bộ số ${index + 1}`,
    secretaryId: `p-${index}`,
  }));
  const models: ReportModel[] = cells.flatMap((cell, index) =>
    index % 10 === 9
      ? []
      : (['collective', 'individual'] as const).map((kind) => ({
          id: `${cell.id}-${kind}`,
          year: 2016,
          kind,
          cellId: cell.id,
          ...(kind === 'individual' ? { personId: `p-${index}` } : {}),
          title: `Mô hình “Dân vận khéo” về cải cách hành chính số ${index + 1}`,
          area: 3,
          status: 'implementing' as const,
        })),
  );
  const personNames = Object.fromEntries(
    cells.map((_, index) => [`p-${index}`, `Đảng viên số ${index + 1}`]),
  );
  return buildReport({
    kind: 'registration-list',
    campaign,
    year: 2016,
    cells,
    personNames,
    models,
    now: new Date('2016-10-11T00:00:00+07:00'),
  });
}

describe('the registration list email', () => {
  it('lists every cell of a small committee, in the report’s order, with nothing left out', () => {
    // Prepare
    const report = committee(12);
    // Act
    const content = jobMail.registrationList(context, report);
    // Assess
    const cellLines = content.paragraphs.filter((line) => line.includes('Chi bộ số'));
    expect(cellLines).toHaveLength(12);
    expect(cellLines[9]).toBe('[CHƯA ĐỦ] Chi bộ số 10: (chưa đăng ký mô hình nào).');
    expect(content.paragraphs.some((line) => line.startsWith('… và'))).toBe(false);
  });

  it('shows a large committee’s cells short of models first, at most MAIL_LIST_MAX lines, and says how many are in the list it links to', () => {
    // Prepare: 600 cells, 60 of them with nothing registered
    const report = committee(600);
    // Act
    const content = jobMail.registrationList(context, report);
    const mail = addressTo(recipient, content);
    // Assess
    const cellLines = content.paragraphs.filter((line) => /^(\[CHƯA ĐỦ\] )?Chi bộ số/.test(line));
    expect(cellLines).toHaveLength(MAIL_LIST_MAX);
    expect(cellLines.slice(0, 60).every((line) => line.startsWith('[CHƯA ĐỦ] '))).toBe(true);
    expect(cellLines.slice(60).some((line) => line.startsWith('[CHƯA ĐỦ] '))).toBe(false);
    expect(content.paragraphs).toContain(
      `… và ${600 - MAIL_LIST_MAX} chi bộ khác: xem đầy đủ trong danh sách (đường dẫn dưới đây).`,
    );
    expect(content.subject).toContain('60 chi bộ chưa đủ');
    expect(content.link?.url).toContain('kind=registration-list');
    expect(Buffer.byteLength(JSON.stringify(mail))).toBeLessThan(200_000);
  });
});

describe('the recognition and review digest emails', () => {
  it('put the cells short of recognized models first when the list is cut', () => {
    // Prepare: 450 cells, every third one short
    const lines = Array.from({ length: 450 }, (_, index) => {
      const compliant = index % 3 !== 0;
      return {
        cellName: `Chi bộ số ${index + 1}`,
        compliance: {
          collectiveRegistered: 1,
          individualRegistered: 1,
          collectiveRecognized: 1,
          individualRecognized: compliant ? 1 : 0,
          registrationCompliant: true,
          compliant,
        },
      };
    });
    // Act
    const content = jobMail.recognitionCompliance(context, lines);
    // Assess
    const cellLines = content.paragraphs.filter((line) => /^(\[CHƯA ĐẠT\] )?Chi bộ số/.test(line));
    expect(cellLines).toHaveLength(MAIL_LIST_MAX);
    expect(cellLines.slice(0, 150).every((line) => line.startsWith('[CHƯA ĐẠT] '))).toBe(true);
    expect(content.subject).toContain('150 chi bộ chưa đạt');
    expect(content.paragraphs.at(-1)).toBe(
      `… và ${450 - MAIL_LIST_MAX} chi bộ khác: xem đầy đủ trong báo cáo (đường dẫn dưới đây).`,
    );
  });

  it('counts every model awaiting review in its subject, and lists at most MAIL_LIST_MAX of them', () => {
    // Prepare
    const models = Array.from({ length: 260 }, (_, index) => ({
      id: `m-${index}`,
      title: `Mô hình số ${index + 1}`,
      kind: 'collective' as const,
      cellName: `Chi bộ số ${index + 1}`,
    }));
    // Act
    const content = jobMail.reviewDigest(context, models, '2017-12-30');
    // Assess
    expect(content.subject).toContain('260 mô hình');
    expect(content.paragraphs.filter((line) => line.startsWith('- '))).toHaveLength(MAIL_LIST_MAX);
    expect(content.paragraphs.at(-1)).toBe(
      '… và 60 mô hình khác: xem trong danh sách việc cần làm (đường dẫn dưới đây).',
    );
  });
});
