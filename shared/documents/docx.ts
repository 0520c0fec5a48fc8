// The Word file of a document, for the Office to edit before issuing: the same parts and layout as
// the PDF, in Times New Roman (Word has it; 36-HD prescribes it).
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  type ISectionOptions,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import {
  type Annex,
  type Block,
  cancelReasonLine,
  type OfficialDocument,
  type ParagraphBlock,
  type Run,
  type SignatureBlock,
  STATUS_MARKS,
  type TableBlock,
} from './official-document.ts';

const FONT = 'Times New Roman';
/** Twentieths of a point per millimetre. */
const MM = 1440 / 25.4;
const A4 = { width: Math.round(210 * MM), height: Math.round(297 * MM) };
const LETTER_MARGINS = { top: 20, bottom: 20, left: 30, right: 15 };
const CERTIFICATE_MARGINS = { top: 18, bottom: 15, left: 22, right: 22 };
const RED = 'B00000';
const BODY = 14;
const INDENT = Math.round(10 * MM);

const nfc = (text: string) => text.normalize('NFC');
const half = (points: number) => points * 2;
const twips = (points: number) => points * 20;

type Aligned = 'left' | 'center' | 'right' | 'justify';
const ALIGN: Record<Aligned, (typeof AlignmentType)[keyof typeof AlignmentType]> = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  justify: AlignmentType.JUSTIFIED,
};

const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } as const;
const NO_BORDERS = {
  top: NO_BORDER,
  bottom: NO_BORDER,
  left: NO_BORDER,
  right: NO_BORDER,
  insideHorizontal: NO_BORDER,
  insideVertical: NO_BORDER,
} as const;

interface TextStyle {
  readonly bold?: boolean;
  readonly italic?: boolean;
  readonly underline?: boolean;
  readonly size?: number;
  readonly color?: string;
}

function run(text: string, style: TextStyle = {}): TextRun {
  return new TextRun({
    text: nfc(text),
    font: FONT,
    size: half(style.size ?? BODY),
    bold: style.bold ?? false,
    italics: style.italic ?? false,
    ...(style.underline ? { underline: {} } : {}),
    ...(style.color ? { color: style.color } : {}),
  });
}

function line(
  text: string,
  style: TextStyle & { readonly align?: Aligned; readonly after?: number; readonly before?: number } = {},
): Paragraph {
  return new Paragraph({
    alignment: ALIGN[style.align ?? 'center'],
    spacing: { before: twips(style.before ?? 0), after: twips(style.after ?? 0) },
    children: [run(text, style)],
  });
}

function paragraph(block: ParagraphBlock): Paragraph {
  const align = block.align ?? 'justify';
  const indent = block.indent ?? align === 'justify';
  return new Paragraph({
    alignment: ALIGN[align],
    spacing: {
      before: twips(block.spaceBefore ?? 0),
      after: twips(6),
      line: 276,
      lineRule: LineRuleType.AUTO,
    },
    ...(indent ? { indent: { firstLine: INDENT } } : {}),
    children: block.runs.map((part: Run) => run(part.text, { ...part, size: block.size ?? BODY })),
  });
}

function heading(text: string, level: 1 | 2, align: 'left' | 'center' = 'left'): Paragraph {
  return new Paragraph({
    alignment: ALIGN[align],
    keepNext: true,
    spacing: { before: twips(level === 1 ? 6 : 0), after: twips(4), line: 276, lineRule: LineRuleType.AUTO },
    ...(align === 'left' ? { indent: { firstLine: INDENT } } : {}),
    children: [run(text, { bold: true })],
  });
}

function cell(
  children: Paragraph[],
  width: number,
  options: { borders?: boolean; columnSpan?: number } = {},
): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    ...(options.columnSpan ? { columnSpan: options.columnSpan } : {}),
    ...(options.borders === false
      ? { borders: { top: NO_BORDER, bottom: NO_BORDER, left: NO_BORDER, right: NO_BORDER } }
      : {}),
    margins: { top: 40, bottom: 40, left: 70, right: 70 },
    verticalAlign: VerticalAlignTable.TOP,
    children,
  });
}

function table(block: TableBlock, textWidth: number): Table {
  const size = block.size ?? 12;
  const total = block.columns.reduce((sum, column) => sum + column.width, 0);
  const widths = block.columns.map((column) => Math.round((column.width / total) * textWidth));
  const text = (value: string, style: TextStyle & { align?: Aligned }) =>
    new Paragraph({ alignment: ALIGN[style.align ?? 'left'], children: [run(value, { ...style, size })] });
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: block.columns.map((column, index) =>
      cell([text(column.header, { bold: true, align: 'center' })], widths[index] ?? 0),
    ),
  });
  const rows = block.rows.map(
    (row) =>
      new TableRow({
        cantSplit: true,
        children:
          'group' in row
            ? [cell([text(row.group, { bold: true })], textWidth, { columnSpan: block.columns.length })]
            : row.cells.map((value, index) =>
                cell(
                  [text(value, { bold: row.bold ?? false, align: block.columns[index]?.align ?? 'left' })],
                  widths[index] ?? 0,
                ),
              ),
      }),
  );
  return new Table({
    width: { size: textWidth, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    rows: [header, ...rows],
  });
}

