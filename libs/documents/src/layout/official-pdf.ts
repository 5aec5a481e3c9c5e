import { fontFaces, fontRuns, type FontStyle } from './fonts.js';
import { formatDocumentNumber, formatPlaceDate, type DocumentNumberText } from './official-format.js';

const MM = 72 / 25.4;
// Decree 30/2020/ND-CP Appendix I, Part I, I.1 and I.3: A4 portrait; top and bottom 20-25 mm, left 30-35 mm, right 15-20 mm.
export const OFFICIAL_MARGINS = { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM };
/** Body text size: Appendix I, Part II, II.6 sets 13-14 pt; 14 is what most UBND templates use. */
const BODY = 14;
const LEAD = 1.2;
/** Appendix I, Part II, II.6: paragraphs at least 6 pt apart, first line indented 1-1.27 cm. */
const PARA_GAP = 6;
const FIRST_INDENT = 10 * MM;
/** Height left for a handwritten or digital signature between the position and the name (Appendix I, Part II, II.7). */
const SIGNATURE_SPACE = 30 * MM;

export interface TextStyle {
  style?: FontStyle;
  size?: number;
}

interface Token {
  text: string;
  style: FontStyle;
  size: number;
}

export interface OfficialHeader {
  /** The governing body above the issuer, if any (Appendix I, Part II, II.2: upper case, regular). */
  parentBody?: string | null;
  /** The issuing body (upper case, bold, with the short rule under it). */
  body: string;
  /** `{ number: 12, symbol: 'BB-UBND' }`; number null = not yet registered (blank number, as on a draft). */
  number?: DocumentNumberText | null;
  place: string;
  date: Date;
}

/** A signature block: position, the space for the signature, the full name (Appendix I, Part II, II.7). */
export interface SignatureSlot {
  /** Stable key (`secretary`, `chair`, `member-2`) the signing service fills later. */
  key: string;
  /** Upper-case position line, e.g. `THƯ KÝ`, `TM. ỦY BAN NHÂN DÂN` + `CHỦ TỊCH`. */
  position: string[];
  fullName: string;
}

/** Where a signature block's empty space landed: page index and rectangle in PDF user space (origin bottom left). */
export interface SlotPlacement {
  key: string;
  position: string;
  fullName: string;
  page: number;
  rect: [number, number, number, number];
}

export interface OfficialPdfResult {
  pdf: Buffer;
  slots: SlotPlacement[];
}

const ADMIN_UNITS = ['THÀNH PHỐ', 'TỈNH', 'QUẬN', 'HUYỆN', 'THỊ XÃ', 'THỊ TRẤN', 'PHƯỜNG', 'ĐẶC KHU', 'XÃ'];
const NBSP = '\u00a0';

/**
 * Keeps the place name of an upper-case body name on one line ("ỦY BAN NHÂN DÂN / THÀNH PHỐ HÀ NỘI", never "HÀ / NỘI"):
 * the words from the administrative unit on are glued with no-break spaces, and so are the words before it.
 */
export function glueBodyName(name: string): string {
  const upper = name.normalize('NFC').toUpperCase().replace(/\s+/g, ' ').trim();
  for (const unit of ADMIN_UNITS) {
    const at = upper.search(new RegExp(`(^| )${unit}( |$)`, 'u'));
    if (at > 0) {
      const head = upper.slice(0, at).trim();
      const tail = upper.slice(at).trim();
      return `${head.replace(/ /g, NBSP)} ${tail.replace(/ /g, NBSP)}`;
    }
  }
  return upper;
}

const isTitleWord = (w: string): boolean => /^\p{Lu}\p{Ll}/u.test(w);

/**
 * Administrative documents on A4 in the layout of Decree 30/2020/ND-CP Appendix I: issuer and national motto blocks,
 * number and symbol, place and date, title, body, signature blocks and recipients. Text is laid out here, not by
 * pdfkit: lines break only between words (names and place names stay whole) and each character is drawn with the
 * Tinos subset that has it, so Vietnamese diacritics always come out. Each line is written whole, in reading order,
 * so text extraction reads it back.
 */
export class OfficialPdf {
  private readonly doc: PDFKit.PDFDocument;
  private readonly chunks: Buffer[] = [];
  private readonly done: Promise<void>;
  private readonly slots: SlotPlacement[] = [];
  private pageIndex = 0;
  y: number;

