/** libs/opinions views. */
export type SpeakerRequestStatus = 'waiting' | 'speaking' | 'done' | 'withdrawn';

/** GET /api/meetings/:id/speakers: speaking first, then waiting in queue order. */
export interface SpeakerRequest {
  id: string;
  delegateId: string;
  delegateName: string;
  status: SpeakerRequestStatus;
  position: number;
  requestedAt: string;
  grantedAt: string | null;
}

/** Socket `speakers:updated`. */
export interface SpeakersUpdated {
  meetingId: string;
  queue: SpeakerRequest[];
}

/** Socket `floor:changed`: the chair granted or ended a speaker's floor. */
export interface FloorChanged {
  meetingId: string;
  requestId: string;
  delegateId: string;
  speaking: boolean;
}

/** A written opinion on the meeting or one agenda item. */
export interface Opinion {
  id: string;
  meetingId: string;
  agendaItemId: string | null;
  delegateId: string;
  delegateName: string | null;
  content: string;
  status: 'submitted' | 'addressed';
  addressedAt: string | null;
  createdAt: string;
}

/** A written opinion round of a body (phiếu lấy ý kiến), answered by a deadline. */
export type RoundChoice = 'agree' | 'disagree' | 'other';
export type RoundStatus = 'draft' | 'open' | 'closed';

export interface RoundQuestionResult {
  questionId: string;
  position: number;
  text: string;
  agree: number;
  disagree: number;
  other: number;
  notAnswered: number;
  outcome: string;
  arithmetic: string;
  comments?: { delegateId: string; choice: string; comment: string }[];
}

export interface RoundSummary {
  recipients: number;
  votingRecipients: number;
  respondents: number;
  questions: RoundQuestionResult[];
}

export interface OpinionRound {
  id: string;
  bodyId: string;
  title: string;
  description: string | null;
  status: RoundStatus;
  deadline: string;
  questions: { id: string; position: number; text: string }[];
  recipients: number;
  answered: number;
  myAnswers?: { questionId: string; choice: RoundChoice; comment: string | null }[];
  summary: RoundSummary | null;
}

export interface NewRound {
  bodyId: string;
  title: string;
  description?: string;
  deadline: string;
  questions: string[];
}

/** Sockets `round:opened` and `round:reminder` (to the recipient delegates). */
export interface RoundNotice {
  roundId: string;
  title: string;
  deadline: string;
}

/** Socket `round:closed`. */
export interface RoundClosed {
  roundId: string;
  summary: RoundSummary;
}

/** GET /api/opinion-rounds/:roundId/not-answered (staff): recipients who have not answered every question yet; answers carry the member's name, so the names too. */
export interface RoundNotAnswered {
  count: number;
  names: string[];
}

/** POST /api/opinion-rounds/:roundId/remind: how many recipients were reminded. */
export interface RoundReminded {
  reminded: number;
}

/** A written round's proposal for the body's next meeting: waiting, taken onto an agenda, or dismissed with a reason. */
export type RoundProposalStatus = 'pending' | 'taken' | 'dismissed';

/** GET /api/meetings/:id/round-proposals: a written round that failed or was not decided, carried to the next meeting. */
export interface RoundProposal {
  id: string;
  roundId: string;
  roundTitle: string;
  bodyId: string;
  /** failed: a question was not adopted; undecided: half of the voting members or fewer answered. */
  result: 'failed' | 'undecided';
  respondents: number;
  votingRecipients: number;
  closedAt: string | null;
  /** Where the rule to report the round at the next meeting comes from (the body's legal profile). */
  basis: string;
  status: RoundProposalStatus;
  meetingId: string | null;
  agendaItemId: string | null;
  dismissReason: string | null;
  decidedAt: string | null;
  createdAt: string;
}

/** POST /api/meetings/:id/round-proposals/:proposalId/dismiss body. */
export interface DismissProposal {
  reason: string;
}
