import type { TaskStatus } from './tasks/task-status.js';

/** A task as pushed to its lead unit's people. */
export interface TaskNotice {
  taskId: string;
  meetingId: string;
  title: string;
  leadUnitId: string;
  deadline: string;
  status: TaskStatus;
}

/** Server -> client events of this library (emitted to `delegate:<id>` rooms of the lead unit's people). */
export interface AssignmentsServerEvents {
  /** A task was given to (or moved to) the unit. */
  'task:assigned': TaskNotice;
  /** Sent once per task, TASK_REMINDER_DAYS_BEFORE days before its deadline. */
  'task:reminder': TaskNotice & { daysLeft: number };
  /** The deadline passed without a report. */
  'task:overdue': TaskNotice;
}
