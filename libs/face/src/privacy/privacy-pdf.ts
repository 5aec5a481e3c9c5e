import { PdfWriter } from '#minutes';
import type { ConsentRecordDocument } from '../consent/consent.dto.js';
import type { PersonalDataExport } from './privacy.service.js';
import type { ProcessingRecord } from './processing-record.js';

const dt = (d: Date | string | null | undefined): string => (d ? new Date(d).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' }) : '—');
const METHOD: Record<string, string> = { self: 'Đại biểu tự xác nhận trên màn hình', paper: 'Phiếu giấy có chữ ký, quản trị viên ghi nhận' };

/** The person's consent record, printable (the same PdfWriter layout as the other documents). */
export async function consentRecordPdf(r: ConsentRecordDocument, controller: string): Promise<Buffer> {
  const pdf = (await PdfWriter.create(`Hồ sơ đồng ý sinh trắc học - ${r.fullName}`)).nationalHeader(controller).title('HỒ SƠ ĐỒNG Ý XỬ LÝ DỮ LIỆU SINH TRẮC HỌC', r.fullName);
  pdf.fields([
    ['Đại biểu', `${r.fullName}${r.title ? `, ${r.title}` : ''}`],
    ['Trạng thái', r.status.authorisesCheckIn ? 'Đang đồng ý (điểm danh bằng khuôn mặt)' : r.status.reconsentRequired ? 'Cần đồng ý lại theo thông báo mới' : 'Không đồng ý / đã rút'],
    ['Thông báo đang áp dụng', `${r.status.currentNoticeVersion} (SHA-256 ${r.status.currentNoticeSha256})`],
    ['Lập lúc', dt(r.generatedAt)],
  ]);
  if (r.consents.length === 0) pdf.paragraph('Chưa có lần đồng ý nào được ghi nhận.');
  for (const c of r.consents) {
    pdf.heading(`Lần đồng ý ngày ${dt(c.givenAt)}`);
    pdf.fields([
      ['Phiên bản thông báo', c.noticeVersion],
      ['SHA-256 của thông báo', c.noticeSha256 ?? 'không lưu (ghi nhận trước khi có hồ sơ chi tiết)'],
      ['Mục đích', c.purposes.length ? `Điểm danh tại cuộc họp của: ${c.purposes.map((p) => p.bodyName).join('; ')}` : 'Điểm danh tại cuộc họp'],
      ['Bên kiểm soát', c.controller ?? '—'],
      ['Phương thức', `${METHOD[c.method] ?? c.method}${c.paperReference ? ` (số phiếu ${c.paperReference})` : ''}`],
      ['Người ghi nhận', c.recordedBy ?? '—'],
      ['Kết thúc', c.withdrawnAt ? `${dt(c.withdrawnAt)} (${c.endReason ?? 'withdrawn'})` : 'còn hiệu lực'],
    ]);
    if (c.evidence) {
      pdf.paragraph(c.evidence.sensitiveStatement).paragraph(c.evidence.rights).paragraph(c.evidence.withdrawal);
    }
    if (c.noticeText) pdf.space().paragraph('Nội dung thông báo đã được hiển thị:', { bold: true }).paragraph(c.noticeText, { indent: 12 });
  }
  return pdf.finish();
}

export async function personalDataPdf(d: PersonalDataExport, controller: string): Promise<Buffer> {
  const name = typeof d.profile.fullName === 'string' ? d.profile.fullName : '';
  const pdf = (await PdfWriter.create(`Dữ liệu cá nhân - ${name}`)).nationalHeader(controller).title('DỮ LIỆU CÁ NHÂN ĐANG ĐƯỢC LƯU GIỮ', name);
  pdf.heading('Hồ sơ');
  pdf.fields(Object.entries(d.profile).map(([k, v]) => [k, v instanceof Date ? dt(v) : v === null || v === undefined ? '—' : String(v)]));
  if (d.account) pdf.fields([['Tài khoản', `${d.account.username} (${d.account.role})`]]);
  pdf.heading('Cơ quan');
  pdf.table(['Cơ quan', 'Chức vụ', 'Từ ngày'], d.bodies.map((b) => [b.name, b.role ?? '', dt(b.joinedAt)]), [0.5, 0.25, 0.25]);
  pdf.heading('Dữ liệu sinh trắc học');
  pdf.fields([['Số vectơ đặc trưng đang lưu', String(d.biometrics.descriptorCount)]]).paragraph(d.biometrics.note);
  if (d.biometrics.enrolments.length) pdf.table(['Đăng ký lúc', 'Phiên bản khóa'], d.biometrics.enrolments.map((e) => [dt(e.enrolledAt), String(e.keyVersion)]), [0.6, 0.4]);
  pdf.heading('Các lần đồng ý');
  pdf.table(['Ngày', 'Thông báo', 'Phương thức', 'Kết thúc'], d.consents.map((c) => [dt(c.givenAt as string), String(c.noticeVersion), String(c.method), c.withdrawnAt ? dt(c.withdrawnAt as string) : 'còn hiệu lực']), [0.25, 0.2, 0.2, 0.35]);
  pdf.heading('Điểm danh');
  pdf.table(['Cuộc họp', 'Bắt đầu', 'Trạng thái', 'Cách', 'Lúc'], d.checkIns.map((c) => [c.meetingTitle, dt(c.meetingStart), c.status, c.method ?? '', dt(c.checkedInAt)]), [0.36, 0.18, 0.14, 0.12, 0.2]);
  pdf.heading('Yêu cầu về dữ liệu');
  pdf.table(['Loại', 'Trạng thái', 'Gửi lúc', 'Xong lúc'], d.requests.map((r) => [r.kind, r.status, dt(r.requestedAt), dt(r.completedAt)]), [0.3, 0.2, 0.25, 0.25]);
  pdf.space().paragraph(`Lập lúc ${dt(d.generatedAt)}.`);
  return pdf.finish();
}

export async function processingRecordPdf(r: ProcessingRecord): Promise<Buffer> {
  const pdf = (await PdfWriter.create('Hồ sơ hoạt động xử lý dữ liệu cá nhân')).nationalHeader(r.controller).title('HỒ SƠ HOẠT ĐỘNG XỬ LÝ DỮ LIỆU CÁ NHÂN', 'Hệ thống họp Diên Hồng');
  pdf.fields([
    ['Bên kiểm soát', r.controller],
    ['Liên hệ', r.contact],
    ['Thông báo sinh trắc học đang áp dụng', r.noticeVersion],
    ['Lập lúc', dt(r.generatedAt)],
  ]);
  for (const a of r.activities) {
    pdf.heading(`${a.name} (${a.dataCategory === 'sensitive' ? 'dữ liệu nhạy cảm' : 'dữ liệu cơ bản'})`);
    pdf.fields([
      ['Dữ liệu', a.data.join('; ')],
      ['Mục đích', a.purpose],
      ['Căn cứ', a.legalBasis],
      ['Thời hạn lưu trữ', a.retention],
      ['Nơi lưu trữ', a.storage],
      ['Người được truy cập', a.access],
    ]);
  }
  pdf.heading('Biện pháp bảo vệ');
  for (const m of r.securityMeasures) pdf.paragraph(`- ${m}`);
  pdf.heading('Bên xử lý');
  pdf.table(['Bên xử lý', 'Việc', 'Dữ liệu', 'Đang dùng'], r.processors.map((p) => [p.name, p.role, p.data, p.configured ? 'có' : 'không']), [0.28, 0.27, 0.33, 0.12]);
  pdf.heading('Căn cứ pháp lý');
  for (const l of r.legalReferences) pdf.paragraph(`- ${l}`);
  return pdf.finish();
}
