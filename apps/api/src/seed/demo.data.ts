/** Demo People's Committee: 15 members with Vietnamese names; delegate1 is the Chairman. */
export const DEMO_BODY = {
  name: 'Ủy ban nhân dân Thành phố Hà Nội',
  description: 'Tập thể UBND Thành phố (dữ liệu mẫu) — demo People\'s Committee',
};

export const DEMO_MEMBERS: { fullName: string; title: string; position: string; organization: string }[] = [
  { fullName: 'Nguyễn Văn Phong', title: 'Chủ tịch UBND Thành phố', position: 'Chủ tịch', organization: 'UBND Thành phố Hà Nội' },
  { fullName: 'Trần Thị Hương', title: 'Phó Chủ tịch Thường trực', position: 'Phó Chủ tịch', organization: 'UBND Thành phố Hà Nội' },
  { fullName: 'Lê Quang Đức', title: 'Phó Chủ tịch', position: 'Phó Chủ tịch', organization: 'UBND Thành phố Hà Nội' },
  { fullName: 'Phạm Minh Tuấn', title: 'Phó Chủ tịch', position: 'Phó Chủ tịch', organization: 'UBND Thành phố Hà Nội' },
  { fullName: 'Hoàng Thị Lan', title: 'Phó Chủ tịch', position: 'Phó Chủ tịch', organization: 'UBND Thành phố Hà Nội' },
  { fullName: 'Vũ Đình Khải', title: 'Giám đốc Sở Tài chính', position: 'Ủy viên', organization: 'Sở Tài chính' },
  { fullName: 'Đặng Thu Trang', title: 'Giám đốc Sở Nội vụ', position: 'Ủy viên', organization: 'Sở Nội vụ' },
  { fullName: 'Bùi Văn Thắng', title: 'Giám đốc Sở Xây dựng', position: 'Ủy viên', organization: 'Sở Xây dựng' },
  { fullName: 'Đỗ Ngọc Ánh', title: 'Giám đốc Sở Tư pháp', position: 'Ủy viên', organization: 'Sở Tư pháp' },
  { fullName: 'Ngô Thanh Hải', title: 'Giám đốc Sở Giáo dục và Đào tạo', position: 'Ủy viên', organization: 'Sở Giáo dục và Đào tạo' },
  { fullName: 'Dương Thị Mỹ Linh', title: 'Giám đốc Sở Y tế', position: 'Ủy viên', organization: 'Sở Y tế' },
  { fullName: 'Lý Quốc Bảo', title: 'Chánh Văn phòng UBND Thành phố', position: 'Ủy viên', organization: 'Văn phòng UBND Thành phố' },
  { fullName: 'Trịnh Xuân Trường', title: 'Giám đốc Công an Thành phố', position: 'Ủy viên', organization: 'Công an Thành phố Hà Nội' },
  { fullName: 'Phan Thị Thúy Hằng', title: 'Chánh Thanh tra Thành phố', position: 'Ủy viên', organization: 'Thanh tra Thành phố' },
  { fullName: 'Cao Minh Nhật', title: 'Chỉ huy trưởng Bộ Tư lệnh Thủ đô', position: 'Ủy viên', organization: 'Bộ Tư lệnh Thủ đô' },
];

/** Units that lead or cooperate on tasks; members whose organization matches a unit's name work for it. */
export const DEMO_UNITS: { code: string; name: string }[] = [
  { code: 'VP-UBND', name: 'Văn phòng UBND Thành phố' },
  { code: 'STC', name: 'Sở Tài chính' },
  { code: 'SNV', name: 'Sở Nội vụ' },
  { code: 'SXD', name: 'Sở Xây dựng' },
  { code: 'STP', name: 'Sở Tư pháp' },
  { code: 'SGDDT', name: 'Sở Giáo dục và Đào tạo' },
  { code: 'SYT', name: 'Sở Y tế' },
];

