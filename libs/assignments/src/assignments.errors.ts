import { registerErrorCodes } from '#core';

export enum AssignmentsErrorCode {
  /** Only staff and people of the task's lead unit may update it (cooperating units only read). */
  NOT_LEAD_UNIT = 'NOT_LEAD_UNIT',
  /** The task's status does not allow this move (details: status, allowed). */
  TASK_STATUS = 'TASK_STATUS',
  /** A unit cannot be its own ancestor. */
  UNIT_CYCLE = 'UNIT_CYCLE',
  /** The unit leads or cooperates on tasks. */
  UNIT_IN_USE = 'UNIT_IN_USE',
  /** The agenda item belongs to another meeting. */
  AGENDA_ITEM_MISMATCH = 'AGENDA_ITEM_MISMATCH',
  /** The lead unit is also listed as cooperating. */
  LEAD_ALSO_COOPERATING = 'LEAD_ALSO_COOPERATING',
  /** Dates that do not fit: report deadline after the deadline. */
  INVALID_DEADLINES = 'INVALID_DEADLINES',
}

registerErrorCodes({
  [AssignmentsErrorCode.NOT_LEAD_UNIT]: 403,
  [AssignmentsErrorCode.TASK_STATUS]: 409,
  [AssignmentsErrorCode.UNIT_CYCLE]: 409,
  [AssignmentsErrorCode.UNIT_IN_USE]: 409,
  [AssignmentsErrorCode.AGENDA_ITEM_MISMATCH]: 422,
  [AssignmentsErrorCode.LEAD_ALSO_COOPERATING]: 422,
  [AssignmentsErrorCode.INVALID_DEADLINES]: 422,
});
