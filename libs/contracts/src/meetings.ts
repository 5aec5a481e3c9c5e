/** libs/meetings views. */
export type MeetingStatus = 'draft' | 'scheduled' | 'open' | 'in_session' | 'closed';
export type MeetingMode = 'in_person' | 'online' | 'hybrid';
export type InvitationKind = 'member' | 'guest';

export interface MeetingCounts {
  invited: number;
  members: number;
  guests: number;
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
  body?: { id: string; name: string };
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
  bodyMemberCount?: number;
  agenda?: AgendaItem[];
  documents?: MeetingDocument[];
  myInvitation?: { kind: InvitationKind; canVote: boolean } | null;
}
