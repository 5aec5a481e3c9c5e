import { createInflateRaw } from 'node:zlib';
import { DomainError, ErrorCode } from '#core';

/** Limits for what an XLSX upload may unpack to, checked before exceljs inflates anything (zip bombs). */
export const ZIP_LIMITS = { maxEntries: 2000, maxUncompressedBytes: 100 * 1024 * 1024, maxRatio: 200 };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

function notXlsx(): DomainError {
  return new DomainError(ErrorCode.INVALID_FILE, 'The file starts like XLSX but is not a readable Excel workbook');
}

/** One member as the central directory declares it. */
interface ZipMember {
  method: number;
  compressedSize: number;
  size: number;
  localHeader: number;
}

/**
 * Reads the zip central directory and refuses archives that declare more than the limits. This alone trusts the
 * directory; `assertZipInflatesWithinLimits` then checks what the members really inflate to.
 */
export function assertZipWithinLimits(buf: Buffer, limits = ZIP_LIMITS): void {
  readCentralDirectory(buf, limits);
}

/**
 * Inflates every member as a stream, counting the bytes and holding none of them, and stops as soon as a member
 * passes its declared size or the whole archive passes the limits. jszip (inside exceljs) inflates a member fully
 * before it compares with the declared size, so a 1.5 MB archive whose directory lies took 1.5 GB of memory there.
 */
export async function assertZipInflatesWithinLimits(buf: Buffer, limits = ZIP_LIMITS): Promise<void> {
  const members = readCentralDirectory(buf, limits);
  const budget = Math.min(limits.maxUncompressedBytes, Math.max(buf.length, 64 * 1024) * limits.maxRatio);
  let total = 0;
  for (const m of members) {
    if (m.localHeader + 30 > buf.length || buf.readUInt32LE(m.localHeader) !== LOCAL) throw notXlsx();
    const start = m.localHeader + 30 + buf.readUInt16LE(m.localHeader + 26) + buf.readUInt16LE(m.localHeader + 28);
    if (start + m.compressedSize > buf.length) throw notXlsx();
    const data = buf.subarray(start, start + m.compressedSize);
    let actual: number;
    if (m.method === 0) actual = data.length;
    else if (m.method === 8) actual = await inflatedSize(data, Math.min(m.size, budget - total) + 1);
    else throw notXlsx();
    if (total + actual > budget) throw tooBig();
    // a directory that lies about a member is not a workbook a spreadsheet program wrote
    if (actual !== m.size) throw notXlsx();
    total += actual;
  }
}

/** Bytes the deflate stream inflates to, counted chunk by chunk; stops (destroying the stream) past `cap`. */
function inflatedSize(data: Buffer, cap: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const inflater = createInflateRaw({ chunkSize: 64 * 1024 });
    let n = 0;
    let settled = false;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      fn();
    };
    inflater.on('data', (chunk: Buffer) => {
      n += chunk.length;
      if (n > cap) {
        inflater.destroy();
        finish(() => resolve(n));
      }
    });
    inflater.on('end', () => finish(() => resolve(n)));
    inflater.on('error', () => finish(() => reject(notXlsx())));
    inflater.end(data);
  });
}

function readCentralDirectory(buf: Buffer, limits: typeof ZIP_LIMITS): ZipMember[] {
  const minEocd = 22;
  if (buf.length < minEocd) throw notXlsx();
  let eocd = -1;
  for (let i = buf.length - minEocd; i >= Math.max(0, buf.length - minEocd - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw notXlsx();
  const entries = buf.readUInt16LE(eocd + 10);
  const dirOffset = buf.readUInt32LE(eocd + 16);
  if (entries === 0xffff || dirOffset === 0xffffffff) throw notXlsx(); // ZIP64: never produced for a registry sheet
  if (entries > limits.maxEntries) throw tooBig();
  let total = 0;
  let p = dirOffset;
  const members: ZipMember[] = [];
  for (let n = 0; n < entries; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) throw notXlsx();
    const size = buf.readUInt32LE(p + 24);
    const compressedSize = buf.readUInt32LE(p + 20);
    const localHeader = buf.readUInt32LE(p + 42);
    if (size === 0xffffffff || compressedSize === 0xffffffff || localHeader === 0xffffffff) throw notXlsx();
    members.push({ method: buf.readUInt16LE(p + 10), compressedSize, size, localHeader });
    total += size;
    p += 46 + buf.readUInt16LE(p + 28) + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  if (total > limits.maxUncompressedBytes || total > Math.max(buf.length, 64 * 1024) * limits.maxRatio) throw tooBig();
  return members;
}

function tooBig(): DomainError {
  return new DomainError(ErrorCode.PAYLOAD_TOO_LARGE, 'The workbook expands to more data than an import may hold');
}