export const DEMO_MEETING = {
  title: 'Phiên họp thường kỳ UBND Thành phố tháng 11/2026',
  location: 'Phòng họp tầng 3, số 12 Lê Lai, Hoàn Kiếm, Hà Nội',
  agenda: [
    { title: 'Báo cáo tình hình kinh tế - xã hội tháng 11 và nhiệm vụ tháng 12', presenter: 'Giám đốc Sở Tài chính' },
    { title: 'Tờ trình về dự toán ngân sách Thành phố năm 2027', presenter: 'Giám đốc Sở Tài chính' },
    { title: 'Đề án chuyển đổi số trong tổ chức phiên họp không giấy tờ', presenter: 'Chánh Văn phòng UBND Thành phố' },
  ],
};

/** Demo People's Council: the 15 Committee members above are delegates too, with 15 more (no logins: the secretary checks them in). */
export const DEMO_COUNCIL = {
  name: 'Hội đồng nhân dân Thành phố Hà Nội',
  description: 'HĐND Thành phố (dữ liệu mẫu) — demo People\'s Council, 30 đại biểu',
};

export const DEMO_COUNCIL_DELEGATES: { fullName: string; title: string; organization: string }[] = [
  { fullName: 'Nguyễn Thị Thanh Bình', title: 'Chủ tịch HĐND Thành phố', organization: 'HĐND Thành phố Hà Nội' },
  { fullName: 'Trần Đức Minh', title: 'Phó Chủ tịch HĐND Thành phố', organization: 'HĐND Thành phố Hà Nội' },
  { fullName: 'Lê Thị Ngọc Mai', title: 'Trưởng Ban Kinh tế - Ngân sách', organization: 'HĐND Thành phố Hà Nội' },
  { fullName: 'Phạm Văn Hòa', title: 'Trưởng Ban Pháp chế', organization: 'HĐND Thành phố Hà Nội' },
  { fullName: 'Hoàng Minh Khoa', title: 'Trưởng Ban Văn hóa - Xã hội', organization: 'HĐND Thành phố Hà Nội' },
  { fullName: 'Vũ Thị Hồng Nhung', title: 'Trưởng Ban Đô thị', organization: 'HĐND Thành phố Hà Nội' },
  { fullName: 'Đặng Quốc Việt', title: 'Đại biểu HĐND', organization: 'Phường Hoàn Kiếm' },
  { fullName: 'Bùi Thị Thu Hà', title: 'Đại biểu HĐND', organization: 'Phường Ba Đình' },
  { fullName: 'Đỗ Văn Long', title: 'Đại biểu HĐND', organization: 'Phường Đống Đa' },
  { fullName: 'Ngô Thị Phương', title: 'Đại biểu HĐND', organization: 'Phường Cầu Giấy' },
  { fullName: 'Dương Văn Sơn', title: 'Đại biểu HĐND', organization: 'Phường Tây Hồ' },
  { fullName: 'Lý Thị Kim Oanh', title: 'Đại biểu HĐND', organization: 'Xã Sóc Sơn' },
  { fullName: 'Trịnh Công Thành', title: 'Đại biểu HĐND', organization: 'Xã Đông Anh' },
  { fullName: 'Phan Văn Quý', title: 'Đại biểu HĐND', organization: 'Xã Gia Lâm' },
  { fullName: 'Cao Thị Yến', title: 'Đại biểu HĐND', organization: 'Phường Hà Đông' },
];

export const DEMO_COUNCIL_SESSION = {
  title: 'Kỳ họp thường lệ cuối năm 2026 HĐND Thành phố',
  location: 'Hội trường HĐND Thành phố, số 18 Lê Lai, Hoàn Kiếm, Hà Nội',
  agenda: [{ title: 'Lấy phiếu tín nhiệm đối với người giữ chức vụ do HĐND bầu', presenter: 'Thường trực HĐND Thành phố' }],
  confidenceTitle: 'Lấy phiếu tín nhiệm năm 2026',
};
