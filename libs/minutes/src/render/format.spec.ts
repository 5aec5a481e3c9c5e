import { CheckInMethod } from '#attendance';
import { attendanceExportStatus, exportFilename, formatMeetingTime, formatQuorumLine, formatVnDateTime, formatVnLongDate } from './format.js';

describe('export formatting', () => {
  it('writes times in Vietnam time (UTC+7), across the day and year boundary', () => {
    expect(formatVnDateTime(new Date('2026-11-27T01:05:00Z'))).toBe('08:05 27/11/2026');
    expect(formatVnDateTime('2026-12-31T17:30:00.000Z')).toBe('00:30 01/01/2027');
    expect(formatVnDateTime(null)).toBe('');
    expect(formatVnLongDate(new Date('2026-03-04T20:00:00Z'))).toBe('ngày 05 tháng 03 năm 2026');
  });

  it('agrees with the ICU time zone database for Asia/Ho_Chi_Minh', () => {
    const icu = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    for (const iso of ['2026-01-01T00:00:00Z', '2026-06-15T23:59:00Z', '2030-10-01T12:34:00Z']) {
      expect(formatVnDateTime(iso).slice(0, 5)).toBe(icu.format(new Date(iso)));
    }
  });

  it('maps stored attendance to where the delegate is', () => {
    expect(attendanceExportStatus('present', CheckInMethod.Face)).toBe('in_hall');
    expect(attendanceExportStatus('present', CheckInMethod.Qr)).toBe('in_hall');
    expect(attendanceExportStatus('present', CheckInMethod.Online)).toBe(CheckInMethod.Online);
    expect(attendanceExportStatus('excused', null)).toBe('excused');
    expect(attendanceExportStatus('left', CheckInMethod.Manual)).toBe('left');
    expect(attendanceExportStatus('absent', null)).toBe('not_yet');
  });

  it('writes the quorum line', () => {
    expect(formatQuorumLine({ required: 10, present: 9, reached: false, rule: '2/3' }, 15)).toBe('Túc số: 9/15 thành viên có mặt, cần tối thiểu 10 (2/3) — Chưa đủ túc số');
    expect(formatQuorumLine({ required: 4, present: 4, reached: true, rule: '2/3' }, 5)).toBe('Túc số: 4/5 thành viên có mặt, cần tối thiểu 4 (2/3) — Đủ túc số');
  });

  it('makes filenames from titles, keeping Vietnamese letters (NFC) and dropping punctuation', () => {
    expect(exportFilename('bien-ban', 'Phiên họp: thường kỳ / tháng 11', 'pdf')).toBe('bien-ban-Phiên-họp-thường-kỳ-tháng-11.pdf');
    expect(exportFilename('diem-danh', 'Phie\u0302n', 'xlsx')).toBe('diem-danh-Phiên.xlsx');
    expect(exportFilename('diem-danh', '***', 'xlsx')).toBe('diem-danh.xlsx');
  });

  it('the meeting time is what happened once the session opened, and the schedule, said as such, before', () => {
    const startsAt = new Date('2026-12-02T01:00:00Z');
    expect(formatMeetingTime({ startsAt, sessionOpenedAt: null, closedAt: null })).toBe('08:00 02/12/2026 (theo lịch)');
    expect(formatMeetingTime({ startsAt, sessionOpenedAt: new Date('2026-12-02T01:12:00Z'), closedAt: null })).toBe('Khai mạc 08:12 02/12/2026');
    expect(formatMeetingTime({ startsAt, sessionOpenedAt: new Date('2026-12-02T01:12:00Z'), closedAt: new Date('2026-12-02T03:40:00Z') })).toBe('Khai mạc 08:12 02/12/2026, bế mạc 10:40 02/12/2026');
  });
});
