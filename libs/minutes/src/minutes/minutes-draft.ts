import { MeetingMode } from '#meetings';
import { pollSummaryLines } from '../exports/results-export.js';
import type { AttendanceExportData, PollExport } from '../exports/export-data.service.js';
import { ATTENDANCE_STATUS_LABEL, attendanceExportStatus, CHECKIN_METHOD_LABEL, formatQuorumLine, formatVnDateTime, formatVnLongDate } from '../render/format.js';
import { compareVietnameseNames } from '#core';
import type { MinutesConclusion } from './conclusions.port.js';
import type { MinutesContent } from './meeting-minutes.entity.js';
import type { CountReportView } from '#voting';
import { countReportLines } from '../exports/count-report-export.js';

export interface MinutesOpinion {
  delegateName: string;
  agendaItemId: string | null;
  content: string;
}

/** Someone who had the floor (granted by the chair), in the order they spoke. */
export interface MinutesSpeaker {
  delegateName: string;
  agendaItemId: string | null;
  grantedAt: Date;
}

export interface MinutesInputs {
  attendance: AttendanceExportData;
  speakers?: MinutesSpeaker[];
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
export function buildMinutesDraft({ attendance, polls, opinions, conclusions, speakers = [], countReports = [] }: MinutesInputs): MinutesContent {
  const { meeting, agenda, summary, list } = attendance;
  const agendaTitle = new Map(agenda.map((a) => [a.id, `${a.position}. ${a.title}`]));
  const closed = meeting.closedAt !== null && meeting.closedAt !== undefined;
  // the facts, not the schedule: the actual opening and closing times stamped by the status changes
  const info = [
    meeting.sessionOpenedAt ? `Khai mạc lúc: ${formatVnDateTime(meeting.sessionOpenedAt)}` : `Thời gian bắt đầu (theo lịch, chưa khai mạc): ${formatVnDateTime(meeting.startsAt)}`,
    meeting.closedAt ? `Bế mạc lúc: ${formatVnDateTime(meeting.closedAt)}` : 'Cuộc họp chưa bế mạc.',
    `Địa điểm: ${meeting.location ?? ''}`,
    `Hình thức: ${MODE_LABEL[meeting.mode]}`,
    `Chủ tọa: ${meeting.chairName ?? '(chưa ghi)'}`,
    `Thư ký: ${meeting.secretaryName ?? '(chưa ghi)'}`,
    meeting.openedBelowQuorum
      ? `Phiên họp khai mạc khi chưa đủ túc số: có ${meeting.openingPresent ?? 0}/${meeting.openingRequired ?? 0} thành viên cần thiết có mặt; thư ký đã xác nhận khai mạc và ghi nhận tại biên bản này.`
      : null,
  ];
  const sorted = [...list].sort((a, b) => compareVietnameseNames(a.fullName, b.fullName));
  const present = sorted.filter((d) => d.status === 'present');
  const absent = sorted.filter((d) => d.status !== 'present');
  // after the close nobody is "not yet checked in": they were absent, with or without a reason
  const absentLabel = (d: (typeof list)[number]): string =>
    d.status === 'excused' ? `Vắng có lý do${d.absenceReason ? `: ${d.absenceReason}` : ''}` : d.status === 'left' ? 'Đã rời cuộc họp' : closed ? 'Vắng mặt không có lý do' : ATTENDANCE_STATUS_LABEL[attendanceExportStatus(d.status, d.method)];
  const kindNote = (d: (typeof list)[number]): string => (d.kind === 'substitute' ? ', người dự thay, không biểu quyết' : d.kind === 'guest' ? ', khách mời' : '');
  const presence = [
    `Số người được mời: ${summary.invited}; có mặt tại hội trường: ${summary.presentInHall}; tham dự trực tuyến: ${summary.presentOnline}; vắng có lý do: ${summary.excused}; vắng${closed ? '' : '/chưa điểm danh'}: ${summary.absent}.`,
    meeting.openingRequired !== null && meeting.openingRequired !== undefined
      ? `Túc số khi khai mạc: ${meeting.openingPresent ?? 0} thành viên có mặt, cần tối thiểu ${meeting.openingRequired}.`
      : null,
    formatQuorumLine(summary.quorum, summary.members),
    ...(meeting.quorumOverrideBasis
      ? [`Túc số ${meeting.quorumNumerator}/${meeting.quorumDenominator} thấp hơn quy định của hồ sơ pháp lý, do quản trị viên quyết định; căn cứ: ${meeting.quorumOverrideBasis}`]
      : []),
    'Có mặt:',
    ...present.map((d) => `- ${d.fullName}${d.title ? `, ${d.title}` : ''} (${ATTENDANCE_STATUS_LABEL[attendanceExportStatus(d.status, d.method)]}${d.method ? `, ${CHECKIN_METHOD_LABEL[d.method]}` : ''}${kindNote(d)})`),
    ...(absent.length > 0 ? ['Vắng:'] : []),
    ...absent.map((d) => `- ${d.fullName}${kindNote(d)}: ${absentLabel(d)}`),
  ].filter((l): l is string => l !== null);
  const agendaLines = agenda.length > 0 ? agenda.map((a) => `${a.position}. ${a.title}${a.presenter ? ` (trình bày: ${a.presenter})` : ''}`) : ['Không có chương trình.'];
  const speakerLines = speakers.map(
    (sp) => `- ${sp.delegateName} phát biểu${sp.agendaItemId && agendaTitle.has(sp.agendaItemId) ? ` về nội dung ${agendaTitle.get(sp.agendaItemId)}` : ''} (lúc ${formatVnDateTime(sp.grantedAt)})`,
  );
  const opinionLines =
    opinions.length > 0
      ? opinions.map((o) => `- ${o.delegateName}${o.agendaItemId && agendaTitle.has(o.agendaItemId) ? ` (về nội dung ${agendaTitle.get(o.agendaItemId)})` : ''}: ${o.content}`)
      : ['Không có ý kiến bằng văn bản.'];
  const pollLines =
    polls.length > 0
      ? polls.flatMap((p, i) => [
          `${i + 1}. ${p.title}`,
          ...pollSummaryLines(p).map((l) => `   ${l}`),
          // named ballots: who voted what, as the law's public vote is recorded
          ...(p.named.length > 0 ? ['   Biểu quyết công khai, từng đại biểu:', ...[...p.named].sort((a, b) => compareVietnameseNames(a.fullName, b.fullName)).map((b) => `   - ${b.fullName}: ${b.choices.join('; ') || '(phiếu trống)'}`)] : []),
        ])
      : ['Không có nội dung biểu quyết.'];
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
      { heading: 'IV. PHÁT BIỂU VÀ Ý KIẾN CỦA ĐẠI BIỂU', body: [...(speakerLines.length > 0 ? ['Phát biểu tại phiên họp:', ...speakerLines, 'Ý kiến bằng văn bản:'] : []), ...opinionLines].join('\n') },
      { heading: 'V. KẾT QUẢ BIỂU QUYẾT', body: pollLines.join('\n') },
      ...(countReports.length > 0
        ? [{ heading: 'V.a. KIỂM PHIẾU BỎ PHIẾU KÍN', body: countReports.flatMap((r, i) => [`${i + 1}. Biên bản kiểm phiếu (SHA-256 ${r.sha256.slice(0, 16)}…)`, ...countReportLines(r).map((l) => `   ${l}`)]).join('\n') }]
        : []),
      { heading: 'VI. KẾT LUẬN', body: conclusionLines.join('\n') },
      {
        heading: 'VII. KÝ XÁC NHẬN',
        body: [
          `Biên bản kết thúc lúc ${meeting.closedAt ? formatVnDateTime(meeting.closedAt) : '(chưa bế mạc)'}.`,
          `THƯ KÝ: ${meeting.secretaryName ?? '(chưa ghi)'}`,
          `CHỦ TỌA: ${meeting.chairName ?? '(chưa ghi)'}`,
        ].join('\n'),
      },
    ],
  };
}
