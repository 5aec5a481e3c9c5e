import { bodySymbol, DOCUMENT_KIND_SYMBOL, type DocumentNumberText, type OfficialPdfResult, type SignatureSlot } from '#documents';
import type { CountReportView } from '#voting';
import { PdfWriter } from '../render/pdf-writer.js';
import { formatVnDateTime, OUTCOME_LABEL, POLL_KIND_LABEL } from '../render/format.js';


const ROLE_LABEL = { head: 'Trưởng ban', member: 'Thành viên' } as const;

/** The lines of a count report, shared by the PDF and the minutes' section. */
export function countReportLines(report: CountReportView): string[] {
  const c = report.content;
  return [
    `Nội dung: ${c.title} (${POLL_KIND_LABEL[c.kind] ?? c.kind}, bỏ phiếu kín)`,
    `Thời gian kiểm phiếu: ${formatVnDateTime(new Date(c.countedAt))}`,
    `Tổng số thành viên: ${c.members}; số thành viên có mặt: ${c.present}; số người trong danh sách bỏ phiếu khi mở: ${c.onRoll}`,
    `Số phiếu phát ra: ${c.issued}; số phiếu thu vào: ${c.returned}; phiếu hợp lệ: ${c.valid}; phiếu không hợp lệ: ${c.invalid}; phiếu trống: ${c.blank}`,
    ...c.options.map((o) => `${o.label}: ${o.votes} phiếu, bằng ${o.ofMembers} tổng số thành viên, ${o.ofReturned} số phiếu thu vào`),
    `Nguyên tắc: ${c.ruleText}`,
    `Cách tính: ${c.arithmetic}`,
    `Kết quả: ${OUTCOME_LABEL[c.outcome] ?? c.outcome}${c.winners.length > 0 ? ` (${c.winners.join('; ')})` : ''}`,
    `Ban kiểm phiếu: ${c.committee.length > 0 ? c.committee.map((m) => `${m.fullName} (${ROLE_LABEL[m.role]})`).join('; ') : 'không chỉ định'}`,
  ];
}

export function countReportSymbol(bodyName: string): string {
  return `${DOCUMENT_KIND_SYMBOL.countReport}-${bodySymbol(bodyName)}`;
}

/** The count report is signed by the counting committee: the head first, then each member (slot keys are stable). */
export function countReportSlots(report: CountReportView): SignatureSlot[] {
  return report.confirmations.map((m, i) =>
    m.role === 'head' ? { key: 'head', position: ['TRƯỞNG BAN KIỂM PHIẾU'], fullName: m.fullName } : { key: `member-${i + 1}`, position: ['THÀNH VIÊN BAN KIỂM PHIẾU'], fullName: m.fullName },
  );
}

export interface CountReportOfficial {
  number: DocumentNumberText;
  date: Date;
}

/** Biên bản kiểm phiếu: the count report of one secret poll, with each member's confirmation and the report's hash. */
export async function countReportPdf(bodyName: string, meetingTitle: string, report: CountReportView): Promise<Buffer> {
  return (await countReportOfficialPdf(bodyName, meetingTitle, report)).pdf;
}

/** The same report in the Decree 30/2020 layout: its number when registered, and one signature block per committee member. */
export async function countReportOfficialPdf(bodyName: string, meetingTitle: string, report: CountReportView, official?: CountReportOfficial): Promise<OfficialPdfResult> {
  const c = report.content;
  const pdf = (await PdfWriter.create(`Biên bản kiểm phiếu - ${c.title}`))
    .nationalHeader(bodyName, { number: official?.number ?? { number: null, symbol: countReportSymbol(bodyName) }, date: official?.date ?? new Date(c.countedAt) })
    .title('BIÊN BẢN KIỂM PHIẾU', meetingTitle);
  pdf.fields([
    ['Nội dung biểu quyết', `${c.title} (${POLL_KIND_LABEL[c.kind] ?? c.kind})`],
    ['Hình thức', 'Bỏ phiếu kín (điện tử)'],
    ['Thời gian kiểm phiếu', formatVnDateTime(new Date(c.countedAt))],
  ]);
  pdf.heading('I. BAN KIỂM PHIẾU');
  if (c.committee.length === 0) pdf.paragraph('Không chỉ định ban kiểm phiếu; hệ thống kiểm phiếu tự động.');
  else pdf.table(['STT', 'Họ và tên', 'Chức danh trong ban', 'Xác nhận kết quả'], report.confirmations.map((m, i) => [String(i + 1), m.fullName, ROLE_LABEL[m.role], m.confirmedAt ? formatVnDateTime(new Date(m.confirmedAt)) : 'Chưa xác nhận']), [0.08, 0.4, 0.22, 0.3]);
  pdf.heading('II. KẾT QUẢ KIỂM PHIẾU');
  pdf.fields([
    ['Tổng số thành viên', String(c.members)],
    ['Số thành viên có mặt', String(c.present)],
    ['Số người trong danh sách bỏ phiếu khi mở', String(c.onRoll)],
    ['Số phiếu phát ra', String(c.issued)],
    ['Số phiếu thu vào', String(c.returned)],
    ['Số phiếu hợp lệ', String(c.valid)],
    ['Số phiếu không hợp lệ', String(c.invalid)],
    ['Số phiếu trống', String(c.blank)],
  ]);
  pdf.space(0.3).table(['STT', 'Phương án / ứng cử viên', 'Số phiếu', '% tổng số thành viên', '% số phiếu thu vào'], c.options.map((o, i) => [String(i + 1), o.label, String(o.votes), o.ofMembers, o.ofReturned]), [0.08, 0.42, 0.14, 0.18, 0.18]);
  pdf.heading('III. NGUYÊN TẮC VÀ KẾT QUẢ');
  pdf.paragraph(`Nguyên tắc: ${c.ruleText}.`);
  pdf.paragraph(`Cách tính: ${c.arithmetic}`);
  pdf.paragraph(`Kết quả: ${OUTCOME_LABEL[c.outcome] ?? c.outcome}${c.winners.length > 0 ? `. Trúng cử / được chọn: ${c.winners.join('; ')}` : ''}.`, { bold: true });
  pdf.heading('IV. XÁC THỰC');
  pdf.paragraph(c.custody === 'committee' ? 'Khóa giải mã phiếu do các thành viên Ban kiểm phiếu cùng nắm giữ (chia khóa k trên n); khóa đã được hủy sau khi kiểm phiếu.' : 'Khóa giải mã phiếu do máy chủ giữ ngoài cơ sở dữ liệu; khóa đã được hủy sau khi kiểm phiếu.');
  pdf.paragraph(`Mã băm SHA-256 của biên bản (ghi trong nhật ký kiểm toán): ${report.sha256}`);
  pdf.paragraph(report.finalisedAt ? `Biên bản đã được toàn bộ Ban kiểm phiếu xác nhận lúc ${formatVnDateTime(new Date(report.finalisedAt))}.` : 'Biên bản chưa được toàn bộ Ban kiểm phiếu xác nhận.');
  pdf.closing(countReportSlots(report), [`Chủ tọa cuộc họp`, 'Lưu: VT']);
  return pdf.finishWithSlots();
}
