export enum TaskStatus {
  Open = 'open',
  InProgress = 'in_progress',
  Done = 'done',
  Overdue = 'overdue',
}

/** Statuses a task can still be worked in; the overdue job flips these past their deadline. */
export const ACTIVE_TASK_STATUSES: TaskStatus[] = [TaskStatus.Open, TaskStatus.InProgress];
