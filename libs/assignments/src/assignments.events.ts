import type { ServerEvents } from '#contracts';

export type { TaskNotice } from '#contracts';

/** Server -> client events of this library (emitted to `delegate:<id>` rooms of the lead unit's people). */
export type AssignmentsServerEvents = Pick<ServerEvents, 'task:assigned' | 'task:reminder' | 'task:overdue'>;
