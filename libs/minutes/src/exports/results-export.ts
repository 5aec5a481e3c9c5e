import { bodySymbol, DOCUMENT_KIND_SYMBOL } from '#documents';
import { EXPORT_SIGNERS, PdfWriter } from '../render/pdf-writer.js';
import { BALLOT_MODE_LABEL, formatMeetingTime, OUTCOME_LABEL, POLL_KIND_LABEL } from '../render/format.js';
import type { PollExport, ResultsExportData } from './export-data.service.js';

/** The lines that describe one poll's result, shared by the results export and the minutes. */
export function pollSummaryLines(p: PollExport): string[] {
  return [
    `Hình thức: ${POLL_KIND_LABEL[p.kind] ?? p.kind}; ${BALLOT_MODE_LABEL[p.ballotMode] ?? p.ballotMode}`,
    ...(p.legal.decisionType ? [`Loại quyết định: ${p.legal.decisionType}`] : []),
    `Nguyên tắc biểu quyết: ${p.legal.ruleWords}`,
    ...(p.legal.basis ? [`Căn cứ pháp lý: ${p.legal.basis}`] : []),
    ...(p.legal.overrideBasis ? [`Áp dụng nguyên tắc khác theo quyết định của quản trị viên, căn cứ: ${p.legal.overrideBasis}`] : []),
    `Thành viên: ${p.members}; có mặt khi mở biểu quyết: ${p.present}; số phiếu: ${p.cast}`,
    ...p.counts.map((c) => `${c.label}: ${c.votes} phiếu`),
    ...p.officials,
    `Cách tính: ${p.arithmetic}`,
    `Kết quả: ${OUTCOME_LABEL[p.outcome] ?? p.outcome}`,
  ];
}

export async function resultsPdf(data: ResultsExportData): Promise<Buffer> {
  const pdf = (await PdfWriter.create(`Kết quả biểu quyết - ${data.meeting.title}`))
    .nationalHeader(data.bodyName, { number: { number: null, symbol: `${DOCUMENT_KIND_SYMBOL.report}-${bodySymbol(data.bodyName)}` } })
    .title('KẾT QUẢ BIỂU QUYẾT', data.meeting.title)
    .fields([['Thời gian', formatMeetingTime(data.meeting)]]);
  if (data.polls.length === 0) pdf.paragraph('Chưa có nội dung biểu quyết nào đã kết thúc.');
  data.polls.forEach((p, i) => {
    pdf.heading(`${i + 1}. ${p.title}`);
    for (const line of pollSummaryLines(p)) pdf.paragraph(line);
    if (p.named.length > 0) {
      pdf.space(0.3).table(['STT', 'Đại biểu', 'Lựa chọn'], p.named.map((b, j) => [String(j + 1), b.fullName, b.choices.join('; ') || '(phiếu trống)']), [0.08, 0.46, 0.46]);
    }
    if (p.secret.length > 0) {
      pdf.space(0.3).paragraph('Mã biên nhận các phiếu kín đã được kiểm (chỉ xác nhận phiếu đã được tính, không kèm nội dung phiếu):');
      pdf.table(['STT', 'Mã biên nhận'], p.secret.map((r, j) => [String(j + 1), r]), [0.12, 0.88]);
    }
  });
  pdf.closing(EXPORT_SIGNERS);
  return pdf.finish();
}

export async function resultsXlsx(data: ResultsExportData): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Diên Hồng';
  const summary = wb.addWorksheet('Tổng hợp');
  summary.addRow(['KẾT QUẢ BIỂU QUYẾT']).font = { bold: true, size: 14 };
  summary.addRow([data.meeting.title]);
  summary.addRow([]);
  summary.addRow(['STT', 'Nội dung', 'Hình thức', 'Phương thức', 'Thành viên', 'Có mặt', 'Số phiếu', 'Phương án', 'Số phiếu phương án', 'Cách tính', 'Kết quả']).font = { bold: true };
  data.polls.forEach((p, i) => {
    p.counts.forEach((c, j) => {
      summary.addRow(
        j === 0
          ? [i + 1, p.title, POLL_KIND_LABEL[p.kind] ?? p.kind, BALLOT_MODE_LABEL[p.ballotMode] ?? p.ballotMode, p.members, p.present, p.cast, c.label, c.votes, p.arithmetic, OUTCOME_LABEL[p.outcome] ?? p.outcome]
          : [null, null, null, null, null, null, null, c.label, c.votes, null, null],
      );
    });
  });
  summary.columns.forEach((c, i) => (c.width = [6, 36, 20, 20, 11, 9, 9, 22, 12, 60, 20][i] ?? 14));
  data.polls.forEach((p, i) => {
    // worksheet names are at most 31 characters and unique
    const ws = wb.addWorksheet(`BQ ${i + 1}`);
    ws.addRow([p.title]).font = { bold: true };
    ws.addRow([]);
    if (p.named.length > 0) {
      ws.addRow(['STT', 'Đại biểu', 'Lựa chọn']).font = { bold: true };
      p.named.forEach((b, j) => ws.addRow([j + 1, b.fullName, b.choices.join('; ')]));
    } else {
      ws.addRow(['STT', 'Mã biên nhận']).font = { bold: true };
      p.secret.forEach((r, j) => ws.addRow([j + 1, r]));
    }
    ws.columns.forEach((c, k) => (c.width = [6, 32, 40][k] ?? 14));
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
