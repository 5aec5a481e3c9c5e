import type { TaskNotice } from '../assignments.events.js';

/** A reminder as mailed: the socket notice plus what the letter names (lead unit, expected output, report deadline). */
export interface TaskReminder extends TaskNotice {
  daysLeft: number;
  leadUnitName: string;
  expectedOutput: string | null;
  reportDeadline: string | null;
}

export interface TaskMailRecipient {
  delegateId: string;
  email: string;
  fullName: string;
}

/**
 * Sends reminder email to the lead unit's people. With SMTP_URL set, AssignmentsModule installs SmtpTaskMailer;
 * `AssignmentsModule.withMailer(...)` replaces it. Reject when any message was not accepted: the task's mail is
 * then retried on the next job ticks, a bounded number of times (TaskDeadlinesService).
 */
export interface TaskMailer {
  sendReminder(to: TaskMailRecipient[], reminder: TaskReminder): Promise<void>;
}

export const TASK_MAILER = Symbol('TASK_MAILER');
