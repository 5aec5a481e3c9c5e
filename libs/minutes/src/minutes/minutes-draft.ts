import { MeetingMode } from '#meetings';
import { pollSummaryLines } from '../exports/results-export.js';
import type { AttendanceExportData, PollExport } from '../exports/export-data.service.js';
import { ATTENDANCE_STATUS_LABEL, attendanceExportStatus, CHECKIN_METHOD_LABEL, formatQuorumLine, formatVnDateTime, formatVnLongDate } from '../render/format.js';
import type { MinutesConclusion } from './conclusions.port.js';
import type { MinutesContent } from './meeting-minutes.entity.js';
import type { CountReportView } from '#voting';
import { countReportLines } from '../exports/count-report-export.js';

export interface MinutesOpinion {
  delegateName: string;
  agendaItemId: string | null;
  content: string;
}

export interface MinutesInputs {
  attendance: AttendanceExportData;
  polls: PollExport[];
  opinions: MinutesOpinion[];
  conclusions: MinutesConclusion[];
  /** Count reports (biên bản kiểm phiếu) of the meeting's counted secret polls. */
  countReports?: CountReportView[];
}

const MODE_LABEL: Record<MeetingMode, string> = {
  [MeetingMode.InPerson]: 'Trực tiếp',
  [MeetingMode.Online]: 'Trực tuyến',
  [MeetingMode.Hybrid]: 'Kết hợp trực tiếp và trực tuyến',
};

/** The draft minutes, written from the meeting's data; the secretary edits the text before locking. */
export function buildMinutesDraft({ attendance, polls, opinions, conclusions, countReports = [] }: MinutesInputs): MinutesContent {
  const { meeting, agenda, summary, list } = attendance;
  const agendaTitle = new Map(agenda.map((a) => [a.id, `${a.position}. ${a.title}`]));
  const info = [
    `Thời gian bắt đầu: ${formatVnDateTime(meeting.startsAt)}`,
    meeting.endsAt ? `Thời gian kết thúc: ${formatVnDateTime(meeting.endsAt)}` : null,
    `Địa điểm: ${meeting.location ?? ''}`,
    `Hình thức: ${MODE_LABEL[meeting.mode]}`,
  ];
  const present = list.filter((d) => d.status === 'present');
  const absent = list.filter((d) => d.status !== 'present');
  const presence = [
    `Số đại biểu được mời: ${summary.invited}; có mặt tại hội trường: ${summary.presentInHall}; tham dự trực tuyến: ${summary.presentOnline}; vắng có lý do: ${summary.excused}; vắng/chưa điểm danh: ${summary.absent}.`,
    formatQuorumLine(summary.quorum, summary.members),
    'Đại biểu có mặt:',
    ...present.map((d) => `- ${d.fullName}${d.title ? `, ${d.title}` : ''} (${ATTENDANCE_STATUS_LABEL[attendanceExportStatus(d.status, d.method)]}${d.method ? `, ${CHECKIN_METHOD_LABEL[d.method]}` : ''})`),
    ...(absent.length > 0 ? ['Đại biểu vắng:'] : []),
    ...absent.map((d) => `- ${d.fullName}: ${ATTENDANCE_STATUS_LABEL[attendanceExportStatus(d.status, d.method)]}${d.absenceReason ? ` (lý do: ${d.absenceReason})` : ''}`),
  ];
  const agendaLines = agenda.length > 0 ? agenda.map((a) => `${a.position}. ${a.title}${a.presenter ? ` (trình bày: ${a.presenter})` : ''}`) : ['Không có chương trình.'];
  const opinionLines =
    opinions.length > 0
      ? opinions.map((o) => `- ${o.delegateName}${o.agendaItemId && agendaTitle.has(o.agendaItemId) ? ` (về nội dung ${agendaTitle.get(o.agendaItemId)})` : ''}: ${o.content}`)
      : ['Không có ý kiến bằng văn bản.'];
  const pollLines =
    polls.length > 0 ? polls.flatMap((p, i) => [`${i + 1}. ${p.title}`, ...pollSummaryLines(p).map((l) => `   ${l}`)]) : ['Không có nội dung biểu quyết.'];
  const conclusionLines =
    conclusions.length > 0
      ? conclusions.flatMap((c, i) => [`${i + 1}. ${c.agendaItemTitle ? `Về nội dung “${c.agendaItemTitle}”: ` : ''}${c.text}`, ...c.tasks.map((t) => `   - ${t}`)])
      : ['Chưa ghi nhận kết luận.'];
  return {
    issuer: attendance.bodyName,
    title: 'BIÊN BẢN HỌP',
    subtitle: `${meeting.title}, ${formatVnLongDate(meeting.startsAt)}`,
    sections: [
      { heading: 'I. THÔNG TIN CUỘC HỌP', body: info.filter((l): l is string => l !== null).join('\n') },
      { heading: 'II. THÀNH PHẦN THAM DỰ VÀ TÚC SỐ', body: presence.join('\n') },
      { heading: 'III. CHƯƠNG TRÌNH HỌP', body: agendaLines.join('\n') },
      { heading: 'IV. Ý KIẾN CỦA ĐẠI BIỂU', body: opinionLines.join('\n') },
      { heading: 'V. KẾT QUẢ BIỂU QUYẾT', body: pollLines.join('\n') },
      ...(countReports.length > 0
        ? [{ heading: 'V.a. KIỂM PHIẾU BỎ PHIẾU KÍN', body: countReports.flatMap((r, i) => [`${i + 1}. Biên bản kiểm phiếu (SHA-256 ${r.sha256.slice(0, 16)}…)`, ...countReportLines(r).map((l) => `   ${l}`)]).join('\n') }]
        : []),
      { heading: 'VI. KẾT LUẬN', body: conclusionLines.join('\n') },
    ],
  };
}