  /** pdfkit is loaded on the first document: the API process does not carry it until someone exports. */
  static async create(title: string): Promise<OfficialPdf> {
    const { default: PDFDocument } = await import('pdfkit');
    return new OfficialPdf(
      new PDFDocument({ size: 'A4', margins: OFFICIAL_MARGINS, info: { Title: title, Creator: 'Diên Hồng' }, bufferPages: true, autoFirstPage: true }),
    );
  }

  private constructor(doc: PDFKit.PDFDocument) {
    this.doc = doc;
    this.doc.on('data', (c: Buffer) => this.chunks.push(c));
    this.done = new Promise((resolve, reject) => {
      this.doc.on('end', () => resolve());
      this.doc.on('error', reject);
    });
    for (const chain of Object.values(fontFaces())) for (const f of chain) this.doc.registerFont(f.name, f.file);
    this.y = OFFICIAL_MARGINS.top;
  }

  get left(): number {
    return OFFICIAL_MARGINS.left;
  }

  get width(): number {
    return this.doc.page.width - OFFICIAL_MARGINS.left - OFFICIAL_MARGINS.right;
  }

  private get bottom(): number {
    return this.doc.page.height - OFFICIAL_MARGINS.bottom;
  }

  // ---- text engine -------------------------------------------------------------------------------------------

  /** Width of a string in a style, summing the runs of each face. */
  measure(text: string, st: TextStyle = {}): number {
    const style = st.style ?? 'regular';
    const size = st.size ?? BODY;
    let w = 0;
    for (const r of fontRuns(text.replace(/\u00a0/g, ' '), style)) w += this.doc.font(r.face.name).fontSize(size).widthOfString(r.text);
    return w;
  }

  private tokens(spans: { text: string; style: FontStyle; size: number }[], width: number): Token[] {
    const out: Token[] = [];
    for (const s of spans) {
      const words = s.text.normalize('NFC').split(/[ \t]+/).filter((w) => w.length > 0);
      const allCaps = s.text === s.text.toUpperCase();
      for (let i = 0; i < words.length; i++) {
        let text = words[i];
        // names and place names ("Nguyễn Văn An", "Hà Nội") stay on one line when they are not longer than half of it
        if (!allCaps && isTitleWord(text) && !/[,.;:]$/.test(text)) {
          let j = i + 1;
          let glued = text;
          while (j < words.length && isTitleWord(words[j])) {
            const next = `${glued}${NBSP}${words[j]}`;
            if (this.measure(next, s) > width / 2) break;
            glued = next;
            j++;
            if (/[,.;:]$/.test(words[j - 1])) break;
          }
          if (j > i + 1) {
            text = glued;
            i = j - 1;
          }
        }
        out.push({ text, style: s.style, size: s.size });
      }
    }
    return out;
  }

  /** Greedy line breaking at spaces; a glued group too long for a line is split at its words, a single word longer than the line (a hash) at characters. */
  private wrapTokens(tokens: Token[], width: number, firstIndent = 0): Token[][] {
    const lines: Token[][] = [];
    let line: Token[] = [];
    let used = 0;
    const space = (t: Token): number => this.measure(' ', t);
    const queue = [...tokens];
    while (queue.length > 0) {
      const t = queue.shift() as Token;
      const avail = width - (lines.length === 0 ? firstIndent : 0);
      const w = this.measure(t.text, t);
      const need = line.length > 0 ? used + space(t) + w : w;
      if (need <= avail + 0.01) {
        line.push(t);
        used = need;
        continue;
      }
      if (line.length > 0) {
        lines.push(line);
        line = [];
        used = 0;
        queue.unshift(t);
        continue;
      }
      if (t.text.includes(NBSP)) {
        queue.unshift(...t.text.split(NBSP).map((p) => ({ ...t, text: p })));
        continue;
      }
      // one word wider than the line: break it at characters
      let cut = 1;
      const chars = [...t.text];
      while (cut < chars.length && this.measure(chars.slice(0, cut + 1).join(''), t) <= avail) cut++;
      lines.push([{ ...t, text: chars.slice(0, cut).join('') }]);
      if (cut < chars.length) queue.unshift({ ...t, text: chars.slice(cut).join('') });
    }
    if (line.length > 0) lines.push(line);
    return lines;
  }

  /** Lines a text takes in a width (for measuring cells and blocks before drawing). */
  lines(text: string, st: TextStyle, width: number): Token[][] {
    const out: Token[][] = [];
    for (const para of text.split('\n')) out.push(...this.wrapTokens(this.tokens([{ text: para, style: st.style ?? 'regular', size: st.size ?? BODY }], width), width));
    return out;
  }

  private lineHeight(line: Token[]): number {
    return Math.max(...line.map((t) => t.size), 1) * LEAD;
  }

