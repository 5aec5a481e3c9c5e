import { AttendanceStatus, CheckInMethod } from '#attendance';
import { InvitationKind, MeetingMode, type AgendaItemEntity, type MeetingEntity } from '#meetings';
import type { AttendanceExportData } from '../exports/export-data.service.js';
import { buildMinutesDraft } from './minutes-draft.js';

const meeting = { id: 'm1', title: 'Phiên họp chuyên đề', location: 'Phòng họp A', startsAt: new Date('2026-11-27T01:30:00Z'), endsAt: new Date('2026-11-27T04:00:00Z'), mode: MeetingMode.InPerson } as MeetingEntity;
const person = (fullName: string, status: AttendanceStatus | 'absent', method: CheckInMethod | null, absenceReason: string | null = null): AttendanceExportData['list'][number] => ({
  delegateId: fullName,
  fullName,
  title: null,
  kind: InvitationKind.Member,
  canVote: true,
  status,
  method,
  checkedInAt: null,
  checkedOutAt: null,
  absenceReason,
  kioskId: null,
});

const attendance: AttendanceExportData = {
  meeting,
  bodyName: 'UBND phường Tràng Tiền',
  agenda: [],
  summary: { meetingId: 'm1', invited: 3, members: 3, presentInHall: 1, presentOnline: 0, present: 1, excused: 1, absent: 1, quorum: { required: 2, present: 1, reached: false, rule: '2/3' } },
  list: [person('Đỗ Thị Hằng', AttendanceStatus.Present, CheckInMethod.Qr), person('Vũ Văn Ước', AttendanceStatus.Excused, null, 'Ốm'), person('Bùi Đức Thắng', 'absent', null)],
};

