// The print-ready PDF of a document: A4 (a certificate A4 landscape), the margins, sizes and
// positions of Hướng dẫn 36-HD/VPTW, set in Tinos (Times New Roman's metrics) embedded as a subset.
import PDFDocument from 'pdfkit';
import { instantAt } from '../domain/calendar.ts';
import { fontStyle, TINOS } from './fonts.ts';
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

type Pdf = PDFKit.PDFDocument;

const MM = 72 / 25.4;
/** 36-HD: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm. */
const LETTER_MARGINS = { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM };
const CERTIFICATE_MARGINS = { top: 18 * MM, bottom: 15 * MM, left: 22 * MM, right: 22 * MM };
const BODY = 14;
const LINE_GAP = 2;
const PARAGRAPH_GAP = 6;
const INDENT = 10 * MM;
const SIGNATURE_SPACE = 62;
const RED = '#b00000';
const BLACK = '#000000';

const nfc = (text: string) => text.normalize('NFC');

class Layout {
  constructor(
    readonly pdf: Pdf,
    readonly doc: OfficialDocument,
  ) {}

  get left(): number {
    return this.pdf.page.margins.left;
  }

  get width(): number {
    return this.pdf.page.width - this.pdf.page.margins.left - this.pdf.page.margins.right;
  }

  get bottom(): number {
    return this.pdf.page.height - this.pdf.page.margins.bottom;
  }

  use(run: { bold?: boolean; italic?: boolean }, size: number): this {
    this.pdf.font(fontStyle(run)).fontSize(size);
    return this;
  }

  /** Line height of the current font, with the gap the body uses. */
  lineHeight(size: number, run: { bold?: boolean; italic?: boolean } = {}): number {
    this.use(run, size);
    return this.pdf.currentLineHeight(true) + LINE_GAP;
  }

  ensure(height: number): void {
    if (this.pdf.y + height > this.bottom) this.pdf.addPage();
  }

  /** One line or more of one style, in a column. */
  textAt(
    text: string,
    x: number,
    y: number,
    width: number,
    style: {
      bold?: boolean;
      italic?: boolean;
      size: number;
      align?: 'left' | 'center' | 'right';
      underline?: boolean;
    },
  ): number {
    this.use(style, style.size);
    this.pdf.text(nfc(text), x, y, {
      width,
      align: style.align ?? 'center',
      lineGap: LINE_GAP,
      underline: style.underline ?? false,
    });
    return this.pdf.y;
  }

  paragraph(block: ParagraphBlock): void {
    const size = block.size ?? BODY;
    const align = block.align ?? 'justify';
    const indent = (block.indent ?? align === 'justify') ? INDENT : 0;
    if (block.spaceBefore) this.pdf.y += block.spaceBefore;
    this.ensure(this.lineHeight(size));
    const parts = block.runs.filter((run) => run.text !== '');
    parts.forEach((run: Run, index) => {
      const last = index === parts.length - 1;
      this.use(run, size);
      const options = {
        width: this.width,
        align,
        lineGap: LINE_GAP,
        continued: !last,
        underline: run.underline ?? false,
        ...(index === 0 ? { indent } : {}),
        ...(last ? { paragraphGap: PARAGRAPH_GAP } : {}),
      };
      if (index === 0) this.pdf.text(nfc(run.text), this.left, this.pdf.y, options);
      else this.pdf.text(nfc(run.text), options);
    });
  }

  heading(text: string, level: 1 | 2, align: 'left' | 'center' = 'left'): void {
    // A heading never ends a page: it keeps two lines of what follows with it.
    this.ensure(this.lineHeight(BODY, { bold: true }) * 3);
    this.use({ bold: true }, BODY);
    this.pdf.text(nfc(text), this.left, this.pdf.y + (level === 1 ? 4 : 0), {
      width: this.width,
      align,
      indent: align === 'left' ? INDENT : 0,
      lineGap: LINE_GAP,
      paragraphGap: PARAGRAPH_GAP - 2,
    });
  }

