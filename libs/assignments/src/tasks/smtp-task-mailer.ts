import type { Transporter } from 'nodemailer';
import { formatVnDateTime } from '#core';
import type { TaskMailer, TaskMailRecipient, TaskReminder } from './task-mailer.js';

const SUBJECT_TITLE_MAX = 180;

/** Subject and plain-text body of a reminder, Vietnamese first with one English line. */
export function reminderLetter(to: TaskMailRecipient, r: TaskReminder): { subject: string; text: string } {
  const title = r.title.length > SUBJECT_TITLE_MAX ? `${r.title.slice(0, SUBJECT_TITLE_MAX - 1)}…` : r.title;
  const due = formatVnDateTime(r.deadline);
  const left = r.daysLeft > 0 ? `còn ${r.daysLeft} ngày đến hạn` : 'đến hạn trong hôm nay';
  const lines = [
    `Kính gửi ${to.fullName},`,
    '',
    `Nhiệm vụ do ${r.leadUnitName} chủ trì ${left}:`,
    '',
    `Nhiệm vụ: ${r.title}`,
    `Hạn hoàn thành: ${due} (giờ Việt Nam)`,
    ...(r.reportDeadline ? [`Hạn báo cáo: ${formatVnDateTime(r.reportDeadline)}`] : []),
    `Cơ quan chủ trì: ${r.leadUnitName}`,
    `Sản phẩm đầu ra: ${r.expectedOutput ?? '(không ghi)'}`,
    '',
    'Đề nghị cập nhật tiến độ và báo cáo kết quả trên hệ thống Diên Hồng.',
    '',
    `English: reminder - the task "${r.title}" led by ${r.leadUnitName} is due at ${due} (Asia/Ho_Chi_Minh), ${r.daysLeft} day(s) left.`,
    '',
    '-- Thư tự động từ hệ thống Diên Hồng, vui lòng không trả lời. / Automated message, please do not reply.',
  ];
  return { subject: `Nhắc hạn nhiệm vụ: ${title}`, text: lines.join('\n') };
}

/** Reminder email over SMTP (nodemailer), one message per person so no one sees the others' addresses. */
export class SmtpTaskMailer implements TaskMailer {
  /** nodemailer is loaded with the first reminder: most deployments send none for hours. */
  private transport: Promise<Transporter> | null = null;

  constructor(
    private readonly smtpUrl: string,
    private readonly from: string,
  ) {}

  private connect(): Promise<Transporter> {
    // bounded timeouts: an unreachable server must not hold the reminder job for minutes
    this.transport ??= import('nodemailer').then(({ createTransport }) =>
      createTransport({ url: this.smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 }),
    );
    return this.transport;
  }

  async sendReminder(to: TaskMailRecipient[], reminder: TaskReminder): Promise<void> {
    const transport = await this.connect();
    const results = await Promise.allSettled(
      to.map((person) => {
        const { subject, text } = reminderLetter(person, reminder);
        return transport.sendMail({ from: this.from, to: { name: person.fullName, address: person.email }, subject, text });
      }),
    );
    const failed = results.flatMap((r, i) => (r.status === 'rejected' ? [`${to[i].email}: ${r.reason instanceof Error ? r.reason.message : String(r.reason)}`] : []));
    if (failed.length) throw new Error(`${failed.length} of ${to.length} reminder mails failed (${failed.join('; ')})`);
  }
}