describe('minutes draft', () => {
  it('writes every section, with the empty states said plainly and the quorum not reached', () => {
    const c = buildMinutesDraft({ attendance, polls: [], opinions: [], conclusions: [] });
    expect(c.issuer).toBe('UBND phường Tràng Tiền');
    expect(c.subtitle).toBe('Phiên họp chuyên đề, ngày 27 tháng 11 năm 2026');
    const body = Object.fromEntries(c.sections.map((s) => [s.heading, s.body]));
    expect(body['I. THÔNG TIN CUỘC HỌP']).toBe(
      'Thời gian bắt đầu (theo lịch, chưa khai mạc): 08:30 27/11/2026\nCuộc họp chưa bế mạc.\nĐịa điểm: Phòng họp A\nHình thức: Trực tiếp\nChủ tọa: (chưa ghi)\nThư ký: (chưa ghi)',
    );
    // given name order: Hằng, Thắng, Ước
    expect(body['II. THÀNH PHẦN THAM DỰ VÀ TÚC SỐ'].split('\n')).toEqual([
      'Số người được mời: 3; có mặt tại hội trường: 1; tham dự trực tuyến: 0; vắng có lý do: 1; vắng/chưa điểm danh: 1.',
      'Túc số: 1/3 thành viên có mặt, cần tối thiểu 2 (2/3) — Chưa đủ túc số',
      'Có mặt:',
      '- Đỗ Thị Hằng (Có mặt tại hội trường, Mã QR)',
      'Vắng:',
      '- Bùi Đức Thắng: Chưa điểm danh',
      '- Vũ Văn Ước: Vắng có lý do: Ốm',
    ]);
    expect(body['III. CHƯƠNG TRÌNH HỌP']).toBe('Không có chương trình.');
    expect(body['IV. PHÁT BIỂU VÀ Ý KIẾN CỦA ĐẠI BIỂU']).toBe('Không có ý kiến bằng văn bản.');
    expect(body['V. KẾT QUẢ BIỂU QUYẾT']).toBe('Không có nội dung biểu quyết.');
    expect(body['VI. KẾT LUẬN']).toBe('Chưa ghi nhận kết luận.');
  });

  it('numbers conclusions and lists their tasks under them; opinions name their agenda item', () => {
    const agenda = [{ id: 'a1', position: 1, title: 'Quy hoạch', presenter: null }] as AgendaItemEntity[];
    const c = buildMinutesDraft({
      attendance: { ...attendance, agenda },
      polls: [],
      opinions: [{ delegateName: 'Đỗ Thị Hằng', agendaItemId: 'a1', content: 'Đồng ý' }],
      conclusions: [
        { text: 'Giao Sở Xây dựng rà soát', agendaItemTitle: 'Quy hoạch', tasks: ['Rà soát quy hoạch (chủ trì: Sở Xây dựng)'] },
        { text: 'Kết luận chung', agendaItemTitle: null, tasks: [] },
      ],
    });
    const body = Object.fromEntries(c.sections.map((s) => [s.heading, s.body]));
    expect(body['IV. PHÁT BIỂU VÀ Ý KIẾN CỦA ĐẠI BIỂU']).toBe('- Đỗ Thị Hằng (về nội dung 1. Quy hoạch): Đồng ý');
    expect(body['VI. KẾT LUẬN']).toBe('1. Về nội dung “Quy hoạch”: Giao Sở Xây dựng rà soát\n   - Rà soát quy hoạch (chủ trì: Sở Xây dựng)\n2. Kết luận chung');
  });

  it('after the close states the facts: actual times, presiding officers, below-quorum opening, absentees as absent, speakers, named votes, signatures', () => {
    const agenda = [{ id: 'a1', position: 1, title: 'Quy hoạch', presenter: null }] as AgendaItemEntity[];
    const held = {
      ...meeting,
      chairName: 'Nguyễn Văn Phong',
      secretaryName: 'Lý Quốc Bảo',
      sessionOpenedAt: new Date('2026-11-27T01:42:00Z'),
      closedAt: new Date('2026-11-27T03:05:00Z'),
      openedBelowQuorum: true,
      openingPresent: 1,
      openingRequired: 2,
    } as MeetingEntity;
    const named = {
      id: 'p1',
      title: 'Thông qua quy hoạch',
      kind: 'motion',
      ballotMode: 'named',
      status: 'published',
      agendaItemId: 'a1',
      closedAt: new Date('2026-11-27T02:30:00Z'),
      members: 3,
      present: 1,
      cast: 1,
      counts: [{ label: 'Tán thành', votes: 1 }],
      outcome: 'passed',
      arithmetic: '1 > 3/2? không',
      named: [{ fullName: 'Đỗ Thị Hằng', choices: ['Tán thành'] }],
      secret: [],
      legal: { decisionType: null, ruleWords: 'quá nửa tổng số thành viên', basis: null, overrideBasis: null },
      officials: [],
    } as unknown as Parameters<typeof buildMinutesDraft>[0]['polls'][number];
    const c = buildMinutesDraft({
      attendance: { ...attendance, meeting: held, agenda },
      polls: [named],
      opinions: [],
      conclusions: [],
      speakers: [{ delegateName: 'Đỗ Thị Hằng', agendaItemId: 'a1', grantedAt: new Date('2026-11-27T02:00:00Z') }],
    });
    const body = Object.fromEntries(c.sections.map((s) => [s.heading, s.body]));
    const info = body['I. THÔNG TIN CUỘC HỌP'].split('\n');
    expect(info.slice(0, 2)).toEqual(['Khai mạc lúc: 08:42 27/11/2026', 'Bế mạc lúc: 10:05 27/11/2026']);
    expect(info).toContain('Chủ tọa: Nguyễn Văn Phong');
    expect(info).toContain('Thư ký: Lý Quốc Bảo');
    expect(info.at(-1)).toMatch(/^Phiên họp khai mạc khi chưa đủ túc số: có 1\/2 thành viên/);
    const presence = body['II. THÀNH PHẦN THAM DỰ VÀ TÚC SỐ'];
    expect(presence).not.toContain('Chưa điểm danh');
    expect(presence).toContain('- Bùi Đức Thắng: Vắng mặt không có lý do');
    expect(presence).toContain('Túc số khi khai mạc: 1 thành viên có mặt, cần tối thiểu 2.');
    expect(body['IV. PHÁT BIỂU VÀ Ý KIẾN CỦA ĐẠI BIỂU']).toContain('- Đỗ Thị Hằng phát biểu về nội dung 1. Quy hoạch (lúc 09:00 27/11/2026)');
    expect(body['V. KẾT QUẢ BIỂU QUYẾT']).toContain('   - Đỗ Thị Hằng: Tán thành');
    expect(body['VII. KÝ XÁC NHẬN'].split('\n').slice(1)).toEqual(['THƯ KÝ: Lý Quốc Bảo', 'CHỦ TỌA: Nguyễn Văn Phong']);
  });
});
