import ExcelJS from 'exceljs';
import { DomainError } from '#core';
import { assertZipWithinLimits, ZIP_LIMITS } from './zip-guard.js';

async function workbook(rows: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Đại biểu');
  ws.addRow(['Họ và tên']);
  for (let i = 0; i < rows; i++) ws.addRow(['Nguyễn Thị Thúy Hằng']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function codeOf(fn: () => void): string {
  try {
    fn();
    return 'none';
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
}

describe('zip guard for XLSX uploads', () => {
  it('lets a normal workbook through', async () => {
    const buf = await workbook(10);
    expect(codeOf(() => assertZipWithinLimits(buf))).toBe('none');
  });

  it('refuses a workbook that expands beyond the limits before inflating it', async () => {
    const buf = await workbook(2000);
    expect(codeOf(() => assertZipWithinLimits(buf, { ...ZIP_LIMITS, maxUncompressedBytes: 50_000 }))).toBe('PAYLOAD_TOO_LARGE');
    expect(codeOf(() => assertZipWithinLimits(buf, { ...ZIP_LIMITS, maxEntries: 3 }))).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses truncated or fake archives as INVALID_FILE', async () => {
    const buf = await workbook(10);
    expect(codeOf(() => assertZipWithinLimits(buf.subarray(0, buf.length - 30)))).toBe('INVALID_FILE');
    expect(codeOf(() => assertZipWithinLimits(Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(100, 1)])))).toBe('INVALID_FILE');
  });
});
