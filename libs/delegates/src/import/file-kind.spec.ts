import { DomainError } from '#core';
import { detectDelimiter, detectUploadKind } from './file-kind.js';

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
  return 'none';
}

describe('upload kind and encoding detection', () => {
  it('takes a zip as XLSX and UTF-8 text as CSV, dropping the BOM', () => {
    expect(detectUploadKind(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).toEqual({ kind: 'xlsx' });
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Họ và tên\nNguyễn Thị Thúy Hằng\n', 'utf8')]);
    expect(detectUploadKind(withBom)).toEqual({ kind: 'csv', text: 'Họ và tên\nNguyễn Thị Thúy Hằng\n' });
  });

  it('refuses UTF-16 (with or without BOM) and legacy code pages with INVALID_ENCODING', () => {
    const utf16 = Buffer.from('\uFEFFfull_name\nNguyễn\n', 'utf16le');
    expect(codeOf(() => detectUploadKind(utf16))).toBe('INVALID_ENCODING');
    expect(codeOf(() => detectUploadKind(Buffer.from('full_name,email\nAn,a@b.vn\n', 'utf16le')))).toBe('INVALID_ENCODING');
    // "Nguyễn" in Windows-1258: base letter + combining tone mark byte (0xDE), invalid as UTF-8
    const cp1258 = Buffer.from([0x4e, 0x67, 0x75, 0x79, 0xea, 0xde, 0x6e, 0x0a]);
    expect(codeOf(() => detectUploadKind(cp1258))).toBe('INVALID_ENCODING');
  });

  it('refuses other formats with INVALID_FILE', () => {
    expect(codeOf(() => detectUploadKind(Buffer.from('%PDF-1.7\n')))).toBe('INVALID_FILE');
    expect(codeOf(() => detectUploadKind(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0])))).toBe('INVALID_FILE');
    expect(codeOf(() => detectUploadKind(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a])))).toBe('INVALID_FILE');
    expect(codeOf(() => detectUploadKind(Buffer.from([1, 2, 3, 0, 200, 0, 7, 8, 9, 10, 11, 12])))).toBe('INVALID_FILE');
  });

  it('detects the CSV separator from the header line', () => {
    expect(detectDelimiter('full_name;email\na;b')).toBe(';');
    expect(detectDelimiter('full_name,email')).toBe(',');
    expect(detectDelimiter('full_name\temail')).toBe('\t');
    expect(detectDelimiter('full_name')).toBe(',');
  });
});
