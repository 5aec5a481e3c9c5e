import { createHash } from 'node:crypto';

/** What the person is told before they agree; its text is hashed and the hash stored with each consent. */
export interface NoticeContent {
  controller: string;
  contact: string;
  retentionDays: number;
  graceDays: number;
}

/** Statement that face data is sensitive (Decree 356/2025/ND-CP Art. 4: biometric data is sensitive personal data). */
export const SENSITIVE_STATEMENT =
  'Dữ liệu khuôn mặt (đặc điểm sinh trắc học) là dữ liệu cá nhân nhạy cảm. Hệ thống không lưu ảnh; chỉ lưu vectơ đặc trưng đã mã hóa (AES-256-GCM).';
/** The rights of the data subject (Law 91/2025/QH15 Art. 4). */
export const RIGHTS_STATEMENT =
  'Ông/bà có quyền được biết, đồng ý hoặc không đồng ý, rút lại sự đồng ý, xem và tải dữ liệu của mình, yêu cầu chỉnh sửa, xóa, hạn chế xử lý, phản đối xử lý, khiếu nại, tố cáo, khởi kiện.';
/** How consent is withdrawn (Law 91/2025/QH15 Art. 10: withdrawal as easy as giving it). */
export const WITHDRAWAL_STATEMENT =
  'Rút lại sự đồng ý bất cứ lúc nào tại trang "Quyền riêng tư" của ông/bà hoặc qua quản trị viên; dữ liệu khuôn mặt bị xóa ngay. Không đồng ý thì vẫn điểm danh thủ công hoặc bằng mã QR.';

/** The notice text of a version (Vietnamese, the language of the person asked). */
export function renderNotice(version: string, c: NoticeContent): string {
  return [
    `THÔNG BÁO XỬ LÝ DỮ LIỆU SINH TRẮC HỌC (phiên bản ${version})`,
    `Bên kiểm soát dữ liệu cá nhân: ${c.controller}. Liên hệ: ${c.contact}.`,
    'Mục đích: điểm danh bằng khuôn mặt tại các cuộc họp của cơ quan mà ông/bà là thành viên (ghi trong hồ sơ đồng ý). Không dùng cho mục đích khác.',
    `Loại dữ liệu: vectơ đặc trưng khuôn mặt tính từ ảnh đăng ký; thời điểm điểm danh. ${SENSITIVE_STATEMENT}`,
    `Thời hạn lưu trữ: đến khi ông/bà rút lại sự đồng ý, thôi là đại biểu hoặc không còn thuộc cơ quan nào, hoặc sau ${c.retentionDays} ngày không điểm danh; khi có thông báo phiên bản mới, đồng ý cũ ngừng có hiệu lực và dữ liệu bị xóa sau ${c.graceDays} ngày nếu không đồng ý lại.`,
    'Người được truy cập: hệ thống đối chiếu tự động tại máy điểm danh; không cán bộ nào xem được dữ liệu khuôn mặt. Khuôn mặt không nhận diện được không được lưu hay gửi đi.',
    RIGHTS_STATEMENT,
    WITHDRAWAL_STATEMENT,
    'Căn cứ: Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15; Nghị định số 356/2025/NĐ-CP.',
  ].join('\n');
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
