import type { InvitationKind } from '#meetings';
import type { AttendanceStatus, CheckInMethod } from './attendance-record.entity.js';
import type { Quorum } from './quorum/quorum.js';

export interface AttendanceSummary {
  meetingId: string;
  invited: number;
  /** Active members of the meeting's body (body_members joined with active delegates). */
  members: number;
  /** Present by face, manual or QR check-in. */
  presentInHall: number;
  presentOnline: number;
  present: number;
  excused: number;
  /** Invited, neither present nor excused (includes those who left). */
  absent: number;
  quorum: Quorum;
}

/** One invited delegate and their attendance; `absent` when nothing was recorded yet. */
export interface AttendanceListItem {
  delegateId: string;
  fullName: string;
  title: string | null;
  kind: InvitationKind;
  canVote: boolean;
  status: AttendanceStatus | 'absent';
  method: CheckInMethod | null;
  checkedInAt: Date | null;
  checkedOutAt: Date | null;
  absenceReason: string | null;
  kioskId: string | null;
}

/** Server -> client events of this library (emitted through RealtimeService.typed). */
export interface AttendanceServerEvents {
  /** To `meeting:<id>` minus staff: the summary only; to `meeting:<id>:staff`: the summary and the changed record. */
  'attendance:updated': { meetingId: string; summary: AttendanceSummary; record?: AttendanceListItem };
}

export interface CheckInInput {
  meetingId: string;
  delegateId: string;
  method: CheckInMethod;
  /** The user who recorded it (secretary for manual, null for a kiosk). */
  recordedBy?: string | null;
  kioskId?: string | null;
  /** Face match distance and detection score. */
  distance?: number | null;
  score?: number | null;
}

export interface CheckInResult {
  /** false when the delegate was already present: the first check-in wins, later sightings change nothing. */
  created: boolean;
  record: AttendanceListItem;
}
