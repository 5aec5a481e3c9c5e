import type { TaskNotice } from '../assignments.events.js';

/**
 * Where reminder emails would go. No SMTP client ships with the project (none is a dependency), so email is NOT
 * implemented: provide TASK_MAILER (e.g. a nodemailer-backed class) to send mail when SMTP_URL is set. Without a
 * provider, reminders are in-app only and start-up logs a warning if SMTP_URL is set.
 */
export interface TaskMailer {
  sendReminder(to: { delegateId: string; email: string; fullName: string }[], notice: TaskNotice & { daysLeft: number }): Promise<void>;
}

export const TASK_MAILER = Symbol('TASK_MAILER');
