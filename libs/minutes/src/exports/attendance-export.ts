import { bodySymbol, DOCUMENT_KIND_SYMBOL } from '#documents';
import { EXPORT_SIGNERS, PdfWriter } from '../render/pdf-writer.js';
import { ATTENDANCE_STATUS_LABEL, attendanceExportStatus, CHECKIN_METHOD_LABEL, formatMeetingTime, formatQuorumLine, formatVnDateTime } from '../render/format.js';
import type { AttendanceExportData } from './export-data.service.js';

export const ATTENDANCE_COLUMNS = ['STT', 'Họ và tên', 'Chức vụ', 'Tình trạng', 'Hình thức điểm danh', 'Thời gian', 'Lý do vắng'];

/** One row per invited delegate, as both formats print it. */
export function attendanceRows(data: AttendanceExportData): string[][] {
  return data.list.map((d, i) => [
    String(i + 1),
    d.fullName,
    d.title ?? '',
    ATTENDANCE_STATUS_LABEL[attendanceExportStatus(d.status, d.method, data.meeting.closedAt !== null)],
    d.method ? CHECKIN_METHOD_LABEL[d.method] : '',
    formatVnDateTime(d.checkedInAt),
    d.absenceReason ?? '',
  ]);
}

export function attendanceSummaryLines(data: AttendanceExportData): [string, string][] {
  const s = data.summary;
  return [
    ['Số đại biểu được mời', String(s.invited)],
    ['Có mặt tại hội trường', String(s.presentInHall)],
    ['Tham dự trực tuyến', String(s.presentOnline)],
    ['Vắng có lý do', String(s.excused)],
    [data.meeting.closedAt !== null ? 'Vắng mặt' : 'Vắng/chưa điểm danh', String(s.absent)],
  ];
}

export async function attendancePdf(data: AttendanceExportData): Promise<Buffer> {
  const { meeting } = data;
  const pdf = (await PdfWriter.create(`Danh sách điểm danh - ${meeting.title}`))
    .nationalHeader(data.bodyName, { number: { number: null, symbol: `${DOCUMENT_KIND_SYMBOL.list}-${bodySymbol(data.bodyName)}` } })
    .title('DANH SÁCH ĐIỂM DANH ĐẠI BIỂU', meeting.title)
    .fields([
      ['Thời gian', formatMeetingTime(meeting)],
      ['Địa điểm', meeting.location ?? ''],
    ])
    .space()
    // STT gets room for three digits and its header on one line
    .table(ATTENDANCE_COLUMNS, attendanceRows(data), [0.075, 0.185, 0.13, 0.165, 0.155, 0.13, 0.16])
    // the summary and its quorum line stay together (heading, five counts, the quorum line over two lines)
    .keepTogether(10)
    .heading('Tổng hợp')
    .fields(attendanceSummaryLines(data))
    .paragraph(formatQuorumLine(data.summary.quorum, data.summary.members), { bold: true, indent: 0 })
    .closing(EXPORT_SIGNERS);
  return pdf.finish();
}

export async function attendanceXlsx(data: AttendanceExportData): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Diên Hồng';
  const ws = wb.addWorksheet('Điểm danh');
  ws.addRow(['DANH SÁCH ĐIỂM DANH ĐẠI BIỂU']).font = { bold: true, size: 14 };
  ws.addRow([data.meeting.title]);
  ws.addRow(['Thời gian', formatMeetingTime(data.meeting)]);
  ws.addRow([]);
  ws.addRow(ATTENDANCE_COLUMNS).font = { bold: true };
  for (const r of attendanceRows(data)) ws.addRow([Number(r[0]), ...r.slice(1)]);
  ws.addRow([]);
  for (const [label, value] of attendanceSummaryLines(data)) ws.addRow([label, Number(value)]);
  ws.addRow([formatQuorumLine(data.summary.quorum, data.summary.members)]).font = { bold: true };
  ws.columns.forEach((c, i) => (c.width = [6, 28, 20, 22, 22, 18, 30][i] ?? 16));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