  table(block: TableBlock): void {
    const pdf = this.pdf;
    const size = block.size ?? 12;
    const pad = 3;
    const total = block.columns.reduce((sum, column) => sum + column.width, 0);
    const widths = block.columns.map((column) => (column.width / total) * this.width);
    const height = (cells: readonly string[], bold: boolean) =>
      Math.max(
        ...cells.map((cell, index) => {
          this.use({ bold }, size);
          return pdf.heightOfString(nfc(cell || ' '), { width: (widths[index] ?? 0) - 2 * pad, lineGap: 1 });
        }),
      ) +
      2 * pad;
    const drawRow = (cells: readonly string[], bold: boolean, header: boolean) => {
      const rowHeight = height(cells, bold);
      let x = this.left;
      const y = pdf.y;
      cells.forEach((cell, index) => {
        const width = widths[index] ?? 0;
        pdf.lineWidth(0.6).rect(x, y, width, rowHeight).stroke(BLACK);
        this.use({ bold }, size);
        pdf.text(nfc(cell), x + pad, y + pad, {
          width: width - 2 * pad,
          align: header ? 'center' : (block.columns[index]?.align ?? 'left'),
          lineGap: 1,
        });
        x += width;
      });
      pdf.y = y + rowHeight;
    };
    const headers = block.columns.map((column) => column.header);
    const headerHeight = height(headers, true);
    this.ensure(headerHeight + 2 * this.lineHeight(size));
    pdf.y += 2;
    drawRow(headers, true, true);
    for (const row of block.rows) {
      const cells = 'group' in row ? [row.group] : row.cells;
      const bold = 'group' in row ? true : (row.bold ?? false);
      if ('group' in row) {
        const rowHeight = (() => {
          this.use({ bold: true }, size);
          return pdf.heightOfString(nfc(row.group), { width: this.width - 2 * pad, lineGap: 1 }) + 2 * pad;
        })();
        if (pdf.y + rowHeight > this.bottom) {
          pdf.addPage();
          drawRow(headers, true, true);
        }
        const y = pdf.y;
        pdf.lineWidth(0.6).rect(this.left, y, this.width, rowHeight).stroke(BLACK);
        this.use({ bold: true }, size);
        pdf.text(nfc(row.group), this.left + pad, y + pad, { width: this.width - 2 * pad, lineGap: 1 });
        pdf.y = y + rowHeight;
        continue;
      }
      if (pdf.y + height(cells, bold) > this.bottom) {
        pdf.addPage();
        drawRow(headers, true, true);
      }
      drawRow(cells, bold, false);
    }
    pdf.y += PARAGRAPH_GAP + 2;
  }

  blocks(blocks: readonly Block[]): void {
    for (const block of blocks) {
      if (block.kind === 'paragraph') this.paragraph(block);
      else if (block.kind === 'heading') this.heading(block.text, block.level, block.align);
      else this.table(block);
    }
  }

  /** A boxed mark ("DỰ THẢO", "ĐÃ HỦY") centered on `centerX`. */
  mark(text: string, centerX: number, y: number, color: string): number {
    const pdf = this.pdf;
    this.use({ bold: true }, BODY);
    const textWidth = pdf.widthOfString(text);
    const boxWidth = textWidth + 16;
    const boxHeight = pdf.currentLineHeight(true) + 6;
    pdf
      .lineWidth(1)
      .rect(centerX - boxWidth / 2, y, boxWidth, boxHeight)
      .stroke(color);
    pdf.fillColor(color).text(text, centerX - boxWidth / 2, y + 3.5, { width: boxWidth, align: 'center' });
    pdf.fillColor(BLACK);
    return y + boxHeight;
  }

  /** The two-column header of 36-HD; returns where the title may start. */
  header(top: number): number {
    const { header } = this.doc;
    const pdf = this.pdf;
    const leftWidth = this.width * 0.52;
    const rightX = this.left + leftWidth;
    const rightWidth = this.width - leftWidth;
    let left = this.textAt(header.superiorBody, this.left, top, leftWidth, { size: 14 });
    left = this.textAt(header.issuingBody, this.left, left, leftWidth, { size: 14, bold: true });
    left = this.textAt('*', this.left, left, leftWidth, { size: 14 });
    left = this.textAt(header.numberLine, this.left, left, leftWidth, { size: 14 });
    if (this.doc.status === 'draft')
      left = this.mark(STATUS_MARKS.draft, this.left + leftWidth / 2, left + 4, BLACK);

    this.use({ bold: true }, 15);
    const titleWidth = pdf.widthOfString('ĐẢNG CỘNG SẢN VIỆT NAM');
    let right = this.textAt('ĐẢNG CỘNG SẢN VIỆT NAM', rightX, top, rightWidth, { size: 15, bold: true });
    const lineX = rightX + (rightWidth - titleWidth) / 2;
    pdf
      .lineWidth(0.8)
      .moveTo(lineX, right)
      .lineTo(lineX + titleWidth, right)
      .stroke(BLACK);
    right = this.textAt(header.placeAndDate, rightX, right + 8, rightWidth, { size: 14, italic: true });

    let y = Math.max(left, right) + 10;
    if (this.doc.status === 'cancelled') {
      y = this.mark(STATUS_MARKS.cancelled, this.left + this.width / 2, y, RED) + 2;
      pdf.fillColor(RED);
      y = this.textAt(cancelReasonLine(this.doc), this.left, y, this.width, { size: 13, italic: true });
      pdf.fillColor(BLACK);
      y += 6;
    }
    return y;
  }

