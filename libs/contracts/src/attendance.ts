import type { InvitationKind } from './meetings.js';

/** libs/attendance views. */
export type AttendanceStatus = 'present' | 'left' | 'excused' | 'absent';
export type CheckInMethod = 'face' | 'manual' | 'qr' | 'online';

/** libs/attendance/src/quorum/quorum.ts */
export interface Quorum {
  required: number;
  present: number;
  reached: boolean;
  rule: string;
}

/** GET /api/meetings/:id/attendance/summary. */
export interface AttendanceSummary {
  meetingId: string;
  invited: number;
  /** Active members of the meeting's body. */
  members: number;
  presentInHall: number;
  presentOnline: number;
  present: number;
  excused: number;
  /** Invited, neither present nor excused (includes those who left). */
  absent: number;
  quorum: Quorum;
}

/** One invited delegate and their attendance (`absent` when nothing was recorded). */
export interface AttendanceListItem {
  delegateId: string;
  fullName: string;
  title: string | null;
  kind: InvitationKind;
  canVote: boolean;
  status: AttendanceStatus;
  method: CheckInMethod | null;
  checkedInAt: string | null;
  checkedOutAt: string | null;
  absenceReason: string | null;
  kioskId: string | null;
}

/** Socket `attendance:updated`: the staff room also gets the changed record. */
export interface AttendanceUpdated {
  meetingId: string;
  summary: AttendanceSummary;
  record?: AttendanceListItem;
}

/** A check-in kiosk of a meeting; the token comes once, in the create answer. */
export interface Kiosk {
  id: string;
  meetingId: string;
  name: string;
  createdAt: string;
  revokedAt: string | null;
}

export interface CreatedKiosk extends Kiosk {
  token: string;
}

/** A check-in: `created` is false when the delegate was already present (the first check-in wins). */
export interface CheckInResult {
  created: boolean;
  record: AttendanceListItem;
}

/** GET /api/meetings/:id/attendance/my-qr: a short-lived signed code the delegate shows to a kiosk. */
export interface MyQrCode {
  code: string;
  meetingId: string;
  delegateId: string;
  expiresAt: string;
  ttlSeconds: number;
  /** Already present: the tablet says so instead of showing a code. */
  checkedIn: boolean;
}
