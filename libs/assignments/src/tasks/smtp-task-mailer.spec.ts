import { formatVnDateTime } from '#core';
import { reminderLetter } from './smtp-task-mailer.js';
import { TaskStatus } from './task-status.js';

const reminder = {
  taskId: 't1',
  meetingId: 'm1',
  title: 'Rà soát danh mục dự án',
  leadUnitId: 'u1',
  leadUnitName: 'Sở Tài chính',
  deadline: '2026-12-01T10:00:00.000Z',
  reportDeadline: '2026-11-30T01:30:00.000Z',
  expectedOutput: null,
  status: TaskStatus.Open,
  daysLeft: 0,
};
const person = { delegateId: 'd1', email: 'a@example.vn', fullName: 'Trần Thị Bình' };

describe('reminder letter', () => {
  it('writes the deadline in Vietnam time (UTC+7), crossing midnight', () => {
    expect(formatVnDateTime('2026-12-01T10:00:00.000Z')).toBe('17:00 01/12/2026');
    expect(formatVnDateTime('2026-12-31T18:30:00.000Z')).toBe('01:30 01/01/2027');
  });

  it('says "due today" at 0 days, shows the report deadline and a placeholder for a missing expected output', () => {
    const { subject, text } = reminderLetter(person, reminder);
    expect(subject).toBe('Nhắc hạn nhiệm vụ: Rà soát danh mục dự án');
    expect(text).toContain('Kính gửi Trần Thị Bình,');
    expect(text).toContain('Nhiệm vụ do Sở Tài chính chủ trì đến hạn trong hôm nay:');
    expect(text).toContain('Hạn báo cáo: 08:30 30/11/2026');
    expect(text).toContain('Sản phẩm đầu ra: (không ghi)');
    expect(reminderLetter(person, { ...reminder, daysLeft: 2, reportDeadline: null }).text).not.toContain('Hạn báo cáo');
  });

  it('shortens a long title in the subject but keeps it whole in the body', () => {
    const title = 'Đề án '.repeat(100).trim();
    const { subject, text } = reminderLetter(person, { ...reminder, title });
    expect(subject.length).toBeLessThanOrEqual('Nhắc hạn nhiệm vụ: '.length + 180);
    expect(subject.endsWith('…')).toBe(true);
    expect(text).toContain(`Nhiệm vụ: ${title}`);
  });
});
