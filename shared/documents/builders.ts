// The eight documents' content, worded from plain data. Pure: the same input gives the same
// document. Everything about the committee comes from its profile.
import { InvalidInputError } from '../domain/errors.ts';
import { KIND_LABELS } from '../domain/model-kinds.ts';
import {
  type DocumentType,
  defaultSigner,
  type SignedDocumentType,
  type Signer,
} from '../domain/organization-profile.ts';
import { MODEL_SECTIONS, SECTION_LABELS } from '../domain/sections.ts';
import { count, dayOf, numberLine, placeAndDate, recipientLines, roman, shortDate, upper } from './format.ts';
import type {
  AnnualReportInput,
  CertificateInput,
  CommendationProposalInput,
  DocumentInputs,
  DocumentMeta,
  FigureCounts,
  ModelEntry,
  PhaseReportInput,
  RecognitionDecisionInput,
  RegistrationFormInput,
  RegistrationListInput,
  ReportFigures,
  ReportNarrative,
  TermReportInput,
} from './inputs.ts';
import {
  type Block,
  type OfficialDocument,
  para,
  runs,
  type SignatureBlock,
  type TableBlock,
  type TableRow,
} from './official-document.ts';

const MOVEMENT = '“Dân vận khéo”';
/** What a draft shows where the Office has still to write. */
export const NARRATIVE_PLACEHOLDER = '(Văn phòng Đảng ủy bổ sung nội dung trước khi ban hành.)';

function signerOf(meta: DocumentMeta, type: SignedDocumentType): Signer {
  const chosen = meta.signer;
  const signer =
    typeof chosen === 'object'
      ? chosen
      : chosen === undefined
        ? defaultSigner(meta.profile, type)
        : meta.profile.signers.find((candidate) => candidate.id === chosen);
  if (!signer) {
    throw new InvalidInputError('Không tìm thấy người ký văn bản trong hồ sơ tổ chức.', [
      { path: 'signer', message: 'Người ký không có trong danh sách người ký của hồ sơ tổ chức.' },
    ]);
  }
  return signer;
}

function signature(signer: Signer): SignatureBlock {
  return { onBehalfOf: upper(signer.onBehalfOf), title: upper(signer.title), name: signer.name };
}

interface Frame {
  readonly type: DocumentType;
  readonly meta: DocumentMeta;
  readonly kind: string;
  readonly subject: readonly string[];
  readonly body: readonly Block[];
  readonly signatures: readonly SignatureBlock[];
  readonly fileTitle: string;
  readonly addressee?: string;
  readonly annexes?: OfficialDocument['annexes'];
  readonly layout?: OfficialDocument['layout'];
}

function frame(parts: Frame): OfficialDocument {
  const { meta, type } = parts;
  const profile = meta.profile;
  const draft = meta.status === 'draft';
  return {
    type,
    status: meta.status,
    date: meta.date,
    ...(meta.status === 'cancelled' ? { cancelReason: meta.cancelReason ?? '' } : {}),
    orientation: parts.layout === 'certificate' ? 'landscape' : 'portrait',
    layout: parts.layout ?? 'letter',
    header: {
      superiorBody: upper(profile.superiorBody),
      issuingBody: upper(profile.issuingBody.fullName),
      numberLine: numberLine(profile.symbols[type], meta.number, draft),
      placeAndDate: placeAndDate(profile.placeName, meta.date, draft),
    },
    ...(parts.addressee ? { addressee: parts.addressee } : {}),
    title: { kind: parts.kind, subject: parts.subject },
    body: parts.body,
    signatures: parts.signatures,
    recipients: recipientLines(meta.recipients ?? profile.recipients[type]),
    annexes: parts.annexes ?? [],
    fileTitle: parts.fileTitle,
    author: profile.issuingBody.fullName,
  };
}

/** "Lĩnh vực 3 (Cải cách hành chính)". */
function areaLabel(model: ModelEntry): string {
  return model.subField ? `Lĩnh vực ${model.area} (${model.subField})` : `Lĩnh vực ${model.area}`;
}

