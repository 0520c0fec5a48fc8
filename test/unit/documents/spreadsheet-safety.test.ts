// Text people wrote that starts like a formula stays text in every exported
// workbook: no formula cell, and each such cell quoted (quotePrefix, Text format).
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { demoOrganization, seedCampaign } from '../../../infra/local/seed.ts';
import { buildReport, type ReportKind, type ReportModel } from '../../../shared/domain/reports.ts';
import { looksLikeFormula, reportWorkbook } from '../../../shared/reports/xlsx.ts';

const KINDS: ReportKind[] = ['registration-list', 'annual', 'phase'];
const DANGEROUS = [
  '=HYPERLINK("http://evil.example","x")',
  '+1+cmd|',
  '-2+3',
  '@SUM(A1:A9)',
  '\tx=1',
  '\r=1+1',
];
const { cells, people } = demoOrganization();

function models(): ReportModel[] {
  return DANGEROUS.map((title, index) => ({
    id: `m${index}`,
    year: 2016,
    kind: 'collective',
    cellId: 'van-phong',
    title,
    area: 1,
    status: 'recognized',
    tier: 'commended',
  }));
}

/** The cellXfs entries of a workbook's styles, in index order. */
function cellFormats(styles: string): string[] {
  const section = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? '';
  return section.match(/<xf [^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g) ?? [];
}

describe('spreadsheet safety', () => {
  it.each(KINDS)('the %s workbook holds no formula, and quotes formula-like text', async (kind) => {
    // Prepare
    const report = buildReport({
      kind,
      campaign: seedCampaign(),
      year: 2016,
      ...(kind === 'phase' ? { phase: seedCampaign().phases[0] } : {}),
      cells: cells.map((cell, index) => (index === 0 ? { ...cell, name: '=cmd|" /C calc"!A0' } : cell)),
      personNames: Object.fromEntries(people.map((person) => [person.id, person.name])),
      models: models(),
      now: new Date('2018-01-01T00:00:00+07:00'),
    });

    // Act
    const file = await reportWorkbook(report);

    // Assess: read back as a spreadsheet does.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file as unknown as ExcelJS.Buffer);
    const seen: string[] = [];
    workbook.eachSheet((sheet) =>
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
          if (typeof cell.value === 'string' && looksLikeFormula(cell.value)) seen.push(cell.value);
        }),
      ),
    );
    expect(seen.length).toBeGreaterThan(0);
    // And in the file itself: no <f> element; every formula-like text cell's style is quoted.
    const zip = await JSZip.loadAsync(file);
    const formats = cellFormats((await zip.file('xl/styles.xml')?.async('string')) ?? '');
    const shared = ((await zip.file('xl/sharedStrings.xml')?.async('string')) ?? '')
      .match(/<si>[\s\S]*?<\/si>/g)
      ?.map((item) =>
        (item.match(/<t[^>]*>([\s\S]*?)<\/t>/g) ?? []).map((t) => t.replace(/<[^>]+>/g, '')).join(''),
      );
    const sheets = Object.keys(zip.files).filter((name) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name));
    let quoted = 0;
    for (const name of sheets) {
      const xml = (await zip.file(name)?.async('string')) ?? '';
      expect(xml).not.toMatch(/<f[ >]/);
      for (const [, attributes = '', body = ''] of xml.matchAll(/<c ([^>]*?)>([\s\S]*?)<\/c>/g)) {
        const text = attributes.includes('t="s"')
          ? (shared?.[Number(/<v>(\d+)<\/v>/.exec(body)?.[1])] ?? '')
          : (/<t[^>]*>([\s\S]*?)<\/t>/.exec(body)?.[1] ?? '');
        const decoded = text
          .replaceAll('&quot;', '"')
          .replaceAll('&amp;', '&')
          .replaceAll('&#xD;', '\r')
          .replaceAll('_x000D_', '\r');
        if (!looksLikeFormula(decoded)) continue;
        const style = formats[Number(/\bs="(\d+)"/.exec(attributes)?.[1] ?? -1)] ?? '';
        expect(style, decoded).toContain('quotePrefix="1"');
        quoted += 1;
      }
    }
    expect(quoted).toBeGreaterThanOrEqual(seen.length);
  });
});
