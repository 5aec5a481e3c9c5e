import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Paragraph } from 'docx';
import { PdfWriter } from '../render/pdf-writer.js';
import { formatVnDateTime } from '../render/format.js';
import type { MinutesView } from './minutes.view.js';

/** The closing line of locked minutes: the hash any reader can recompute and find in the audit chain. */
export function lockLine(m: MinutesView): string | null {
  if (m.status !== 'locked' || !m.sha256) return null;
  return `Biên bản đã khóa lúc ${formatVnDateTime(m.lockedAt)}. Mã băm SHA-256: ${m.sha256}`;
}

const draftLine = 'DỰ THẢO - biên bản chưa được khóa';

export async function minutesPdf(m: MinutesView): Promise<Buffer> {
  const c = m.content;
  const pdf = (await PdfWriter.create(`${c.title} - ${c.subtitle}`)).nationalHeader(c.issuer).title(c.title, c.subtitle);
  if (m.status !== 'locked') pdf.paragraph(draftLine, { bold: true });
  for (const s of c.sections) {
    pdf.heading(s.heading);
    for (const line of s.body.split('\n')) pdf.paragraph(line);
  }
  pdf.space(1).paragraph('THƯ KÝ                                                            CHỦ TỌA', { bold: true });
  const lock = lockLine(m);
  if (lock) pdf.space(2).paragraph(lock);
  return pdf.finish();
}

const require = createRequire(import.meta.url);
const DOCX_FONT = 'DejaVu Serif';
let docxFonts: { name: string; data: Buffer; bold: Buffer } | null = null;
/** Read once: the serif face closest to the Times New Roman of administrative papers, with every Vietnamese letter. */
function embeddedDocxFont(): { name: string; data: Buffer; bold: Buffer } {
  docxFonts ??= {
    name: DOCX_FONT,
    data: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSerif.ttf')),
    bold: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSerif-Bold.ttf')),
  };
  return docxFonts;
}

/** Word output for editing outside the system, with its font embedded so diacritics show on any computer. */
export async function minutesDocx(m: MinutesView): Promise<Buffer> {
  const c = m.content;
  const { AlignmentType, Document, Packer, Paragraph, TextRun } = await import('docx');
  const p = (text: string, opts: { bold?: boolean; center?: boolean; size?: number } = {}): Paragraph =>
    new Paragraph({ alignment: opts.center ? AlignmentType.CENTER : AlignmentType.LEFT, children: [new TextRun({ text, bold: opts.bold, size: opts.size })] });
  const children: Paragraph[] = [
    p(c.issuer.toUpperCase(), { bold: true }),
    p('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, center: true }),
    p('Độc lập - Tự do - Hạnh phúc', { bold: true, center: true }),
    p(''),
    p(c.title, { bold: true, center: true, size: 30 }),
    p(c.subtitle, { center: true }),
  ];
  if (m.status !== 'locked') children.push(p(draftLine, { bold: true }));
  for (const s of c.sections) {
    children.push(p(s.heading, { bold: true }));
    for (const line of s.body.split('\n')) children.push(p(line));
  }
  children.push(p(''), p('THƯ KÝ\tCHỦ TỌA', { bold: true }));
  const lock = lockLine(m);
  if (lock) children.push(p(''), p(lock));
  const doc = new Document({
    creator: 'Diên Hồng',
    title: `${c.title} - ${c.subtitle}`,
    styles: { default: { document: { run: { font: DOCX_FONT, size: 26 } } } },
    fonts: [embeddedDocxFont()],
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}