/** A name as it reads inside a sentence: "Phong trào thi đua …" becomes "phong trào thi đua …". */
function inSentence(name: string): string {
  const [first = '', second = ''] = [...name];
  return second && second === second.toLowerCase() ? first.toLowerCase() + name.slice(first.length) : name;
}

/** A list's "Người thực hiện": the person of an individual model, a dash for a collective one. */
function performerOf(model: ModelEntry): string {
  return model.kind === 'individual' ? (model.personName ?? '') : '–';
}

/** The person of an individual model; the cell itself for a collective one. */
function personOf(model: {
  readonly kind: ModelEntry['kind'];
  readonly personName?: string;
  readonly cellName: string;
}) {
  return model.kind === 'individual' ? (model.personName ?? '') : model.cellName;
}

function kindCounts(models: readonly { readonly kind: ModelEntry['kind'] }[]): string {
  const collective = models.filter((model) => model.kind === 'collective').length;
  return `${count(models.length)} mô hình, điển hình (${count(collective)} tập thể, ${count(models.length - collective)} cá nhân)`;
}

function heading(level: 1 | 2, text: string): Block {
  return { kind: 'heading', level, text };
}

// --- Registration form ------------------------------------------------------------------------

function registrationForm(input: RegistrationFormInput): OfficialDocument {
  const { model } = input;
  const individual = model.kind === 'individual';
  const field = (label: string, value: string): Block =>
    runs([{ text: `${label}: `, bold: true }, { text: value }], { indent: false, align: 'left' });
  const sections: Block[] = MODEL_SECTIONS.flatMap((section, index) => [
    heading(2, `${index + 2}. ${SECTION_LABELS[section]}`),
    ...paragraphs(model.sections[section]),
  ]);
  return frame({
    type: 'registration-form',
    meta: input,
    kind: 'PHIẾU ĐĂNG KÝ',
    subject: [`xây dựng mô hình, điển hình ${MOVEMENT} năm ${input.year}`],
    fileTitle: `Phiếu đăng ký mô hình, điển hình “Dân vận khéo” năm ${input.year}: ${model.title}`,
    body: [
      field('Chi bộ', model.cellName),
      field('Loại mô hình', individual ? 'Điển hình cá nhân' : 'Mô hình tập thể'),
      ...(individual ? [field('Người thực hiện', model.personName ?? '')] : []),
      field('Lĩnh vực', model.areaName ? `${areaLabel(model)}: ${model.areaName}` : areaLabel(model)),
      field('Ngày đăng ký', dayOf(model.registeredAt)),
      field('Thuộc', input.campaignName),
      heading(2, '1. Tên mô hình, điển hình'),
      runs([{ text: model.title, bold: true }], { align: 'left', indent: true }),
      ...sections,
    ],
    signatures: [
      { onBehalfOf: 'XÁC NHẬN CỦA CHI BỘ', title: 'BÍ THƯ', name: input.secretaryName },
      individual
        ? { title: 'NGƯỜI ĐĂNG KÝ', name: model.personName ?? '' }
        : { onBehalfOf: 'T/M CHI BỘ', title: 'BÍ THƯ', name: input.secretaryName },
    ],
  });
}

