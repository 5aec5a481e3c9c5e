import type { TaskStatus } from './task-status.js';

export interface UnitRef {
  id: string;
  code: string;
  name: string;
}

/** A task as the API and other libraries (minutes, exports) see it. */
export interface TaskView {
  id: string;
  conclusionId: string;
  meetingId: string;
  title: string;
  expectedOutput: string | null;
  leadUnit: UnitRef;
  cooperatingUnits: UnitRef[];
  deadline: string;
  reportDeadline: string | null;
  status: TaskStatus;
  report: string | null;
  reportedAt: string | null;
  /** Reported after the deadline (a task completed while overdue). */
  late: boolean;
  startedAt: string | null;
  overdueAt: string | null;
  reminderSentAt: string | null;
  createdAt: string;
}
