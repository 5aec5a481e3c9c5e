import type { ProcessingRecord } from '#contracts';
import type { AppConfig } from '#core';

// the record's types are the contract's, so the PDF, the JSON and the web read one shape
export type { ProcessingActivity, ProcessingRecord } from '#contracts';

/**
 * The record of processing for the impact assessment dossier (Law 91/2025/QH15 Art. 21; Decree 356/2025/ND-CP,
 * dossier contents to verify against the official text), built from the running configuration so it says what
 * this installation actually does.
 */
export function buildProcessingRecord(config: AppConfig, now: Date): ProcessingRecord {
  const f = config.face;
  const db = config.database.kind === 'postgres' ? 'PostgreSQL (máy chủ của cơ quan)' : `PGlite nhúng, thư mục ${config.database.dataDir}`;
  const key = f.key ? `khóa FACE_KEY (phiên bản ${f.keyVersion})` : `khóa trong ${config.dataDir}/face.key (quyền 0600)`;
  return {
    generatedAt: now.toISOString(),
    controller: f.controller,
    contact: f.contact,
    noticeVersion: f.noticeVersion,
    activities: [
      {
        name: 'Hồ sơ đại biểu và tài khoản',
        dataCategory: 'basic',
        data: ['họ tên', 'chức vụ', 'đơn vị', 'email', 'số điện thoại', 'tên đăng nhập', 'cơ quan là thành viên'],
        purpose: 'mời họp, điểm danh, biểu quyết, lấy ý kiến, lập biên bản',
        legalBasis: 'thực hiện nhiệm vụ của cơ quan nhà nước theo luật (Luật 91/2025/QH15, Điều 19 - cần đối chiếu)',
        retention: 'trong nhiệm kỳ; sau đó theo quy định lưu trữ hồ sơ họp',
        storage: db,
        access: 'quản trị viên, thư ký, chủ tọa (theo cuộc họp); đại biểu xem hồ sơ của mình',
      },
      {
        name: 'Điểm danh, biểu quyết, ý kiến',
        dataCategory: 'basic',
        data: ['thời điểm và cách điểm danh', 'phiếu biểu quyết (phiếu kín không gắn danh tính)', 'ý kiến, đăng ký phát biểu'],
        purpose: 'tổ chức cuộc họp và lập biên bản',
        legalBasis: 'thực hiện nhiệm vụ theo Luật Tổ chức chính quyền địa phương 72/2025/QH15 và quy chế làm việc',
        retention: 'theo thời hạn lưu trữ hồ sơ cuộc họp',
        storage: db + '; chuỗi nhật ký kiểm toán có băm nối tiếp',
        access: 'thư ký, chủ tọa, quản trị viên; đại biểu xem của mình',
      },
      {
        name: 'Điểm danh bằng khuôn mặt',
        dataCategory: 'sensitive',
        data: ['vectơ đặc trưng khuôn mặt 128 chiều (không lưu ảnh)', 'hồ sơ đồng ý: phiên bản và SHA-256 của thông báo, mục đích, phương thức, người ghi nhận'],
        purpose: 'điểm danh tại máy điểm danh trong cuộc họp của cơ quan mà đại biểu là thành viên',
        legalBasis: 'sự đồng ý của chủ thể dữ liệu (Luật 91/2025/QH15, Điều 9); không đồng ý thì điểm danh thủ công hoặc QR',
        retention: `đến khi rút đồng ý, thôi hoạt động, rời mọi cơ quan, hoặc ${f.retentionDays} ngày không điểm danh; đồng ý theo thông báo cũ: ngừng đối chiếu ngay, xóa sau ${f.noticeGraceDays} ngày`,
        storage: `${db}, mã hóa AES-256-GCM bằng ${key}`,
        access: 'chỉ bộ đối chiếu tự động; không ai xem được vectơ; khuôn mặt không nhận diện được không được lưu hay gửi đi (chỉ đếm số lượng)',
      },
    ],
    securityMeasures: [
      'mã hóa vectơ khuôn mặt AES-256-GCM khi lưu; đổi khóa bằng lệnh face:rotate-key, có ghi nhật ký',
      'không lưu ảnh đăng ký hay ảnh từ máy điểm danh; ảnh chỉ được xử lý trong bộ nhớ',
      'phân quyền theo vai trò (quản trị viên, thư ký, chủ tọa, đại biểu, quan sát viên); mã thông báo có thời hạn',
      'nhật ký kiểm toán dạng chuỗi băm: đăng ký, xóa, đổi khóa, thay đổi đồng ý, xuất dữ liệu, cán bộ xem hồ sơ đồng ý',
      'tự động xóa theo thời hạn lưu trữ (tác vụ định kỳ có khóa thuê)',
    ],
    processors: [
      { name: 'Máy chủ thư điện tử (SMTP)', role: 'gửi nhắc việc', configured: config.tasks.smtpUrl !== null, data: 'họ tên, email, nội dung nhiệm vụ' },
      { name: 'LiveKit (hội nghị trực tuyến)', role: 'truyền hình ảnh, âm thanh phiên họp trực tuyến', configured: config.livekit !== null, data: 'tên hiển thị, hình ảnh và âm thanh trực tiếp (không ghi lại)' },
    ],
    legalReferences: [
      'Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15 (hiệu lực 01/01/2026)',
      'Nghị định số 356/2025/NĐ-CP (dữ liệu sinh trắc học là dữ liệu cá nhân nhạy cảm, Điều 4)',
    ],
  };
}