/** Splits an entered text into paragraphs on blank lines or line breaks. */
function paragraphs(text: string): Block[] {
  const parts = text
    .split(/\r?\n+/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
  return (parts.length > 0 ? parts : ['…']).map((part) => para(part));
}

// --- Registration lists -----------------------------------------------------------------------

const LIST_COLUMNS: TableBlock['columns'] = [
  { header: 'TT', width: 6, align: 'center' },
  { header: 'Tên mô hình, điển hình', width: 34 },
  { header: 'Loại', width: 10, align: 'center' },
  { header: 'Người thực hiện', width: 18 },
  { header: 'Lĩnh vực', width: 17 },
  { header: 'Ngày đăng ký', width: 15, align: 'center' },
];

function listRow(model: ModelEntry, index: number): TableRow {
  return {
    cells: [
      String(index + 1),
      model.title,
      KIND_LABELS[model.kind],
      performerOf(model),
      areaLabel(model),
      dayOf(model.registeredAt),
    ],
  };
}

function byKindThenTitle(a: ModelEntry, b: ModelEntry): number {
  return a.kind.localeCompare(b.kind) || a.title.localeCompare(b.title, 'vi');
}

function registrationList(input: RegistrationListInput): OfficialDocument {
  const { profile } = input;
  const models = [...input.models];
  let rows: TableRow[];
  if (input.cellName) {
    rows = models.sort(byKindThenTitle).map(listRow);
  } else {
    const cellNames = [...(input.cellNames ?? [])];
    for (const model of models) if (!cellNames.includes(model.cellName)) cellNames.push(model.cellName);
    let index = 0;
    rows = cellNames.flatMap((cellName) => {
      const own = models.filter((model) => model.cellName === cellName).sort(byKindThenTitle);
      const group: TableRow = { group: `${cellName} (${kindCounts(own)})` };
      if (own.length === 0)
        return [group, { cells: ['', 'Chưa đăng ký mô hình, điển hình nào', '', '', '', ''] }];
      return [group, ...own.map((model) => listRow(model, index++))];
    });
  }
  const who = input.cellName ?? `các chi bộ trực thuộc ${profile.partyOrganization}`;
  return frame({
    type: 'registration-list',
    meta: input,
    kind: 'DANH SÁCH',
    subject: [
      `đăng ký xây dựng mô hình, điển hình ${MOVEMENT} năm ${input.year}`,
      ...(input.cellName ? [`của ${input.cellName}`] : []),
    ],
    fileTitle: `Danh sách đăng ký mô hình, điển hình “Dân vận khéo” năm ${input.year}${input.cellName ? ` của ${input.cellName}` : ''}`,
    body: [
      para(
        `Thực hiện ${inSentence(input.campaignName)}, trong đợt đăng ký tháng 10/${input.year}, ${who} đã đăng ký ${kindCounts(models)}, cụ thể như sau:`,
      ),
      { kind: 'table', columns: LIST_COLUMNS, rows, size: 12 },
    ],
    signatures: [signature(signerOf(input, 'registration-list'))],
  });
}

// --- Recognition decision ---------------------------------------------------------------------

function recognitionDecision(input: RecognitionDecisionInput): OfficialDocument {
  const { profile } = input;
  const draft = input.status === 'draft';
  const number = numberLine(profile.symbols['recognition-decision'], input.number, draft).replace(/^Số /, '');
  const bases = input.bases ?? [
    'Căn cứ Điều lệ Đảng Cộng sản Việt Nam;',
    `Căn cứ Quy chế làm việc của Ban Chấp hành ${profile.partyOrganization};`,
    `Căn cứ Kế hoạch triển khai thực hiện ${inSentence(input.campaignName)} của ${profile.issuingBody.fullName};`,
    `Xét kết quả bình xét của Ban Chấp hành ${profile.partyOrganization} và đề nghị của ${profile.office},`,
  ];
  const models = [...input.models].sort(
    (a, b) => a.cellName.localeCompare(b.cellName, 'vi') || byKindThenTitle(a, b),
  );
  const article = (label: string, text: string): Block => runs([{ text: `${label} `, bold: true }, { text }]);
  return frame({
    type: 'recognition-decision',
    meta: input,
    kind: 'QUYẾT ĐỊNH',
    subject: [`công nhận mô hình, điển hình ${MOVEMENT} năm ${input.year}`],
    fileTitle: `Quyết định công nhận mô hình, điển hình “Dân vận khéo” năm ${input.year}`,
    body: [
      { kind: 'paragraph', runs: [{ text: upper(profile.executiveBody), bold: true }], align: 'center' },
      ...bases.map((basis) => para(basis)),
      { kind: 'paragraph', runs: [{ text: 'QUYẾT ĐỊNH', bold: true }], align: 'center', spaceBefore: 6 },
      article(
        'Điều 1.',
        `Công nhận ${kindCounts(models)} đạt mô hình, điển hình ${MOVEMENT} năm ${input.year} (có danh sách kèm theo).`,
      ),
      article(
        'Điều 2.',
        `Các tập thể, cá nhân được công nhận tiếp tục duy trì, phát huy và nhân rộng mô hình, điển hình trong cơ quan, đơn vị; những mô hình, điển hình tiêu biểu được xem xét đề nghị biểu dương, khen thưởng theo kế hoạch.`,
      ),
      article(
        'Điều 3.',
        `${profile.office}, các chi bộ trực thuộc và các tập thể, cá nhân có tên tại Điều 1 căn cứ Quyết định thi hành. Quyết định có hiệu lực kể từ ngày ký./.`,
      ),
    ],
    signatures: [signature(signerOf(input, 'recognition-decision'))],
    annexes: [
      {
        title: 'DANH SÁCH',
        subtitle: `mô hình, điển hình ${MOVEMENT} được công nhận năm ${input.year}`,
        note: `(Kèm theo Quyết định số ${number}, ngày ${shortDate(input.date, draft)} của ${profile.executiveBody})`,
        blocks: [
          {
            kind: 'table',
            size: 12,
            columns: [
              { header: 'TT', width: 6, align: 'center' },
              { header: 'Tên mô hình, điển hình', width: 30 },
              { header: 'Loại', width: 10, align: 'center' },
              { header: 'Người thực hiện', width: 16 },
              { header: 'Chi bộ', width: 20 },
              { header: 'Lĩnh vực', width: 18 },
            ],
            rows: models.map((model, index) => ({
              cells: [
                String(index + 1),
                model.title,
                KIND_LABELS[model.kind],
                performerOf(model),
                model.cellName,
                areaLabel(model),
              ],
            })),
          },
        ],
      },
    ],
  });
}

// --- Commendation proposal ---------------------------------------------------------------------

function commendationProposal(input: CommendationProposalInput): OfficialDocument {
  const { profile } = input;
  const addressee = input.level === 'higher' ? profile.addressees.higher : profile.addressees.committee;
  const recognized =
    input.recognizedCount === undefined
      ? ''
      : ` (toàn ${profile.partyOrganization} có ${count(input.recognizedCount)} mô hình, điển hình được công nhận)`;
  return frame({
    type: 'commendation-proposal',
    meta: input,
    kind: 'TỜ TRÌNH',
    subject: [`đề nghị biểu dương, khen thưởng mô hình, điển hình ${MOVEMENT} tiêu biểu ${input.occasion}`],
    addressee: `Kính gửi: ${addressee}`,
    fileTitle: `Tờ trình đề nghị biểu dương, khen thưởng mô hình, điển hình “Dân vận khéo” tiêu biểu ${input.occasion}`,
    body: [
      para(
        `Thực hiện ${inSentence(input.campaignName)}, trên cơ sở kết quả bình xét, công nhận mô hình, điển hình ${MOVEMENT} ${input.occasion}${recognized} và đề nghị của các chi bộ, ${profile.executiveBody} đề nghị biểu dương, khen thưởng ${kindCounts(input.models)} tiêu biểu sau:`,
      ),
      {
        kind: 'table',
        size: 12,
        columns: [
          { header: 'TT', width: 6, align: 'center' },
          { header: 'Tập thể, cá nhân', width: 20 },
          { header: 'Tên mô hình, điển hình', width: 30 },
          { header: 'Chi bộ', width: 18 },
          { header: 'Thành tích tiêu biểu', width: 26 },
        ],
        rows: input.models.map((model, index) => ({
          cells: [String(index + 1), personOf(model), model.title, model.cellName, model.achievements ?? ''],
        })),
      },
      ...(input.reasons ?? []).map((reason) => para(reason)),
      para(
        `${profile.executiveBody} kính đề nghị ${addressee} xem xét, biểu dương, khen thưởng các tập thể, cá nhân nêu trên./.`,
      ),
    ],
    signatures: [signature(signerOf(input, 'commendation-proposal'))],
  });
}

// --- Certificate -------------------------------------------------------------------------------

function certificate(input: CertificateInput): OfficialDocument {
  const { profile, model } = input;
  const decisionDraft = input.decision.number === undefined;
  const decisionNumber = numberLine(
    profile.symbols['recognition-decision'],
    input.decision.number,
    decisionDraft,
  ).replace(/^Số /, '');
  const who =
    model.kind === 'individual'
      ? `Đồng chí ${model.personName ?? ''} — ${model.cellName}`
      : `Tập thể ${model.cellName}`;
  const centered = (
    text: string,
    extra: { bold?: boolean; italic?: boolean; size?: number } = {},
  ): Block => ({
    kind: 'paragraph',
    runs: [{ text, ...(extra.bold ? { bold: true } : {}), ...(extra.italic ? { italic: true } : {}) }],
    align: 'center',
    ...(extra.size ? { size: extra.size } : {}),
  });
  return frame({
    type: 'certificate',
    meta: input,
    layout: 'certificate',
    kind: 'GIẤY CHỨNG NHẬN',
    subject: [],
    fileTitle: `Giấy chứng nhận mô hình, điển hình “Dân vận khéo” năm ${input.year}: ${model.title}`,
    body: [
      centered(`${upper(profile.executiveBody)} CHỨNG NHẬN`, { bold: true, size: 15 }),
      centered(who, { bold: true, size: 20 }),
      centered(`${model.kind === 'individual' ? 'Điển hình cá nhân' : 'Mô hình tập thể'}: “${model.title}”`, {
        bold: true,
        size: 17,
      }),
      centered(`Đạt mô hình, điển hình ${MOVEMENT} năm ${input.year}`, { size: 16 }),
      centered(
        `(Theo Quyết định số ${decisionNumber}, ngày ${shortDate(input.decision.date, decisionDraft)} của ${profile.executiveBody})`,
        { italic: true },
      ),
    ],
    signatures: [signature(signerOf(input, 'certificate'))],
  });
}

// --- Reports -----------------------------------------------------------------------------------

function areaSummary(counts: FigureCounts, areas: ReportFigures['areas']): string {
  const parts = areas.map((area) => `lĩnh vực ${area.id}: ${count(counts.byArea[String(area.id)] ?? 0)}`);
  return parts.length > 0 ? ` Theo lĩnh vực: ${parts.join('; ')}.` : '';
}

function countsSentence(lead: string, counts: FigureCounts, areas: ReportFigures['areas']): string {
  return `${lead} có ${count(counts.total)} mô hình, điển hình đăng ký (${count(counts.collective)} tập thể, ${count(counts.individual)} cá nhân); ${count(counts.recognized)} mô hình, điển hình được công nhận, trong đó ${count(counts.exemplary)} tiêu biểu và ${count(counts.commended)} được đề nghị khen thưởng.${areaSummary(counts, areas)}`;
}

const COUNT_COLUMNS = [
  { header: 'Đăng ký', width: 11, align: 'center' },
  { header: 'Tập thể', width: 11, align: 'center' },
  { header: 'Cá nhân', width: 11, align: 'center' },
  { header: 'Được công nhận', width: 13, align: 'center' },
  { header: 'Tiêu biểu', width: 11, align: 'center' },
  { header: 'Đề nghị khen thưởng', width: 13, align: 'center' },
] as const;

function countCells(counts: FigureCounts): string[] {
  return [
    counts.total,
    counts.collective,
    counts.individual,
    counts.recognized,
    counts.exemplary,
    counts.commended,
  ].map(String);
}

function cellTable(figures: ReportFigures): TableBlock {
  return {
    kind: 'table',
    size: 12,
    columns: [{ header: 'Chi bộ', width: 30 }, ...COUNT_COLUMNS],
    rows: [
      ...figures.cells.map((cell) => ({ cells: [cell.cellName, ...countCells(cell.counts)] })),
      { cells: ['Toàn Đảng bộ', ...countCells(figures.totals)], bold: true },
    ],
  };
}

function yearTable(figures: ReportFigures): TableBlock {
  return {
    kind: 'table',
    size: 12,
    columns: [{ header: 'Năm đăng ký', width: 30 }, ...COUNT_COLUMNS],
    rows: [
      ...figures.byYear.map((year) => ({ cells: [`Năm ${year.year}`, ...countCells(year)] })),
      { cells: ['Cộng', ...countCells(figures.totals)], bold: true },
    ],
  };
}

function modelLines(models: ReportFigures['exemplary']): Block[] {
  return models.map((model) =>
    para(
      `- ${model.title} (${model.kind === 'individual' ? `cá nhân: ${model.personName}, ${model.cellName}` : `tập thể: ${model.cellName}`}).`,
    ),
  );
}

interface ReportParts {
  readonly type: 'annual-report' | 'phase-report' | 'term-report';
  readonly meta: DocumentMeta;
  readonly subject: string;
  readonly fileTitle: string;
  readonly period: string;
  readonly campaignName: string;
  readonly figures: ReportFigures;
  readonly narrative: ReportNarrative;
  /** Phase and term reports show each year, and lessons learned. */
  readonly multiYear: boolean;
}

function report(parts: ReportParts): OfficialDocument {
  const { meta, figures, narrative } = parts;
  const { profile } = meta;
  const draft = meta.status === 'draft';
  // A draft shows every heading, with a note where the Office still has to write; an issued report
  // leaves out what nobody wrote, and the numbering closes up.
  const text = (entries: readonly string[] | undefined): Block[] =>
    entries && entries.length > 0
      ? entries.map((entry) => para(entry))
      : draft
        ? [para(NARRATIVE_PLACEHOLDER)]
        : [];
  type Sub = { readonly title: string; readonly blocks: readonly Block[] };
  type Part = { readonly title: string; readonly subs: readonly Sub[] };
  const results: Sub[] = [
    {
      title: 'Kết quả đăng ký và công nhận',
      blocks: [
        para(
          countsSentence(`${parts.period}, toàn ${profile.partyOrganization}`, figures.totals, figures.areas),
        ),
        ...(parts.multiYear ? [yearTable(figures)] : []),
        cellTable(figures),
      ],
    },
    {
      title: 'Các mô hình, điển hình tiêu biểu',
      blocks:
        figures.exemplary.length > 0
          ? modelLines(figures.exemplary)
          : [para('Chưa có mô hình, điển hình được chọn là tiêu biểu.')],
    },
    ...(figures.commended.length > 0
      ? [{ title: 'Các mô hình, điển hình được đề nghị khen thưởng', blocks: modelLines(figures.commended) }]
      : []),
    {
      title: 'Chi bộ chưa đạt yêu cầu của kế hoạch',
      blocks:
        figures.flagged.length > 0
          ? figures.flagged.map((flag) => para(`- ${flag.cellName}: ${flag.message}`))
          : [para('Tất cả các chi bộ đều đạt yêu cầu đăng ký và công nhận của kế hoạch.')],
    },
    { title: 'Đánh giá kết quả', blocks: text(narrative.results) },
  ];
  const partsList: Part[] = [
    {
      title: 'CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, TRIỂN KHAI THỰC HIỆN',
      subs: [{ title: '', blocks: text(narrative.leadership) }],
    },
    { title: 'KẾT QUẢ THỰC HIỆN', subs: results },
    {
      title: 'ĐÁNH GIÁ CHUNG',
      subs: [
        { title: 'Ưu điểm', blocks: text(narrative.strengths) },
        { title: 'Hạn chế, nguyên nhân', blocks: text(narrative.weaknesses) },
        ...(parts.multiYear ? [{ title: 'Bài học kinh nghiệm', blocks: text(narrative.lessons) }] : []),
      ],
    },
    {
      title: 'PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI',
      subs: [
        { title: '', blocks: text(narrative.directions) },
        { title: 'Đề xuất, kiến nghị', blocks: text(narrative.proposals) },
      ],
    },
  ];
  const body: Block[] = [
    para(
      `Thực hiện ${inSentence(parts.campaignName)}, ${profile.issuingBody.fullName} báo cáo ${parts.subject} như sau:`,
    ),
  ];
  let partNumber = 0;
  for (const part of partsList) {
    const subs = part.subs.filter((sub) => sub.blocks.length > 0);
    if (subs.length === 0) continue;
    partNumber += 1;
    body.push(heading(1, `${roman(partNumber)}. ${part.title}`));
    let subNumber = 0;
    for (const sub of subs) {
      if (sub.title) {
        subNumber += 1;
        body.push(heading(2, `${subNumber}. ${sub.title}`));
      }
      body.push(...sub.blocks);
    }
  }
  body.push(para(`Trên đây là báo cáo ${parts.subject} của ${profile.issuingBody.fullName}./.`));
  return frame({
    type: parts.type,
    meta,
    kind: 'BÁO CÁO',
    subject: [parts.subject],
    fileTitle: parts.fileTitle,
    body,
    signatures: [signature(signerOf(meta, parts.type))],
  });
}

function annualReport(input: AnnualReportInput): OfficialDocument {
  return report({
    type: 'annual-report',
    meta: input,
    subject: `kết quả thực hiện phong trào thi đua ${MOVEMENT} năm ${input.year}`,
    fileTitle: `Báo cáo kết quả thực hiện phong trào thi đua “Dân vận khéo” năm ${input.year}`,
    period: `Năm ${input.year}`,
    campaignName: input.campaignName,
    figures: input.figures,
    narrative: input.narrative ?? {},
    multiYear: false,
  });
}

function phaseReport(input: PhaseReportInput): OfficialDocument {
  const what = input.phase.review === 'final' ? 'tổng kết' : 'sơ kết';
  return report({
    type: 'phase-report',
    meta: input,
    subject: `${what} phong trào thi đua ${MOVEMENT} ${input.phase.name}`,
    fileTitle: `Báo cáo ${what} phong trào thi đua “Dân vận khéo” ${input.phase.name}`,
    period: `Qua các năm đăng ký ${input.figures.years.join(', ')}`,
    campaignName: input.campaignName,
    figures: input.figures,
    narrative: input.narrative ?? {},
    multiYear: true,
  });
}

function termReport(input: TermReportInput): OfficialDocument {
  return report({
    type: 'term-report',
    meta: input,
    subject: `kết quả thực hiện phong trào thi đua ${MOVEMENT} ${input.term}`,
    fileTitle: `Báo cáo kết quả thực hiện phong trào thi đua “Dân vận khéo” ${input.term}`,
    period: `Trong ${input.term}`,
    campaignName: input.campaignName,
    figures: input.figures,
    narrative: input.narrative ?? {},
    multiYear: true,
  });
}

const BUILDERS: { readonly [T in DocumentType]: (input: DocumentInputs[T]) => OfficialDocument } = {
  'registration-form': registrationForm,
  'registration-list': registrationList,
  'recognition-decision': recognitionDecision,
  'commendation-proposal': commendationProposal,
  certificate,
  'annual-report': annualReport,
  'phase-report': phaseReport,
  'term-report': termReport,
};

/** The document of a type, worded from its input and the organization's profile. */
export function buildDocument<T extends DocumentType>(type: T, input: DocumentInputs[T]): OfficialDocument {
  const build = BUILDERS[type] as (input: DocumentInputs[T]) => OfficialDocument;
  return build(input);
}
