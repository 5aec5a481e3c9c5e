import { DomainError, ErrorCode } from '#core';

/** Limits for what an XLSX upload may unpack to, checked before exceljs inflates anything (zip bombs). */
export const ZIP_LIMITS = { maxEntries: 2000, maxUncompressedBytes: 100 * 1024 * 1024, maxRatio: 200 };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;

function notXlsx(): DomainError {
  return new DomainError(ErrorCode.INVALID_FILE, 'The file starts like XLSX but is not a readable Excel workbook');
}

/**
 * Reads the zip central directory and refuses archives that would expand beyond the limits. Sizes declared in the
 * directory are what inflaters trust as well (jszip checks them), so a lying archive fails to load instead.
 */
export function assertZipWithinLimits(buf: Buffer, limits = ZIP_LIMITS): void {
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
  for (let n = 0; n < entries; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) throw notXlsx();
    const size = buf.readUInt32LE(p + 24);
    if (size === 0xffffffff) throw notXlsx();
    total += size;
    p += 46 + buf.readUInt16LE(p + 28) + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  if (total > limits.maxUncompressedBytes || total > Math.max(buf.length, 64 * 1024) * limits.maxRatio) throw tooBig();
}

function tooBig(): DomainError {
  return new DomainError(ErrorCode.PAYLOAD_TOO_LARGE, 'The workbook expands to more data than an import may hold');
}