  private drawLine(line: Token[], x: number, top: number, width: number, align: 'left' | 'center' | 'right' | 'justify', last: boolean): void {
    const words = line.map((t) => ({ t, w: this.measure(t.text, t) }));
    const spaces = words.slice(1).map(({ t }) => this.measure(' ', t));
    const natural = words.reduce((a, b) => a + b.w, 0) + spaces.reduce((a, b) => a + b, 0);
    let cx = align === 'center' ? x + (width - natural) / 2 : align === 'right' ? x + width - natural : x;
    const extra = align === 'justify' && !last && words.length > 1 ? (width - natural) / (words.length - 1) : 0;
    const size = Math.max(...line.map((t) => t.size));
    const baseline = top + size * 0.95;
    words.forEach(({ t, w }, i) => {
      this.drawRuns(t.text.replace(/\u00a0/g, ' ') + (i < words.length - 1 && extra === 0 ? ' ' : ''), t, cx, baseline);
      cx += w + (i < spaces.length ? spaces[i] + extra : 0);
    });
  }

  private drawRuns(text: string, t: TextStyle & { style: FontStyle; size: number }, x: number, baseline: number): void {
    let cx = x;
    for (const r of fontRuns(text, t.style)) {
      this.doc.font(r.face.name).fontSize(t.size);
      this.doc.text(r.text, cx, baseline, { lineBreak: false, baseline: 'alphabetic' });
      cx += this.doc.widthOfString(r.text);
    }
  }

  /** Writes a block of text at (x, y) in a width; returns the y under it. Page breaks only in flowing text. */
  text(text: string, st: TextStyle & { align?: 'left' | 'center' | 'right' | 'justify'; indent?: number; firstIndent?: number } = {}, at?: { x: number; y: number; width: number }): number {
    const x = at?.x ?? this.left + (st.indent ?? 0);
    const width = at?.width ?? this.width - (st.indent ?? 0);
    let y = at?.y ?? this.y;
    for (const para of text.split('\n')) {
      const lines = this.wrapTokens(this.tokens([{ text: para, style: st.style ?? 'regular', size: st.size ?? BODY }], width), width, st.firstIndent ?? 0);
      if (lines.length === 0) y += (st.size ?? BODY) * LEAD;
      lines.forEach((line, i) => {
        const h = this.lineHeight(line);
        if (!at && y + h > this.bottom) {
          this.newPage();
          y = this.y;
        }
        const ix = i === 0 ? (st.firstIndent ?? 0) : 0;
        this.drawLine(line, x + ix, y, width - ix, st.align ?? 'left', i === lines.length - 1);
        y += h;
      });
    }
    if (!at) this.y = y;
    return y;
  }

  private rule(cx: number, y: number, length: number): void {
    this.doc.moveTo(cx - length / 2, y).lineTo(cx + length / 2, y).lineWidth(0.6).strokeColor('#000000').stroke();
  }

  newPage(): void {
    this.doc.addPage();
    this.pageIndex++;
    this.y = OFFICIAL_MARGINS.top;
  }

  ensureSpace(height: number): void {
    if (this.y + height > this.bottom) this.newPage();
  }

  /** Starts a new page unless `lines` body lines still fit: a short block (a summary) is not split over two pages. */
  keepLines(lines: number): this {
    this.ensureSpace(lines * BODY * LEAD + PARA_GAP * 2);
    return this;
  }

  // ---- the parts of an administrative document -----------------------------------------------------------------

