import type { CheckInMethod } from '#attendance';
import type { Quorum } from '#attendance';
import { formatVnDateTime } from '#core';

export { formatVnDateTime, formatVnLongDate } from '#core';

/** Attendance as the export shows it: where the delegate is, not how the row is stored. */
export type AttendanceExportStatus = 'in_hall' | 'online' | 'excused' | 'left' | 'not_yet' | 'absent';

export const ATTENDANCE_STATUS_LABEL: Record<AttendanceExportStatus, string> = {
  in_hall: 'Có mặt tại hội trường',
  online: 'Tham dự trực tuyến',
  excused: 'Vắng có lý do',
  left: 'Đã rời cuộc họp',
  not_yet: 'Chưa điểm danh',
  absent: 'Vắng mặt',
};

export const CHECKIN_METHOD_LABEL: Record<CheckInMethod, string> = {
  face: 'Nhận diện khuôn mặt',
  manual: 'Thư ký điểm danh',
  qr: 'Mã QR',
  online: 'Trực tuyến',
};

export function attendanceExportStatus(status: 'present' | 'left' | 'excused' | 'absent', method: CheckInMethod | null, closed = false): AttendanceExportStatus {
  if (status === 'present') return method === 'online' ? 'online' : 'in_hall';
  if (status === 'excused') return 'excused';
  if (status === 'left') return 'left';
  // once the meeting is closed nobody is "not checked in yet": they were absent
  return closed ? 'absent' : 'not_yet';
}

/** `Túc số: 4/5 thành viên có mặt, cần tối thiểu 4 (2/3) — Đủ túc số`. */
export function formatQuorumLine(q: Quorum, members: number): string {
  return `Túc số: ${q.present}/${members} thành viên có mặt, cần tối thiểu ${q.required} (${q.rule}) — ${q.reached ? 'Đủ túc số' : 'Chưa đủ túc số'}`;
}

export const POLL_KIND_LABEL: Record<string, string> = {
  motion: 'Biểu quyết thông qua',
  choice: 'Lựa chọn phương án',
  election: 'Bầu cử',
  confidence: 'Lấy phiếu tín nhiệm',
  no_confidence: 'Bỏ phiếu tín nhiệm',
};
export const BALLOT_MODE_LABEL: Record<string, string> = { named: 'Công khai (ghi danh)', secret: 'Bỏ phiếu kín' };
export const OUTCOME_LABEL: Record<string, string> = {
  adopted: 'Thông qua',
  rejected: 'Không thông qua',
  no_quorum: 'Không đủ túc số',
  complete: 'Đã xác định kết quả',
  partial: 'Chưa đủ số phương án/ứng viên đạt',
  boundary_tie: 'Có phương án/ứng viên bằng phiếu, cần biểu quyết lại',
  counted: 'Đã kiểm phiếu (kết quả từng người ở trên)',
};

/** A filename-safe slug of a title, Vietnamese letters kept; the ASCII fallback is made by contentDisposition. */
export function exportFilename(prefix: string, title: string, ext: string): string {
  const slug = title
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return `${prefix}${slug ? `-${slug}` : ''}.${ext}`;
}

/** The meeting's time as it happened once the session opened (khai mạc → bế mạc), else the scheduled start, said as such. */
export function formatMeetingTime(m: { startsAt: Date; sessionOpenedAt: Date | null; closedAt: Date | null }): string {
  if (m.sessionOpenedAt === null) return `${formatVnDateTime(m.startsAt)} (theo lịch)`;
  return m.closedAt === null ? `Khai mạc ${formatVnDateTime(m.sessionOpenedAt)}` : `Khai mạc ${formatVnDateTime(m.sessionOpenedAt)}, bế mạc ${formatVnDateTime(m.closedAt)}`;
}
