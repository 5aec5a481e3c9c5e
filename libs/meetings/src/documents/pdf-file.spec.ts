import { contentDisposition, isPdf, sanitizeFilename } from './pdf-file.js';

describe('isPdf', () => {
  it('recognises the %PDF- header, nothing else', () => {
    expect(isPdf(Buffer.from('%PDF-1.4\n%%EOF'))).toBe(true);
    expect(isPdf(Buffer.from('%PDF-'))).toBe(false);
    expect(isPdf(Buffer.from('PK\u0003\u0004 zip renamed to .pdf'))).toBe(false);
    expect(isPdf(Buffer.from(' %PDF-1.4'))).toBe(false);
    expect(isPdf(Buffer.alloc(0))).toBe(false);
  });
});

describe('sanitizeFilename', () => {
  it('keeps Vietnamese letters and normalises to NFC', () => {
    expect(sanitizeFilename('Tờ trình số 12 - Kế hoạch.pdf')).toBe('Tờ trình số 12 - Kế hoạch.pdf');
    expect(sanitizeFilename('To\u0300 tri\u0300nh.pdf')).toBe('Tò trình.pdf');
  });

  it('drops paths, control and reserved characters, and always ends in .pdf', () => {
    expect(sanitizeFilename('../../etc/passwd')).toBe('passwd.pdf');
    expect(sanitizeFilename('C:\\Users\\a\\Báo cáo.PDF')).toBe('Báo cáo.pdf');
    expect(sanitizeFilename('a<b>:"c|?*\u0000\r\n.pdf')).toBe('a_b_c_.pdf');
    expect(sanitizeFilename('')).toBe('tai-lieu.pdf');
    expect(sanitizeFilename(undefined)).toBe('tai-lieu.pdf');
    expect(sanitizeFilename('...')).toBe('tai-lieu.pdf');
    expect(sanitizeFilename('x'.repeat(500)).length).toBe(204);
  });
});

describe('contentDisposition', () => {
  it('gives an ASCII fallback and the UTF-8 name per RFC 5987', () => {
    expect(contentDisposition('Đề án (mới).pdf')).toBe(`attachment; filename="De an (moi).pdf"; filename*=UTF-8''%C4%90%E1%BB%81%20%C3%A1n%20%28m%E1%BB%9Bi%29.pdf`);
  });
});
