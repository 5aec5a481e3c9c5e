/** Shapes of the API answers the UI reads (from libs/*; kept loose where the server is still growing). */
export type Role = 'admin' | 'secretary' | 'chair' | 'delegate' | 'observer';
export const STAFF_ROLES: Role[] = ['admin', 'secretary', 'chair'];

export type MeetingStatus = 'draft' | 'scheduled' | 'open' | 'in_session' | 'closed';
export type MeetingMode = 'in_person' | 'online' | 'hybrid';

/** The only legal moves (libs/meetings/src/meeting-status.ts). */
export const MEETING_TRANSITIONS: Record<MeetingStatus, MeetingStatus[]> = {
  draft: ['scheduled'],
  scheduled: ['draft', 'open'],
  open: ['in_session'],
  in_session: ['closed'],
  closed: [],
};

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn?: number;
}

export interface Me {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  delegateId: string | null;
}

export interface MeetingSummary {
  id: string;
  title: string;
  location: string | null;
  startsAt: string;
  endsAt: string | null;
  mode: MeetingMode;
  status: MeetingStatus;
  body?: { id: string; name: string };
  counts?: { invited: number; members: number; guests: number; voters: number; agendaItems: number; documents: number };
}

export interface AgendaItem {
  id: string;
  position: number;
  title: string;
  description: string | null;
  presenter: string | null;
}

export interface MeetingDocument {
  id: string;
  agendaItemId: string | null;
  filename: string;
  contentType: string;
  sizeBytes: number;
}

export interface MeetingDetail extends MeetingSummary {
  quorum?: { numerator: number; denominator: number; required: number };
  bodyMemberCount?: number;
  agenda?: AgendaItem[];
  documents?: MeetingDocument[];
  myInvitation?: { kind: 'member' | 'guest'; canVote: boolean } | null;
}

export interface Delegate {
  id: string;
  fullName: string;
  title: string | null;
  organization: string | null;
  email: string | null;
  phone: string | null;
  hasVotingRight: boolean;
  active: boolean;
}

export interface DelegatePage {
  items: Delegate[];
  total: number;
}

export interface ImportRowError {
  line: number;
  column: string | null;
  reason: string;
}

export interface ImportResult {
  imported: number;
  skipped: number;
  errors: ImportRowError[];
}

/** libs/attendance/src/quorum/quorum.ts */
export interface Quorum {
  required: number;
  present: number;
  reached: boolean;
  rule: string;
}

/** GET /api/meetings/:id/attendance/summary (libs/attendance/src/attendance.types.ts). */
export interface AttendanceSummary {
  meetingId: string;
  invited: number;
  members: number;
  presentInHall: number;
  presentOnline: number;
  present: number;
  excused: number;
  absent: number;
  quorum: Quorum;
}

export type AttendanceStatus = 'present' | 'left' | 'excused' | 'absent';
export type CheckInMethod = 'face' | 'manual' | 'qr' | 'online';

/** One invited delegate and their attendance (`absent` when nothing was recorded). */
export interface AttendanceListItem {
  delegateId: string;
  fullName: string;
  title: string | null;
  kind: 'member' | 'guest';
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

/** GET /api/meetings/:id/speakers (libs/opinions): speaking first, then waiting in queue order. */
export interface SpeakerRequest {
  id: string;
  delegateId: string;
  delegateName: string;
  status: 'waiting' | 'speaking' | 'done' | 'withdrawn';
  position: number;
  requestedAt: string;
  grantedAt: string | null;
}

/** Socket `checkin:unrecognised` (libs/face/src/checkin/checkin.types.ts), staff room only: no identity. */
export interface UnrecognisedFace {
  meetingId: string;
  kioskId: string | null;
  kioskName: string | null;
  at: string;
  score?: number;
  /** data:image/jpeg;base64,… when the server could crop the face. */
  crop?: string;
}
