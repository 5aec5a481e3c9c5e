import ExcelJS from 'exceljs';

/** Builders for import uploads: CSV text in any encoding, XLSX workbooks, multipart forms. */
export function csv(rows: string[][], delimiter = ','): string {
  const quote = (v: string): string => (/[",;\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return rows.map((r) => r.map(quote).join(delimiter)).join('\r\n') + '\r\n';
}

export async function xlsx(rows: (string | number | null)[][], sheetName = 'Đại biểu'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function readXlsx(buf: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const rows: string[][] = [];
  wb.worksheets[0].eachRow((row) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(row.getCell(c).text);
    rows.push(cells);
  });
  return rows;
}

export function upload(content: Buffer | string, filename = 'dai-bieu.csv', field = 'file'): FormData {
  const form = new FormData();
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  form.append(field, new Blob([new Uint8Array(bytes)]), filename);
  return form;
}
