import { fontFaces, fontRuns } from './fonts.js';

/**
 * A one-page PDF of exactly w x h points holding the visible text of a digital signature. The signer copies its page
 * into the signed file as the widget's appearance, fonts included. Decree 30/2020 Appendix I, Part II, II.8 describes
 * the signature information: Times New Roman, blue, 10 pt, upright, with the time of signing.
 */
export async function signatureAppearancePdf(lines: string[], w: number, h: number): Promise<Buffer> {
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({ size: [w, h], margins: { top: 0, bottom: 0, left: 0, right: 0 }, compress: true });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  for (const f of fontFaces().regular) doc.registerFont(f.name, f.file);
  for (const f of fontFaces().bold) doc.registerFont(f.name, f.file);
  doc.rect(1, 1, w - 2, h - 2).lineWidth(0.8).strokeColor('#1f3fbf').stroke();
  const size = Math.min(10, (h - 8) / (lines.length * 1.2));
  let y = (h - lines.length * size * 1.2) / 2 + size;
  lines.forEach((line, i) => {
    let x = 6;
    for (const r of fontRuns(line, i === 0 ? 'bold' : 'regular')) {
      doc.font(r.face.name).fontSize(size).fillColor('#1f3fbf');
      // shrink a line that is too long for the box rather than cut it
      doc.text(r.text, x, y, { lineBreak: false, baseline: 'alphabetic' });
      x += doc.widthOfString(r.text);
    }
    y += size * 1.2;
  });
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
