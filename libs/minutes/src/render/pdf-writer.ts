import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
/** DejaVu (free licence, full Vietnamese coverage) from node_modules: the output never depends on system fonts. */
const FONT_REGULAR = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

const PAGE_OPTIONS = (title: string): PDFKit.PDFDocumentOptions => ({
  size: 'A4',
  margins: { top: 50, bottom: 50, left: 56, right: 50 },
  info: { Title: title, Creator: 'Diên Hồng' },
  bufferPages: true,
});

/**
 * A small layer over pdfkit for text documents: A4, embedded (subset) DejaVu fonts, headings, paragraphs, key/value
 * lines and simple rows. Each call writes whole lines so text extraction reads them back in order.
 */
export class PdfWriter {
  private readonly doc: PDFKit.PDFDocument;
  private readonly chunks: Buffer[] = [];
  private readonly done: Promise<void>;

  /** pdfkit is loaded on the first document: the API process does not carry it until someone exports. */
  static async create(title: string): Promise<PdfWriter> {
    const { default: PDFDocument } = await import('pdfkit');
    return new PdfWriter(new PDFDocument(PAGE_OPTIONS(title)));
  }

  private constructor(doc: PDFKit.PDFDocument) {
    this.doc = doc;
    this.doc.on('data', (c: Buffer) => this.chunks.push(c));
    this.done = new Promise((resolve, reject) => {
      this.doc.on('end', () => resolve());
      this.doc.on('error', reject);
    });
    this.doc.registerFont('regular', FONT_REGULAR);
    this.doc.registerFont('bold', FONT_BOLD);
    this.doc.font('regular').fontSize(10.5);
  }

  /** The two-line national heading every administrative document carries. */
  nationalHeader(issuer: string): this {
    const width = this.contentWidth();
    const top = this.doc.y;
    this.doc.font('bold').fontSize(10).text(issuer.toUpperCase(), this.doc.page.margins.left, top, { width: width * 0.42, align: 'center' });
    const leftBottom = this.doc.y;
    this.doc.text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', this.doc.page.margins.left + width * 0.42, top, { width: width * 0.58, align: 'center' });
    this.doc.text('Độc lập - Tự do - Hạnh phúc', { width: width * 0.58, align: 'center' });
    this.doc.x = this.doc.page.margins.left;
    this.doc.y = Math.max(leftBottom, this.doc.y) + 12;
    this.doc.font('regular').fontSize(10.5);
    return this;
  }

  title(text: string, subtitle?: string): this {
    this.doc.font('bold').fontSize(15).text(text, { align: 'center', width: this.contentWidth() });
    if (subtitle) this.doc.font('regular').fontSize(11).text(subtitle, { align: 'center', width: this.contentWidth() });
    this.doc.moveDown(0.8).font('regular').fontSize(10.5);
    return this;
  }

  heading(text: string): this {
    this.ensureSpace(40);
    this.doc.moveDown(0.5).font('bold').fontSize(12).text(text, this.doc.page.margins.left, undefined, { width: this.contentWidth() });
    this.doc.moveDown(0.2).font('regular').fontSize(10.5);
    return this;
  }

  paragraph(text: string, opts: { bold?: boolean; indent?: number } = {}): this {
    this.doc.font(opts.bold ? 'bold' : 'regular').text(text, this.doc.page.margins.left + (opts.indent ?? 0), undefined, { width: this.contentWidth() - (opts.indent ?? 0) });
    this.doc.font('regular');
    return this;
  }

  /** One line per entry: `Label: value`. */
  fields(entries: [string, string][]): this {
    for (const [label, value] of entries) {
      this.doc.font('bold').text(`${label}: `, this.doc.page.margins.left, undefined, { continued: true, width: this.contentWidth() });
      this.doc.font('regular').text(value);
    }
    return this;
  }

  /** A table as fixed columns; `widths` are fractions of the line. Cells wrap, the row grows to the tallest cell. */
  table(header: string[], rows: string[][], widths: number[]): this {
    const left = this.doc.page.margins.left;
    const total = this.contentWidth();
    const cols = widths.map((w) => w * total);
    const drawRow = (cells: string[], bold: boolean): void => {
      this.doc.font(bold ? 'bold' : 'regular').fontSize(9);
      const heights = cells.map((c, i) => this.doc.heightOfString(c, { width: cols[i] - 6 }));
      const h = Math.max(...heights) + 6;
      this.ensureSpace(h);
      const y = this.doc.y;
      let x = left;
      cells.forEach((c, i) => {
        this.doc.text(c, x + 3, y + 3, { width: cols[i] - 6 });
        this.doc.rect(x, y, cols[i], h).lineWidth(0.5).stroke('#888888');
        x += cols[i];
      });
      this.doc.x = left;
      this.doc.y = y + h;
    };
    drawRow(header, true);
    for (const r of rows) drawRow(r, false);
    this.doc.font('regular').fontSize(10.5).moveDown(0.5);
    return this;
  }

  space(lines = 0.5): this {
    this.doc.moveDown(lines);
    return this;
  }

  /** Page numbers in the footer, then the finished file. */
  async finish(): Promise<Buffer> {
    const range = this.doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      this.doc.switchToPage(i);
      const bottom = this.doc.page.margins.bottom;
      this.doc.page.margins.bottom = 0;
      this.doc.font('regular').fontSize(8).text(`Trang ${i + 1}/${range.count}`, this.doc.page.margins.left, this.doc.page.height - 30, { width: this.contentWidth(), align: 'center' });
      this.doc.page.margins.bottom = bottom;
    }
    this.doc.end();
    await this.done;
    return Buffer.concat(this.chunks);
  }

  private contentWidth(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  private ensureSpace(height: number): void {
    if (this.doc.y + height > this.doc.page.height - this.doc.page.margins.bottom) this.doc.addPage();
  }
}