  /** Issuer (top left) and national motto (top right), then number and symbol, place and date (Appendix I, Part II, II.1-II.4). */
  header(h: OfficialHeader): this {
    const leftW = this.width * 0.42;
    const rightW = this.width - leftW;
    const lx = this.left;
    const rx = this.left + leftW;
    const top = this.y;
    let ly = top;
    if (h.parentBody) ly = this.text(glueBodyName(h.parentBody), { size: 13, align: 'center' }, { x: lx, y: ly, width: leftW });
    // II.2: the issuer in upper case, 12-13 pt, bold, a solid rule 1/3-1/2 of the line under it
    const bodyLines = this.lines(glueBodyName(h.body), { style: 'bold', size: 13 }, leftW);
    ly = this.text(glueBodyName(h.body), { style: 'bold', size: 13, align: 'center' }, { x: lx, y: ly, width: leftW });
    const longest = Math.max(...bodyLines.map((l) => this.measure(l.map((t) => t.text).join(' '), { style: 'bold', size: 13 })));
    this.rule(lx + leftW / 2, ly + 4, Math.max(longest / 3, Math.min(longest / 2, 40 * MM)));
    // II.1: "CỘNG HÒA ..." upper case 12-13 pt bold; the motto 13-14 pt bold with a rule as long as it
    const motto1 = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
    const motto1Size = this.measure(motto1, { style: 'bold', size: 13 }) <= rightW ? 13 : 12;
    let ry = this.text(motto1, { style: 'bold', size: motto1Size, align: 'center' }, { x: rx, y: top, width: rightW });
    const motto2 = 'Độc lập - Tự do - Hạnh phúc';
    ry = this.text(motto2, { style: 'bold', size: 14, align: 'center' }, { x: rx, y: ry, width: rightW });
    this.rule(rx + rightW / 2, ry + 4, this.measure(motto2, { style: 'bold', size: 14 }));
    const below = Math.max(ly, ry) + 10;
    // II.3: "Số" and the symbol 13 pt, centred under the issuer; II.4: place and date 13-14 pt italic, under the motto
    this.text(formatDocumentNumber(h.number ?? null), { size: 13, align: 'center' }, { x: lx, y: below, width: leftW });
    const dateBottom = this.text(formatPlaceDate(h.place, h.date), { style: 'italic', size: 14, align: 'center' }, { x: rx, y: below, width: rightW });
    this.y = dateBottom + 16;
    return this;
  }

  /** II.5: the kind of document in upper case 13-14 pt bold, the summary 14 pt bold, a short rule under it. */
  title(kind: string, summary?: string): this {
    this.y = this.text(kind.toUpperCase(), { style: 'bold', size: 14, align: 'center' });
    if (summary) {
      const lines = this.lines(summary, { style: 'bold', size: 14 }, this.width * 0.85);
      this.y = this.text(summary, { style: 'bold', size: 14, align: 'center' }, { x: this.left + this.width * 0.075, y: this.y, width: this.width * 0.85 });
      const longest = Math.max(...lines.map((l) => this.measure(l.map((t) => t.text).join(' '), { style: 'bold', size: 14 })));
      this.rule(this.left + this.width / 2, this.y + 4, Math.max(longest / 3, Math.min(longest / 2, 50 * MM)));
    }
    this.y += 16;
    return this;
  }

  heading(text: string): this {
    this.ensureSpace(BODY * LEAD * 3);
    this.y += PARA_GAP;
    this.text(text, { style: 'bold', size: BODY, align: 'left' });
    this.y += 2;
    return this;
  }

  paragraph(text: string, opts: { bold?: boolean; italic?: boolean; indent?: number; align?: 'left' | 'center' | 'justify' } = {}): this {
    const style: FontStyle = opts.bold ? (opts.italic ? 'boldItalic' : 'bold') : opts.italic ? 'italic' : 'regular';
    this.text(text, { style, size: BODY, align: opts.align ?? 'justify', indent: opts.indent, firstIndent: opts.indent === undefined ? FIRST_INDENT : 0 });
    this.y += PARA_GAP / 2;
    return this;
  }

  /** `Label: value` lines. */
  fields(entries: [string, string][]): this {
    for (const [label, value] of entries) {
      const lines = this.wrapTokens(
        [...this.tokens([{ text: `${label}:`, style: 'bold', size: BODY }], this.width), ...this.tokens([{ text: value, style: 'regular', size: BODY }], this.width)],
        this.width,
      );
      for (const [i, line] of lines.entries()) {
        const h = this.lineHeight(line);
        this.ensureSpace(h);
        this.drawLine(line, this.left, this.y, this.width, 'left', i === lines.length - 1);
        this.y += h;
      }
    }
    this.y += PARA_GAP / 2;
    return this;
  }

  /** A ruled table; `widths` are fractions of the line. Cells wrap at words; the header repeats on each new page. */
  table(header: string[], rows: string[][], widths: number[], size = 12): this {
    const cols = widths.map((w) => w * this.width);
    const pad = 2.5;
    const measureRow = (cells: string[], style: FontStyle): number =>
      Math.max(...cells.map((c, i) => this.lines(c, { style, size }, cols[i] - 2 * pad).reduce((a, l) => a + this.lineHeight(l), 0))) + 2 * pad;
    const drawRow = (cells: string[], style: FontStyle, h: number): void => {
      let x = this.left;
      cells.forEach((c, i) => {
        this.text(c, { style, size, align: style === 'bold' ? 'center' : 'left' }, { x: x + pad, y: this.y + pad, width: cols[i] - 2 * pad });
        this.doc.rect(x, this.y, cols[i], h).lineWidth(0.5).strokeColor('#000000').stroke();
        x += cols[i];
      });
      this.y += h;
    };
    const headH = measureRow(header, 'bold');
    this.ensureSpace(headH + size * 2);
    drawRow(header, 'bold', headH);
    for (const r of rows) {
      const h = measureRow(r, 'regular');
      if (this.y + h > this.bottom) {
        this.newPage();
        drawRow(header, 'bold', headH);
      }
      drawRow(r, 'regular', h);
    }
    this.y += PARA_GAP;
    return this;
  }

