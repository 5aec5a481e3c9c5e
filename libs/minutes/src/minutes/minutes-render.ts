import type { Paragraph, Table } from 'docx';
import { bodySymbol, DOCUMENT_KIND_SYMBOL, formatDocumentNumber, formatPlaceDate, type DocumentNumberText, type OfficialPdfResult, type SignatureSlot } from '#documents';
import { officialDefaults, PdfWriter } from '../render/pdf-writer.js';
import { formatVnDateTime } from '../render/format.js';
import type { MinutesView } from './minutes.view.js';

/** The closing line of locked minutes: the hash any reader can recompute and find in the audit chain. */
export function lockLine(m: MinutesView): string | null {
  if (m.status !== 'locked' || !m.sha256) return null;
  return `Biên bản đã khóa lúc ${formatVnDateTime(m.lockedAt)}. Mã băm SHA-256: ${m.sha256}`;
}

const draftLine = 'DỰ THẢO - biên bản chưa được khóa';

/** How a registered copy is printed: its number, date and who signs; absent = an unregistered export (blank number). */
export interface MinutesOfficial {
  number: DocumentNumberText;
  date: Date;
  signers: SignatureSlot[];
}

/** The minutes' symbol, `BB-UBND` (Decree 30/2020 Appendix III: BB = biên bản). */
export function minutesSymbol(m: MinutesView): string {
  return `${DOCUMENT_KIND_SYMBOL.minutes}-${bodySymbol(m.content.issuer)}`;
}

/** Minutes are signed by the secretary (left) and the chair (right), as the biên bản form of Decree 30/2020 Appendix III lays them out. */
export function minutesSlots(secretaryName: string, chairName: string): SignatureSlot[] {
  return [
    { key: 'secretary', position: ['THƯ KÝ'], fullName: secretaryName },
    { key: 'chair', position: ['CHỦ TỌA'], fullName: chairName },
  ];
}

export function minutesRecipients(m: MinutesView): string[] {
  return [`Thành viên ${m.content.issuer}`, 'Lưu: VT'];
}

export async function minutesOfficialPdf(m: MinutesView, official?: MinutesOfficial): Promise<OfficialPdfResult> {
  const c = m.content;
  const pdf = (await PdfWriter.create(`${c.title} - ${c.subtitle}`))
    .nationalHeader(c.issuer, { number: official?.number ?? { number: null, symbol: minutesSymbol(m) }, date: official?.date ?? new Date() })
    .title(c.title, c.subtitle);
  if (m.status !== 'locked') pdf.paragraph(draftLine, { bold: true, indent: 0 });
  for (const s of c.sections) {
    pdf.heading(s.heading);
    for (const line of s.body.split('\n')) pdf.paragraph(line);
  }
  const lock = lockLine(m);
  if (lock) pdf.space(0.5).paragraph(lock, { italic: true, indent: 0, align: 'left' });
  pdf.closing(official?.signers ?? minutesSlots('', ''), minutesRecipients(m));
  return pdf.finishWithSlots();
}

export async function minutesPdf(m: MinutesView): Promise<Buffer> {
  return (await minutesOfficialPdf(m)).pdf;
}

const TWIP_PER_MM = 56.7;

/** Word output in the same layout (Times New Roman, the decree's margins, heading table, signature table). */
export async function minutesDocx(m: MinutesView, official?: MinutesOfficial): Promise<Buffer> {
  const c = m.content;
  const { AlignmentType, BorderStyle, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } = await import('docx');
  const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  const noBorders = { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none };
  type P = { bold?: boolean; italic?: boolean; center?: boolean; justify?: boolean; size?: number; rule?: boolean; indent?: boolean };
  // sizes in half points: Appendix I, Part II (13 pt issuer and "CỘNG HÒA...", 14 pt motto, date, title and body)
  const p = (text: string, o: P = {}): Paragraph =>
    new Paragraph({
      alignment: o.center ? AlignmentType.CENTER : o.justify ? AlignmentType.JUSTIFIED : AlignmentType.LEFT,
      spacing: { after: o.justify ? 120 : 0 },
      indent: o.indent ? { firstLine: 567 } : undefined,
      children: [new TextRun({ text, bold: o.bold, italics: o.italic, size: o.size ?? 28, underline: o.rule ? {} : undefined })],
    });
  const cell = (children: Paragraph[], pct: number): InstanceType<typeof TableCell> =>
    new TableCell({ children, width: { size: pct, type: WidthType.PERCENTAGE }, borders: { top: none, bottom: none, left: none, right: none } });
  const number = official?.number ?? { number: null, symbol: minutesSymbol(m) };
  const header: Table = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: noBorders,
    rows: [
      new TableRow({
        children: [
          cell([p(c.issuer.toUpperCase(), { bold: true, center: true, size: 26 }), p('', { size: 12 }), p(formatDocumentNumber(number), { center: true, size: 26 })], 42),
          cell(
            [
              p('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, center: true, size: 26 }),
              p('Độc lập - Tự do - Hạnh phúc', { bold: true, center: true, rule: true }),
              p(formatPlaceDate(officialDefaults().place, official?.date ?? new Date()), { italic: true, center: true }),
            ],
            58,
          ),
        ],
      }),
    ],
  });
  const body: (Paragraph | Table)[] = [header, p(''), p(c.title.toUpperCase(), { bold: true, center: true }), p(c.subtitle, { bold: true, center: true }), p('')];
  if (m.status !== 'locked') body.push(p(draftLine, { bold: true }));
  for (const s of c.sections) {
    body.push(p(s.heading, { bold: true }));
    for (const line of s.body.split('\n')) body.push(p(line, { justify: true, indent: true }));
  }
  const lock = lockLine(m);
  if (lock) body.push(p(lock, { italic: true }));
  const signers = official?.signers ?? minutesSlots('', '');
  body.push(
    p(''),
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      borders: noBorders,
      rows: [
        new TableRow({
          children: signers.map((s) => cell([...s.position.map((x) => p(x.toUpperCase(), { bold: true, center: true })), p(''), p(''), p(''), p(''), p(s.fullName, { bold: true, center: true })], 100 / signers.length)),
        }),
      ],
    }),
    p(''),
    p('Nơi nhận:', { bold: true, italic: true, size: 24 }),
    ...minutesRecipients(m).map((r, i, all) => p(`- ${r}${i === all.length - 1 ? '.' : ';'}`, { size: 22 })),
  );
  const doc = new Document({
    creator: 'Diên Hồng',
    title: `${c.title} - ${c.subtitle}`,
    styles: { default: { document: { run: { font: 'Times New Roman', size: 28 } } } },
    sections: [
      {
        // Appendix I, Part I, I.1 and I.3: A4, top/bottom 20 mm, left 30 mm, right 15 mm
        properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 20 * TWIP_PER_MM, bottom: 20 * TWIP_PER_MM, left: 30 * TWIP_PER_MM, right: 15 * TWIP_PER_MM } } },
        children: body,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
