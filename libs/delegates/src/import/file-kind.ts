import { DomainError, ErrorCode } from '#core';

export type UploadKind = { kind: 'xlsx' } | { kind: 'csv'; text: string };

const startsWith = (buf: Uint8Array, bytes: number[]): boolean => bytes.every((b, i) => buf[i] === b);

/** Signatures of files people upload by mistake: old Excel (OLE2), PDF, images, other archives. */
const OTHER_FORMATS: { name: string; bytes: number[] }[] = [
  { name: 'Excel 97-2003 (.xls); save it as .xlsx or CSV UTF-8', bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] },
  { name: 'PDF', bytes: [0x25, 0x50, 0x44, 0x46] },
  { name: 'PNG', bytes: [0x89, 0x50, 0x4e, 0x47] },
  { name: 'JPEG', bytes: [0xff, 0xd8, 0xff] },
  { name: 'GIF', bytes: [0x47, 0x49, 0x46, 0x38] },
  { name: 'gzip', bytes: [0x1f, 0x8b] },
  { name: 'empty or spanned zip', bytes: [0x50, 0x4b, 0x05, 0x06] },
];

/**
 * Decides from the content (never the file name) whether an upload is XLSX (a zip) or CSV text. CSV must be UTF-8:
 * UTF-16 and legacy code pages (Windows-1258, TCVN3...) are refused with INVALID_ENCODING; a UTF-8 BOM is dropped.
 */
export function detectUploadKind(buf: Uint8Array): UploadKind {
  if (startsWith(buf, [0x50, 0x4b, 0x03, 0x04])) return { kind: 'xlsx' };
  for (const f of OTHER_FORMATS) {
    if (startsWith(buf, f.bytes)) throw new DomainError(ErrorCode.INVALID_FILE, `The file is ${f.name}, not CSV or XLSX`);
  }
  if (startsWith(buf, [0xff, 0xfe]) || startsWith(buf, [0xfe, 0xff])) {
    throw new DomainError(ErrorCode.INVALID_ENCODING, 'The CSV file is UTF-16; save it as "CSV UTF-8"', { encoding: 'UTF-16' });
  }
  const body = startsWith(buf, [0xef, 0xbb, 0xbf]) ? buf.subarray(3) : buf;
  const nul = body.indexOf(0);
  if (nul !== -1) {
    // UTF-16 without a BOM: ASCII text with a zero byte beside every character
    let zeros = 0;
    const sample = Math.min(body.length, 512);
    for (let i = 0; i < sample; i++) if (body[i] === 0) zeros++;
    if (sample >= 4 && zeros * 3 >= sample) {
      throw new DomainError(ErrorCode.INVALID_ENCODING, 'The CSV file looks like UTF-16; save it as "CSV UTF-8"', { encoding: 'UTF-16' });
    }
    throw new DomainError(ErrorCode.INVALID_FILE, 'The file is neither CSV text nor XLSX');
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    throw new DomainError(ErrorCode.INVALID_ENCODING, 'The CSV file is not valid UTF-8 (Windows-1258 or TCVN3?); save it as "CSV UTF-8"', { encoding: 'not UTF-8' });
  }
  // binary junk that happens to be valid UTF-8: control characters other than tab, CR, LF
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f) controls++;
  }
  if (controls > 0 && controls * 100 > text.length) throw new DomainError(ErrorCode.INVALID_FILE, 'The file is neither CSV text nor XLSX');
  return { kind: 'csv', text: text.normalize('NFC') };
}

/** Excel in Vietnamese locales writes ';' between fields; pick the separator the header line uses most. */
export function detectDelimiter(text: string): string {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const counts = [',', ';', '\t'].map((d) => ({ d, n: firstLine.split(d).length - 1 }));
  counts.sort((a, b) => b.n - a.n);
  return counts[0].n > 0 ? counts[0].d : ',';
}