  title(y: number): void {
    const pdf = this.pdf;
    const { title } = this.doc;
    let next = this.textAt(title.kind, this.left, y, this.width, { size: 16, bold: true });
    for (const line of title.subject)
      next = this.textAt(line, this.left, next, this.width, { size: 14, bold: true });
    if (title.subject.length > 0) next = this.textAt('-----', this.left, next - 2, this.width, { size: 14 });
    if (this.doc.addressee)
      next = this.textAt(this.doc.addressee, this.left, next + 4, this.width, { size: 14 });
    pdf.y = next + 8;
    pdf.x = this.left;
  }

  signatureHeight(block: SignatureBlock, width: number): number {
    let height = 0;
    if (block.onBehalfOf) {
      this.use({ bold: true }, 14);
      height += this.pdf.heightOfString(nfc(block.onBehalfOf), { width, lineGap: LINE_GAP });
    }
    this.use({}, 14);
    height += this.pdf.heightOfString(nfc(block.title), { width, lineGap: LINE_GAP });
    return height + SIGNATURE_SPACE + this.lineHeight(14, { bold: true });
  }

  signature(block: SignatureBlock, x: number, y: number, width: number): number {
    let next = y;
    if (block.onBehalfOf) next = this.textAt(block.onBehalfOf, x, next, width, { size: 14, bold: true });
    next = this.textAt(block.title, x, next, width, { size: 14 });
    if (this.doc.status === 'draft') {
      this.textAt('(chưa ký)', x, next + SIGNATURE_SPACE / 2 - 10, width, { size: 12, italic: true });
    }
    return this.textAt(block.name, x, next + SIGNATURE_SPACE, width, { size: 14, bold: true });
  }

  recipientsHeight(width: number): number {
    if (this.doc.recipients.length === 0) return 0;
    let height = this.lineHeight(14);
    this.use({}, 12);
    for (const line of this.doc.recipients)
      height += this.pdf.heightOfString(nfc(line), { width, lineGap: 1 });
    return height;
  }

  recipients(x: number, y: number, width: number): number {
    if (this.doc.recipients.length === 0) return y;
    const pdf = this.pdf;
    this.use({}, 14);
    pdf.text('Nơi nhận:', x, y, { width, underline: true, lineGap: LINE_GAP });
    this.use({}, 12);
    for (const line of this.doc.recipients) pdf.text(nfc(line), x, pdf.y, { width, lineGap: 1 });
    return pdf.y;
  }

  /** Signatures at the right (two: side by side), "Nơi nhận" at the left, kept on one page. */
  closing(): void {
    const pdf = this.pdf;
    const signatures = this.doc.signatures;
    const half = this.width / 2;
    pdf.y += 6;
    if (signatures.length >= 2) {
      const [first, second] = signatures;
      if (!first || !second) return;
      const need = Math.max(this.signatureHeight(first, half), this.signatureHeight(second, half));
      this.ensure(need + this.recipientsHeight(half));
      const y = pdf.y;
      const end = Math.max(
        this.signature(first, this.left, y, half),
        this.signature(second, this.left + half, y, half),
      );
      pdf.y = this.recipients(this.left, end + 10, half);
      return;
    }
    const [only] = signatures;
    const recipientsWidth = this.width * 0.48;
    const signatureX = this.left + this.width * 0.45;
    const signatureWidth = this.width - this.width * 0.45;
    const need = Math.max(
      only ? this.signatureHeight(only, signatureWidth) : 0,
      this.recipientsHeight(recipientsWidth),
    );
    this.ensure(need);
    const y = pdf.y;
    const leftEnd = this.recipients(this.left, y + 2, recipientsWidth);
    const rightEnd = only ? this.signature(only, signatureX, y, signatureWidth) : y;
    pdf.y = Math.max(leftEnd, rightEnd);
  }

