import ExcelJS from 'exceljs';
import JSZip from 'jszip';

/** Every page's text, one line per PDF text line, NFC. pdfjs-dist's legacy build runs in Node without a worker. */
export async function pdfText(content: Buffer): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(content), useSystemFonts: false, isEvalSupported: false }).promise;
  let out = '';
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const text = await page.getTextContent();
    for (const item of text.items) if ('str' in item) out += item.str + (item.hasEOL ? '\n' : '');
    out += '\n';
  }
  await doc.destroy();
  return out.normalize('NFC');
}

/** Font names the PDF embeds (FontFile2 = embedded TrueType), read from the raw file. */
export function pdfEmbeddedFonts(content: Buffer): { embedded: number; baseFonts: string[] } {
  const raw = content.toString('latin1');
  return { embedded: raw.split('/FontFile2').length - 1, baseFonts: [...raw.matchAll(/\/BaseFont \/([A-Za-z0-9+-]+)/g)].map((m) => m[1]) };
}

/** The sheets of a workbook as rows of cell values (strings NFC). */
export async function xlsxSheets(content: Buffer): Promise<Map<string, unknown[][]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(content as unknown as ArrayBuffer);
  const sheets = new Map<string, unknown[][]>();
  wb.eachSheet((ws) => {
    const rows: unknown[][] = [];
    ws.eachRow({ includeEmpty: true }, (row, n) => {
      const values = (row.values as unknown[]).slice(1).map((v) => (typeof v === 'string' ? v.normalize('NFC') : v));
      rows[n - 1] = values;
    });
    sheets.set(ws.name, Array.from(rows, (r) => r ?? []));
  });
  return sheets;
}

/** The text of word/document.xml, one line per paragraph, NFC. */
export async function docxText(content: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(content);
  const xml = await zip.file('word/document.xml')?.async('string');
  if (xml === undefined) throw new Error('not a DOCX: word/document.xml is missing');
  const decode = (s: string): string => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  return xml
    .split('</w:p>')
    .map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decode(m[1])).join(''))
    .join('\n')
    .normalize('NFC');
}

/** The font families a DOCX embeds (word/fontTable.xml entries with an embedded regular face). */
export async function docxEmbeddedFonts(content: Buffer): Promise<string[]> {
  const zip = await JSZip.loadAsync(content);
  const table = (await zip.file('word/fontTable.xml')?.async('string')) ?? '';
  const embedded = [...table.matchAll(/<w:font w:name="([^"]+)">((?:(?!<\/w:font>).)*)<\/w:font>/gs)].filter((m) => m[2].includes('w:embedRegular'));
  const files = Object.keys(zip.files).filter((f) => f.startsWith('word/fonts/'));
  return files.length > 0 ? embedded.map((m) => m[1]) : [];
}

/** Vietnam time as a reader expects it, computed with ICU (independent of the exporter's fixed offset). */
export function vnTime(d: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit', year: 'numeric', hourCycle: 'h23' })
      .formatToParts(d)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.hour}:${parts.minute} ${parts.day}/${parts.month}/${parts.year}`;
}
