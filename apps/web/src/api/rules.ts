import type { MeetingStatus, Role } from '#contracts';

/** Roles that see every meeting (libs/core STAFF_ROLES): screens show staff tools to them. */
export const STAFF_ROLES: readonly Role[] = ['admin', 'secretary', 'chair'];

/** The only legal moves (libs/meetings/src/meeting-status.ts; the server refuses any other). */
export const MEETING_TRANSITIONS: Record<MeetingStatus, readonly MeetingStatus[]> = {
  draft: ['scheduled'],
  scheduled: ['draft', 'open'],
  open: ['in_session'],
  in_session: ['closed'],
  closed: [],
};
