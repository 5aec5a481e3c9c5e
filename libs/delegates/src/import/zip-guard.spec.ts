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

/** deflate of `bytes` zeros, streamed (the input is never held whole). */
async function deflatedZeros(bytes: number): Promise<Buffer> {
  const { createDeflateRaw } = await import('node:zlib');
  const deflater = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflater.on('data', (c: Buffer) => out.push(c));
  const done = new Promise<void>((resolve, reject) => {
    deflater.on('end', resolve);
    deflater.on('error', reject);
  });
  const chunk = Buffer.alloc(1024 * 1024);
  for (let written = 0; written < bytes; written += chunk.length) {
    if (!deflater.write(chunk)) await new Promise((r) => deflater.once('drain', r));
  }
  deflater.end();
  await done;
  return Buffer.concat(out);
}

/**
 * A workbook with one more member whose central directory (and local header) declares `declared` bytes while the
 * data inflates to `actual`: what the adversarial review uploaded (1.5 MB that inflated to 1.5 GB).
 */
async function lyingBomb(actual: number, declared: number): Promise<Buffer> {
  const base = await workbook(3);
  const { default: JSZip } = await import('jszip');
  const zip = await JSZip.loadAsync(base);
  const members: { name: string; data: Buffer; size: number; method: number }[] = [];
  const { deflateRawSync } = await import('node:zlib');
  for (const name of Object.keys(zip.files).filter((n) => !zip.files[n].dir)) {
    const raw = await zip.file(name)!.async('nodebuffer');
    members.push({ name, data: deflateRawSync(raw), size: raw.length, method: 8 });
  }
  // the bomb replaces the sheet a reader opens first
  const sheet = members.find((m) => m.name === 'xl/worksheets/sheet1.xml')!;
  sheet.data = await deflatedZeros(actual);
  sheet.size = declared;
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const m of members) {
    const name = Buffer.from(m.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(m.method, 8);
    local.writeUInt32LE(0, 14); // crc: not what a bomb relies on
    local.writeUInt32LE(m.data.length, 18);
    local.writeUInt32LE(m.size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, m.data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(m.method, 10);
    central.writeUInt32LE(m.data.length, 20);
    central.writeUInt32LE(m.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + m.data.length;
  }
  const dir = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(members.length, 8);
  eocd.writeUInt16LE(members.length, 10);
  eocd.writeUInt32LE(dir.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, eocd]);
}

describe('zip bomb whose central directory lies', () => {
  it('passes the directory check (what it declares is small) but is refused while inflating, without the memory', async () => {
    const bomb = await lyingBomb(1024 * 1024 * 1024, 4096);
    expect(bomb.length).toBeLessThan(5 * 1024 * 1024); // fits IMPORT_MAX_BYTES
    expect(codeOf(() => assertZipWithinLimits(bomb))).toBe('none');
    const { readXlsx } = await import('./delegate-file.reader.js');
    const peakBefore = process.resourceUsage().maxRSS; // kB, the process's high-water mark
    const started = Date.now();
    const err = await readXlsx(bomb).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe('INVALID_FILE');
    // inflating the 1 GiB member (what jszip did) would raise the peak by about that much
    expect(process.resourceUsage().maxRSS - peakBefore).toBeLessThan(200 * 1024);
    expect(Date.now() - started).toBeLessThan(20_000);
  }, 120_000);

  it('an honest workbook still reads', async () => {
    const { readXlsx } = await import('./delegate-file.reader.js');
    const rows = await readXlsx(await workbook(5));
    expect(rows[0].cells[0]).toBe('Họ và tên');
    expect(rows).toHaveLength(6);
  });
});