function blocks(list: readonly Block[], textWidth: number): (Paragraph | Table)[] {
  return list.flatMap((block) => {
    if (block.kind === 'paragraph') return [paragraph(block)];
    if (block.kind === 'heading') return [heading(block.text, block.level, block.align)];
    return [table(block, textWidth), line('', { size: 6 })];
  });
}

/** A boxed, bold mark; the box is narrowed by indents so that it hugs the word. */
function mark(text: string, columnWidth: number, color = '000000'): Paragraph {
  const border = { style: BorderStyle.SINGLE, size: 8, color, space: 2 } as const;
  const boxWidth = Math.round(38 * MM);
  const side = Math.max(0, Math.round((columnWidth - boxWidth) / 2));
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: twips(4) },
    indent: { left: side, right: side },
    border: { top: border, bottom: border, left: border, right: border },
    children: [run(text, { bold: true, color })],
  });
}

function headerTable(doc: OfficialDocument, textWidth: number): Table {
  const { header } = doc;
  const leftWidth = Math.round(textWidth * 0.52);
  const rightWidth = textWidth - leftWidth;
  const left = [
    line(header.superiorBody),
    line(header.issuingBody, { bold: true }),
    line('*'),
    line(header.numberLine),
    ...(doc.status === 'draft' ? [mark(STATUS_MARKS.draft, leftWidth)] : []),
  ];
  const right = [
    // 36-HD draws a line under the Party's title, as long as the title.
    line('ĐẢNG CỘNG SẢN VIỆT NAM', { bold: true, size: 15, underline: true, after: 6 }),
    line(header.placeAndDate, { italic: true }),
  ];
  return new Table({
    width: { size: textWidth, type: WidthType.DXA },
    columnWidths: [leftWidth, rightWidth],
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        children: [cell(left, leftWidth, { borders: false }), cell(right, rightWidth, { borders: false })],
      }),
    ],
  });
}

function titleParagraphs(doc: OfficialDocument): Paragraph[] {
  const out: Paragraph[] = [];
  if (doc.status === 'cancelled') {
    out.push(mark(STATUS_MARKS.cancelled, 0, RED));
    out.push(line(cancelReasonLine(doc), { italic: true, size: 13, color: RED, after: 4 }));
  }
  out.push(line(doc.title.kind, { bold: true, size: 16, before: 10 }));
  for (const subject of doc.title.subject) out.push(line(subject, { bold: true }));
  if (doc.title.subject.length > 0) out.push(line('-----'));
  if (doc.addressee) out.push(line(doc.addressee, { before: 4 }));
  out.push(line('', { size: 8 }));
  return out;
}

function signatureParagraphs(block: SignatureBlock, draft: boolean): Paragraph[] {
  return [
    ...(block.onBehalfOf ? [line(block.onBehalfOf, { bold: true })] : []),
    line(block.title),
    line(draft ? '(chưa ký)' : '', { italic: true, size: 12, before: 20, after: 28 }),
    line(block.name, { bold: true }),
  ];
}

function recipientParagraphs(doc: OfficialDocument): Paragraph[] {
  if (doc.recipients.length === 0) return [new Paragraph({})];
  return [
    line('Nơi nhận:', { align: 'left', underline: true }),
    ...doc.recipients.map((recipient) => line(recipient, { align: 'left', size: 12 })),
  ];
}

function closing(doc: OfficialDocument, textWidth: number): (Paragraph | Table)[] {
  const draft = doc.status === 'draft';
  const [first, second] = doc.signatures;
  const halfWidth = Math.round(textWidth / 2);
  const row = (left: Paragraph[], right: Paragraph[], leftWidth: number) =>
    new TableRow({
      cantSplit: true,
      children: [
        cell(left, leftWidth, { borders: false }),
        cell(right, textWidth - leftWidth, { borders: false }),
      ],
    });
  if (first && second) {
    return [
      new Table({
        width: { size: textWidth, type: WidthType.DXA },
        columnWidths: [halfWidth, textWidth - halfWidth],
        layout: TableLayoutType.FIXED,
        borders: NO_BORDERS,
        rows: [row(signatureParagraphs(first, draft), signatureParagraphs(second, draft), halfWidth)],
      }),
      ...recipientParagraphs(doc),
    ];
  }
  const leftWidth = Math.round(textWidth * 0.45);
  return [
    new Table({
      width: { size: textWidth, type: WidthType.DXA },
      columnWidths: [leftWidth, textWidth - leftWidth],
      layout: TableLayoutType.FIXED,
      borders: NO_BORDERS,
      rows: [
        row(
          recipientParagraphs(doc),
          first ? signatureParagraphs(first, draft) : [new Paragraph({})],
          leftWidth,
        ),
      ],
    }),
  ];
}

