import { bodySymbol, formatDocumentNumber, formatPlaceDate, formatVnSigningTime, vnYear } from './official-format.js';
import { glueBodyName } from './official-pdf.js';

describe('Decree 30/2020 formats', () => {
  it('writes the number with a leading 0 under 10, and a blank number before registration', () => {
    expect(formatDocumentNumber({ number: 5, symbol: 'BB-UBND' })).toBe('Số: 05/BB-UBND');
    expect(formatDocumentNumber({ number: 12, symbol: 'BB-UBND' })).toBe('Số: 12/BB-UBND');
    expect(formatDocumentNumber({ number: null, symbol: 'BB-HĐND' })).toMatch(/^Số: +\/BB-HĐND$/);
  });

  it('writes the place and date in Vietnam time, 0 before days under 10 and months 1 and 2 only', () => {
    expect(formatPlaceDate('Hà Nội', new Date('2026-12-01T18:30:00Z'))).toBe('Hà Nội, ngày 02 tháng 12 năm 2026');
    expect(formatPlaceDate('Hà Nội', new Date('2027-02-09T03:00:00Z'))).toBe('Hà Nội, ngày 09 tháng 02 năm 2027');
    expect(formatPlaceDate('Hà Nội', new Date('2027-03-15T03:00:00Z'))).toBe('Hà Nội, ngày 15 tháng 3 năm 2027');
    // the year of numbering turns at midnight in Vietnam, not UTC
    expect(vnYear(new Date('2026-12-31T17:30:00Z'))).toBe(2027);
    expect(formatVnSigningTime(new Date('2026-12-02T03:15:30Z'))).toBe('2026-12-02T10:15:30+07:00');
  });

  it('derives the issuer symbol', () => {
    expect(bodySymbol('Ủy ban nhân dân Thành phố Hà Nội')).toBe('UBND');
    expect(bodySymbol('Hội đồng nhân dân Phường Hoàn Kiếm')).toBe('HĐND');
  });

  it('keeps the place name of a body on one line: the only break is before the administrative unit', () => {
    const glued = glueBodyName('Ủy ban nhân dân Thành phố Hà Nội');
    expect(glued.split(' ')).toEqual(['ỦY\u00a0BAN\u00a0NHÂN\u00a0DÂN', 'THÀNH\u00a0PHỐ\u00a0HÀ\u00a0NỘI']);
    expect(glueBodyName('Hội đồng nhân dân xã Sóc Sơn').split(' ')).toEqual(['HỘI\u00a0ĐỒNG\u00a0NHÂN\u00a0DÂN', 'XÃ\u00a0SÓC\u00a0SƠN']);
  });
});
