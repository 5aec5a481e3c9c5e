/** libs/minutes and libs/assignments views: minutes, conclusions, units and tasks. */
export type MinutesStatus = 'draft' | 'locked';

export interface MinutesSection {
  heading: string;
  body: string;
}

export interface MinutesContent {
  issuer: string;
  title: string;
  subtitle: string;
  sections: MinutesSection[];
}

export interface MinutesView {
  id: string;
  meetingId: string;
  status: MinutesStatus;
  content: MinutesContent;
  generatedAt: string;
  editedAt: string | null;
  lockedAt: string | null;
  lockedBy: string | null;
  sha256: string | null;
}

/** GET /api/meetings/:id/minutes/current: null while the meeting has none (a normal state, not a 404 in the browser's console). */
export interface CurrentMinutes {
  minutes: MinutesView | null;
}

export type TaskStatus = 'open' | 'in_progress' | 'done' | 'overdue';

export interface UnitRef {
  id: string;
  code: string;
  name: string;
}

export interface Unit extends UnitRef {
  parentId: string | null;
  memberDelegateIds: string[];
}

export interface UnitFields {
  code: string;
  name: string;
  parentId: string | null;
}

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

export interface NewTask {
  title: string;
  expectedOutput?: string;
  leadUnitId: string;
  cooperatingUnitIds?: string[];
  deadline: string;
  reportDeadline?: string;
}

export interface ConclusionView {
  id: string;
  meetingId: string;
  agendaItemId: string | null;
  agendaItem: { id: string; position: number; title: string } | null;
  position: number;
  text: string;
  createdAt: string;
  updatedAt: string;
  tasks: TaskView[];
}

export interface MyTasks {
  unit: UnitRef | null;
  lead: TaskView[];
  cooperating: TaskView[];
}

export interface UnitTaskCounts {
  unit: UnitRef;
  open: number;
  inProgress: number;
  done: number;
  overdue: number;
  total: number;
}

/** Sockets `task:assigned`, `task:overdue` (and `task:reminder` with daysLeft) to the lead unit's people. */
export interface TaskNotice {
  taskId: string;
  meetingId: string;
  title: string;
  leadUnitId: string;
  deadline: string;
  status: TaskStatus;
}