  space(lines = 0.5): this {
    this.y += BODY * LEAD * lines;
    return this;
  }

  /**
   * Signature blocks and recipients. One signer: recipients left, the signer right (Appendix I, Part II, II.7 and II.9).
   * Several (minutes: secretary and chair; a count committee): two per row, recipients under them.
   */
  closing(signers: SignatureSlot[], recipients: string[] = []): this {
    const half = this.width / 2;
    const blockH = (s: SignatureSlot): number => (s.position.length + 1) * 14 * LEAD + SIGNATURE_SPACE;
    const drawSigner = (s: SignatureSlot, x: number, y: number, w: number): void => {
      // II.7: position in upper case 13-14 pt bold; the full name 13-14 pt bold, under the signature space
      let cy = y;
      for (const p of s.position) cy = this.text(p.toUpperCase(), { style: 'bold', size: 14, align: 'center' }, { x, y: cy, width: w });
      const rectTop = cy + 4;
      const rectBottom = cy + SIGNATURE_SPACE - 4;
      const ph = this.doc.page.height;
      const sw = Math.min(w - 10, 75 * MM);
      const sx = x + (w - sw) / 2;
      this.slots.push({ key: s.key, position: s.position.join(' '), fullName: s.fullName, page: this.pageIndex, rect: [sx, ph - rectBottom, sx + sw, ph - rectTop] });
      this.text(s.fullName, { style: 'bold', size: 14, align: 'center' }, { x, y: cy + SIGNATURE_SPACE, width: w });
    };
    this.y += PARA_GAP * 2;
    if (signers.length <= 1) {
      const h = Math.max(signers[0] ? blockH(signers[0]) : 0, this.recipientsHeight(recipients));
      this.ensureSpace(h);
      const top = this.y;
      if (recipients.length > 0) this.drawRecipients(recipients, this.left, top, half);
      if (signers[0]) drawSigner(signers[0], this.left + half, top, half);
      this.y = top + h;
      return this;
    }
    for (let i = 0; i < signers.length; i += 2) {
      const row = signers.slice(i, i + 2);
      const h = Math.max(...row.map(blockH)) + 8;
      this.ensureSpace(h);
      const top = this.y;
      if (row.length === 1) drawSigner(row[0], this.left + half / 2, top, half);
      else row.forEach((s, j) => drawSigner(s, this.left + j * half, top, half));
      this.y = top + h;
    }
    if (recipients.length > 0) {
      this.ensureSpace(this.recipientsHeight(recipients));
      this.y = this.drawRecipients(recipients, this.left, this.y, half);
    }
    return this;
  }

  private recipientsHeight(recipients: string[]): number {
    return recipients.length === 0 ? 0 : 12 * LEAD + recipients.length * 11 * LEAD * 1.5;
  }

  /** II.9: "Nơi nhận:" 12 pt bold italic; one recipient a line, 11 pt, a dash before, ";" after, "." after the last. */
  private drawRecipients(recipients: string[], x: number, y: number, w: number): number {
    let cy = this.text('Nơi nhận:', { style: 'boldItalic', size: 12 }, { x, y, width: w });
    recipients.forEach((r, i) => {
      const clean = r.replace(/[;.]\s*$/, '');
      cy = this.text(`- ${clean}${i === recipients.length - 1 ? '.' : ';'}`, { size: 11 }, { x, y: cy, width: w });
    });
    return cy;
  }

  /** Page numbers (Appendix I, Part I, I.7: 13-14 pt, centred in the top margin, none on the first page), then the file. */
  async finish(): Promise<OfficialPdfResult> {
    const range = this.doc.bufferedPageRange();
    for (let i = range.start + 1; i < range.start + range.count; i++) {
      this.doc.switchToPage(i);
      this.drawRuns(String(i + 1), { style: 'regular', size: 13 }, this.left + this.width / 2 - this.measure(String(i + 1), { size: 13 }) / 2, OFFICIAL_MARGINS.top / 2 + 6);
    }
    this.doc.end();
    await this.done;
    return { pdf: Buffer.concat(this.chunks), slots: this.slots };
  }
}