function annex(item: Annex, textWidth: number): (Paragraph | Table)[] {
  return [
    new Paragraph({
      pageBreakBefore: true,
      alignment: AlignmentType.CENTER,
      children: [run(item.title, { bold: true })],
    }),
    ...(item.subtitle ? [line(item.subtitle, { bold: true })] : []),
    ...(item.note ? [line(item.note, { italic: true })] : []),
    line('-----', { after: 6 }),
    ...blocks(item.blocks, textWidth),
  ];
}

function letterSection(doc: OfficialDocument): ISectionOptions {
  const margins = LETTER_MARGINS;
  const textWidth = Math.round((210 - margins.left - margins.right) * MM);
  const pageNumber = new Header({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: half(BODY) })],
      }),
    ],
  });
  return {
    properties: {
      titlePage: true,
      page: {
        size: { ...A4, orientation: PageOrientation.PORTRAIT },
        margin: {
          top: Math.round(margins.top * MM),
          bottom: Math.round(margins.bottom * MM),
          left: Math.round(margins.left * MM),
          right: Math.round(margins.right * MM),
          header: Math.round(10 * MM),
          footer: Math.round(10 * MM),
        },
      },
    },
    // 36-HD numbers pages from the second; the first page's header stays empty.
    headers: { default: pageNumber, first: new Header({ children: [] }) },
    children: [
      headerTable(doc, textWidth),
      ...titleParagraphs(doc),
      ...blocks(doc.body, textWidth),
      ...closing(doc, textWidth),
      ...doc.annexes.flatMap((item) => annex(item, textWidth)),
    ],
  };
}

function certificateSection(doc: OfficialDocument): ISectionOptions {
  const margins = CERTIFICATE_MARGINS;
  const textWidth = Math.round((297 - margins.left - margins.right) * MM);
  const frame = { style: BorderStyle.THICK_THIN_LARGE_GAP, size: 24, color: RED, space: 24 } as const;
  const [signer] = doc.signatures;
  const leftWidth = Math.round(textWidth * 0.55);
  return {
    properties: {
      page: {
        size: { ...A4, orientation: PageOrientation.LANDSCAPE },
        margin: {
          top: Math.round(margins.top * MM),
          bottom: Math.round(margins.bottom * MM),
          left: Math.round(margins.left * MM),
          right: Math.round(margins.right * MM),
        },
        borders: {
          pageBorders: { display: 'allPages', offsetFrom: 'page' },
          pageBorderTop: frame,
          pageBorderBottom: frame,
          pageBorderLeft: frame,
          pageBorderRight: frame,
        },
      },
    },
    children: [
      headerTable(doc, textWidth),
      ...(doc.status === 'cancelled'
        ? [
            mark(STATUS_MARKS.cancelled, 0, RED),
            line(cancelReasonLine(doc), { italic: true, size: 13, color: RED }),
          ]
        : []),
      line(doc.title.kind, { bold: true, size: 30, color: RED, before: 14, after: 8 }),
      ...doc.body.flatMap((block) =>
        block.kind === 'paragraph'
          ? [
              line(block.runs.map((part) => part.text).join(''), {
                bold: block.runs[0]?.bold ?? false,
                italic: block.runs[0]?.italic ?? false,
                size: block.size ?? BODY,
                after: 6,
              }),
            ]
          : [],
      ),
      new Table({
        width: { size: textWidth, type: WidthType.DXA },
        columnWidths: [leftWidth, textWidth - leftWidth],
        layout: TableLayoutType.FIXED,
        borders: NO_BORDERS,
        rows: [
          new TableRow({
            children: [
              cell([new Paragraph({})], leftWidth, { borders: false }),
              cell(
                signer ? signatureParagraphs(signer, doc.status === 'draft') : [new Paragraph({})],
                textWidth - leftWidth,
                {
                  borders: false,
                },
              ),
            ],
          }),
        ],
      }),
    ],
  };
}

/** The document as a Word (.docx) file. */
export async function renderDocx(doc: OfficialDocument): Promise<Uint8Array> {
  const file = new Document({
    creator: nfc(doc.author),
    title: nfc(doc.fileTitle),
    description: nfc(doc.fileTitle),
    styles: { default: { document: { run: { font: FONT, size: half(BODY) } } } },
    sections: [doc.layout === 'certificate' ? certificateSection(doc) : letterSection(doc)],
  });
  const buffer = await Packer.toBuffer(file);
  return new Uint8Array(buffer);
}