  annex(annex: Annex): void {
    const pdf = this.pdf;
    pdf.addPage();
    let y = this.textAt(annex.title, this.left, pdf.page.margins.top, this.width, { size: 14, bold: true });
    if (annex.subtitle) y = this.textAt(annex.subtitle, this.left, y, this.width, { size: 14, bold: true });
    if (annex.note) y = this.textAt(annex.note, this.left, y, this.width, { size: 14, italic: true });
    y = this.textAt('-----', this.left, y - 2, this.width, { size: 14 });
    pdf.y = y + 6;
    this.blocks(annex.blocks);
  }

  /** 36-HD numbers pages from the second, top center. */
  pageNumbers(): void {
    const pdf = this.pdf;
    const range = pdf.bufferedPageRange();
    for (let index = 1; index < range.count; index += 1) {
      pdf.switchToPage(range.start + index);
      this.use({}, 14);
      pdf.text(String(index + 1), this.left, 10 * MM, {
        width: this.width,
        align: 'center',
        lineBreak: false,
      });
    }
  }

  letter(): void {
    const y = this.header(this.pdf.page.margins.top);
    this.title(y);
    this.blocks(this.doc.body);
    this.closing();
    for (const annex of this.doc.annexes) this.annex(annex);
    this.pageNumbers();
  }

  certificate(): void {
    const pdf = this.pdf;
    const { width, height } = pdf.page;
    pdf
      .lineWidth(3)
      .rect(10 * MM, 10 * MM, width - 20 * MM, height - 20 * MM)
      .stroke(RED);
    pdf
      .lineWidth(0.8)
      .rect(12.5 * MM, 12.5 * MM, width - 25 * MM, height - 25 * MM)
      .stroke(RED);
    const y = this.header(pdf.page.margins.top);
    pdf.fillColor(RED);
    let next = this.textAt(this.doc.title.kind, this.left, y + 14, this.width, { size: 32, bold: true });
    pdf.fillColor(BLACK);
    next += 14;
    for (const block of this.doc.body) {
      if (block.kind !== 'paragraph') continue;
      const run = block.runs[0];
      if (!run) continue;
      next = this.textAt(
        block.runs.map((part) => part.text).join(''),
        this.left + 20 * MM,
        next,
        this.width - 40 * MM,
        {
          size: block.size ?? BODY,
          bold: run.bold ?? false,
          italic: run.italic ?? false,
        },
      );
      next += 12;
    }
    const [signer] = this.doc.signatures;
    const signatureX = this.left + this.width * 0.55;
    if (signer)
      this.signature(
        signer,
        signatureX,
        Math.max(next + 4, pdf.page.height - pdf.page.margins.bottom - 130),
        this.width * 0.45,
      );
  }
}

/** The document as a PDF file. */
export function renderPdf(doc: OfficialDocument): Promise<Uint8Array> {
  const when = instantAt(doc.date);
  const pdf = new PDFDocument({
    size: 'A4',
    layout: doc.orientation,
    margins: doc.layout === 'certificate' ? CERTIFICATE_MARGINS : LETTER_MARGINS,
    // No built-in font: pdfkit would read Helvetica's metrics from its package folder, absent in Lambda.
    font: null as unknown as string,
    bufferPages: true,
    compress: true,
    pdfVersion: '1.7',
    lang: 'vi-VN',
    displayTitle: true,
    info: {
      Title: nfc(doc.fileTitle),
      Author: nfc(doc.author),
      Creator: 'Dân vận khéo',
      Producer: 'Dân vận khéo',
      CreationDate: when,
      ModDate: when,
    },
  });
  for (const [name, bytes] of Object.entries(TINOS)) pdf.registerFont(name, Buffer.from(bytes));
  const chunks: Buffer[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    pdf.on('error', reject);
  });
  const layout = new Layout(pdf, doc);
  if (doc.layout === 'certificate') layout.certificate();
  else layout.letter();
  pdf.end();
  return done;
}
