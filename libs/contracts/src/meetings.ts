import type { BodyKind, DecisionTypeView } from './delegates.js';

/** libs/meetings views. */
export type MeetingStatus = 'draft' | 'scheduled' | 'open' | 'in_session' | 'closed';
export type MeetingMode = 'in_person' | 'online' | 'hybrid';
/** member: of the body; guest (khách mời): never votes; substitute (người dự thay): for a named member, speaks, never votes, not in the quorum. */
export type InvitationKind = 'member' | 'guest' | 'substitute';

export interface MeetingCounts {
  invited: number;
  members: number;
  guests: number;
  substitutes?: number;
  voters: number;
  agendaItems: number;
  documents: number;
}

export interface MeetingSummary {
  id: string;
  title: string;
  location: string | null;
  startsAt: string;
  endsAt: string | null;
  mode: MeetingMode;
  status: MeetingStatus;
  body?: { id: string; name: string; kind?: BodyKind };
  counts?: MeetingCounts;
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
  /** The body's legal profile: quorum floor and the decision types a poll is created as (libs/legal). */
  legalProfile?: {
    kind: BodyKind;
    label: { vi: string; en: string };
    quorumFloor: string | null;
    quorumBasis: string;
    locked: boolean;
    decisionTypes: DecisionTypeView[];
    defaultDecisionType: string;
  };
  quorumOverride?: { basis: string; by: string | null } | null;
  bodyMemberCount?: number;
  agenda?: AgendaItem[];
  documents?: MeetingDocument[];
  myInvitation?: { kind: InvitationKind; canVote: boolean } | null;
  chairName?: string | null;
  secretaryName?: string | null;
  /** What actually happened (stamped by the status changes). */
  checkInOpenedAt?: string | null;
  sessionOpenedAt?: string | null;
  closedAt?: string | null;
  opening?: { present: number | null; required: number | null; belowQuorum: boolean } | null;
}

export interface Invitation {
  delegateId: string;
  fullName: string;
  title: string | null;
  organization: string | null;
  kind: InvitationKind;
  canVote: boolean;
  substituteFor: { delegateId: string; fullName: string } | null;
  invitedAt: string;
  notifiedAt: string | null;
  hasEmail: boolean;
}

/** POST /meetings/:id/invitations/notice */
export interface NoticeResult {
  notified: number;
  email: { sent: number; failed: number; noAddress: number } | null;
}

/** Create / edit a meeting (libs/meetings meetings.dto.ts). */
export interface MeetingInput {
  bodyId?: string;
  title: string;
  location: string | null;
  startsAt: string;
  endsAt: string | null;
  mode: MeetingMode;
  chairName: string | null;
  secretaryName: string | null;
}

export interface AgendaItemInput {
  title: string;
  description: string | null;
  presenter: string | null;
}

/** GET /polls/:id/not-voted: names for a named poll, only the count for a secret one. */
export interface NotVoted {
  count: number;
  names: string[] | null;
}

/** GET /api/meetings/:id/documents: a meeting document with its hash and who uploaded it. */
export interface MeetingDocumentRecord extends MeetingDocument {
  sha256: string;
  uploadedBy: string | null;
  createdAt: string;
}
