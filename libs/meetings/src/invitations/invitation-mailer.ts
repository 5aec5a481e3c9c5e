import type { Transporter } from 'nodemailer';
import { formatVnDateTime } from '#core';

export interface InvitationLetter {
  fullName: string;
  email: string;
  kind: 'member' | 'guest' | 'substitute';
  substituteForName: string | null;
  bodyName: string;
  title: string;
  startsAt: Date;
  location: string | null;
  agenda: string[];
}

const KIND_LINE: Record<InvitationLetter['kind'], string> = {
  member: 'Tư cách: thành viên',
  guest: 'Tư cách: khách mời (không biểu quyết)',
  substitute: 'Tư cách: người dự thay',
};

/** Subject and plain text of the invitation notice (giấy mời), Vietnamese first with one English line. */
export function invitationLetter(l: InvitationLetter): { subject: string; text: string } {
  const when = formatVnDateTime(l.startsAt);
  const lines = [
    `Kính gửi ${l.fullName},`,
    '',
    `${l.bodyName} trân trọng kính mời tham dự: ${l.title}`,
    `Thời gian: ${when} (giờ Việt Nam)`,
    `Địa điểm: ${l.location ?? '(sẽ thông báo sau)'}`,
    l.kind === 'substitute' && l.substituteForName ? `${KIND_LINE.substitute} cho ${l.substituteForName} (được phát biểu, không biểu quyết)` : KIND_LINE[l.kind],
    ...(l.agenda.length ? ['', 'Nội dung:', ...l.agenda.map((a, i) => `${i + 1}. ${a}`)] : []),
    '',
    'Tài liệu cuộc họp có trên hệ thống Diên Hồng.',
    '',
    `English: you are invited to "${l.title}" at ${when} (Asia/Ho_Chi_Minh).`,
    '',
    '-- Thư tự động từ hệ thống Diên Hồng, vui lòng không trả lời. / Automated message, please do not reply.',
  ];
  return { subject: `Giấy mời: ${l.title.slice(0, 180)}`, text: lines.join('\n') };
}

/** The invitation notice by SMTP when SMTP_URL is set (the same settings as the task reminders), one message per person. */
export class InvitationMailer {
  private transport: Promise<Transporter> | null = null;

  constructor(
    private readonly smtpUrl: string,
    private readonly from: string,
  ) {}

  private connect(): Promise<Transporter> {
    this.transport ??= import('nodemailer').then(({ createTransport }) =>
      createTransport({ url: this.smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 }),
    );
    return this.transport;
  }

  /** Sends each letter; resolves the emails that were accepted (a refused one is reported, never thrown). */
  async send(letters: InvitationLetter[]): Promise<{ sent: string[]; failed: string[] }> {
    const transport = await this.connect();
    const results = await Promise.allSettled(
      letters.map((l) => {
        const { subject, text } = invitationLetter(l);
        return transport.sendMail({ from: this.from, to: { name: l.fullName, address: l.email }, subject, text });
      }),
    );
    return {
      sent: letters.filter((_, i) => results[i].status === 'fulfilled').map((l) => l.email),
      failed: letters.filter((_, i) => results[i].status === 'rejected').map((l) => l.email),
    };
  }
}

export const INVITATION_MAILER = Symbol('INVITATION_MAILER');
