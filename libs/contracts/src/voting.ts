/** libs/voting views (libs/voting/src/polls/poll.view.ts, voting.events.ts). */
export type PollKind = 'motion' | 'choice' | 'election' | 'confidence' | 'no_confidence';
export type BallotMode = 'named' | 'secret';
export type PollStatus = 'draft' | 'open' | 'closed' | 'published';
export type MotionCode = 'for' | 'against' | 'abstain';
/** The level a confidence option rates: lấy phiếu tín nhiệm (high / medium / low), bỏ phiếu tín nhiệm (trust / no_trust). */
export type ConfidenceGrade = 'high' | 'medium' | 'low' | 'trust' | 'no_trust';
/** Consequences Resolution 96/2023/QH15 attaches to a confidence result (libs/voting/src/rules/evaluate-confidence.ts). */
export type ConfidenceFlag = 'may_resign' | 'dismissal_proposal';

export interface PollOption {
  id: string;
  position: number;
  label: string;
  code: MotionCode | null;
  /** An election candidate who is a registered delegate, or the official a confidence option rates. */
  delegateId: string | null;
  /** Confidence polls: the official (1..n) this option rates, their name and office as listed, and the level. */
  subject: number | null;
  subjectName: string | null;
  grade: ConfidenceGrade | null;
}

/** The stored result of a closed poll (libs/voting/src/polls/poll-result.ts); `arithmetic` is "vi | en". */
export interface PollResult {
  kind: PollKind;
  cast: number;
  members: number;
  present: number;
  eligible: number | null;
  outcome: string;
  arithmetic: string;
  motion?: { forVotes: number; againstVotes: number; abstainVotes: number; tie: boolean; decidedBy: string };
  choice?: { winners: string[]; ranking: { id: string; label: string; votes: number; rank: number; won: boolean; tiedAtBoundary: boolean }[] };
  /** Confidence polls (libs/voting/src/rules/evaluate-confidence.ts): per official, shares of ALL delegates, flags. */
  confidence?: {
    mode: 'rating' | 'no_confidence';
    officials: {
      subject: number;
      name: string;
      counts: Partial<Record<ConfidenceGrade, number>>;
      shares: Partial<Record<ConfidenceGrade, { vi: string; en: string }>>;
      notRated: number;
      flags: ConfidenceFlag[];
      arithmetic: string;
    }[];
  };
}

/** Published ballots: per delegate in named polls (byProxy: who cast it for them); secret polls: the receipts counted, never with choices. */
export type PublishedBallot = { delegateId: string; fullName: string; choices: string[]; byProxy?: { delegateId: string; fullName: string } } | { receipt: string };

export interface PollView {
  id: string;
  meetingId: string;
  agendaItemId: string | null;
  kind: PollKind;
  ballotMode: BallotMode;
  title: string;
  status: PollStatus;
  ruleText: string;
  /** The rule in words and its legal basis (libs/legal). */
  ruleWords?: { vi: string; en: string };
  legalBasis?: string | null;
  /** The decision type of the body's legal profile the poll was created as. */
  decisionType?: { code: string; label: { vi: string; en: string } } | null;
  /** An administrator's override of the profile rule, with its legal basis (document and article). */
  override?: { basis: string; by?: string | null } | null;
  allowChange: boolean;
  liveTallies?: boolean;
  maxChoices: number;
  seats: number | null;
  countdownSeconds: number | null;
  openedAt: string | null;
  closesAt: string | null;
  closedAt: string | null;
  publishedAt: string | null;
  membersCount: number | null;
  presentCount: number | null;
  eligibleCount: number | null;
  options: PollOption[];
  /** Staff once closed; everyone once published. */
  result: PollResult | null;
  /** GET one only: everyone once published; staff already once closed for a named poll. */
  ballots?: PublishedBallot[];
}

export interface MyVote {
  pollId: string;
  voted: boolean;
  /** Named polls only: the server cannot know a secret ballot's receipt (the voter's client keeps it). */
  receipt: string | null;
  choices: string[] | null;
}

export interface ProxyView {
  id: string;
  meetingId: string;
  representedDelegateId: string;
  representedFullName: string;
  actingDelegateId: string;
  actingFullName: string;
  note: string | null;
  documentRef: string | null;
  registeredBy: string | null;
  createdAt: string;
  revokedAt: string | null;
  revokedBy: string | null;
  active: boolean;
}

/** The caller's side of proxies in a meeting: the one they hold (vote for someone) and the one they gave. */
export interface MyProxies {
  meetingId: string;
  holds: ProxyView | null;
  gave: ProxyView | null;
}

/** The represented delegate's vote status in one open poll, for the proxy holder's tablet. */
export interface ProxyVote extends MyVote {
  representedDelegateId: string;
  representedFullName: string;
  castByDelegateId: string | null;
}

/** `poll:state` ack (without `ok`). */
export interface PollState {
  meetingId: string;
  polls: PollView[];
  myVotes: MyVote[];
  proxy?: MyProxies;
  proxyVotes?: ProxyVote[];
}

/** `vote:cast` ack (without `ok`) and POST /api/polls/:id/ballots. */
export interface CastAck {
  pollId: string;
  ballotId: string;
  receipt: string;
  /** true when this ballot id had already been counted (a retry): nothing changed. */
  replay: boolean;
}

/** `vote:cast` payload. */
export interface CastBallot {
  pollId: string;
  ballotId: string;
  choices: string[];
  onBehalfOf?: string;
}

/** Socket `poll:progress` (staff room). */
export interface PollProgress {
  pollId: string;
  meetingId: string;
  cast: number;
  eligible: number;
  /** Named polls created with liveTallies: option id -> ballots marking it so far. */
  tallies?: Record<string, number>;
}

/** Socket `poll:closed`. */
export interface PollClosed {
  pollId: string;
  meetingId: string;
  closedAt: string;
  cast: number;
  eligible: number;
}

/** Socket `poll:results` (libs/voting PollResultView). */
export interface PollResults {
  pollId: string;
  meetingId: string;
  title: string;
  kind: PollKind;
  ballotMode: BallotMode;
  publishedAt: string;
  result: PollResult;
}

/** POST /api/polls/:id/ballots: the HTTP answer of a cast, as the `vote:cast` ack. */
export interface CastResult extends CastAck {
  ok: true;
}

/** One official on a confidence or no-confidence ballot: name, office, and the delegate they are (optional). */
export interface NewOfficial {
  name: string;
  office?: string;
  delegateId?: string;
}

/** POST /api/meetings/:id/polls (libs/voting/src/polls/polls.dto.ts CreatePollDto). */
export interface NewPoll {
  agendaItemId?: string;
  kind: PollKind;
  ballotMode: BallotMode;
  title: string;
  /** Choice and election polls (delegateId: a candidate who is a registered delegate). */
  options?: { label: string; delegateId?: string }[];
  /** Confidence and no-confidence polls: the officials rated on the one ballot. */
  officials?: NewOfficial[];
  maxChoices?: number;
  seats?: number;
  countdownSeconds?: number;
  /** A decision type of the body's legal profile (MeetingDetail.legalProfile.decisionTypes); default: the profile's default. */
  decisionType?: string;
  /** Administrator only, with overrideBasis: a rule other than the decision type's (preset name or compact text). */
  rule?: string;
  /** Administrator only: the legal basis (document and article) of the other rule; stored, audited, printed. */
  overrideBasis?: string;
  allowChange?: boolean;
  liveTallies?: boolean;
}

/** Who holds a secret poll's private key: the server (key file, destroyed at the count) or the committee (k of n shares). */
export type KeyCustody = 'server' | 'committee';
export type CommitteeRole = 'head' | 'member';

/** One member of a secret poll's counting committee (ban kiểm phiếu), libs/voting/src/committee. */
export interface CommitteeMemberView {
  delegateId: string;
  fullName: string;
  role: CommitteeRole;
  confirmedAt: string | null;
  hasCountingKey: boolean;
}

/** GET/PUT /api/polls/:id/committee and POST /api/polls/:id/count/confirm. */
export interface CommitteeView {
  pollId: string;
  custody: KeyCustody;
  threshold: number | null;
  members: CommitteeMemberView[];
  /** Committee custody, closed and not counted yet: shares given so far on this server. */
  sharesGiven: number;
  report: { sha256: string; finalisedAt: string | null; createdAt: string } | null;
}

/** PUT /api/polls/:id/committee body: head first, members invited to the meeting; custody is chosen on a draft. */
export interface DesignateCommittee {
  headDelegateId: string;
  memberDelegateIds: string[];
  custody?: KeyCustody;
  threshold?: number;
}

/** The count report's content (biên bản kiểm phiếu), hashed into the audit chain (libs/voting/src/committee/count-report.ts). */
export interface CountReportContent {
  pollId: string;
  meetingId: string;
  title: string;
  kind: string;
  /** Members of the body with a voting right (tổng số thành viên). */
  members: number;
  /** On the roll when the poll opened: the ballots issued (số phiếu phát ra). */
  onRoll: number;
  present: number;
  issued: number;
  /** Ballots returned (số phiếu thu vào). */
  returned: number;
  valid: number;
  invalid: number;
  blank: number;
  /** Per option: votes, and their share of all members and of the ballots returned ("55,56%"). */
  options: { id: string; label: string; votes: number; ofMembers: string; ofReturned: string }[];
  /** The rule in Vietnamese words, and the rule engine's arithmetic (Vietnamese half). */
  ruleText: string;
  arithmetic: string;
  outcome: string;
  winners: string[];
  committee: { delegateId: string; fullName: string; role: CommitteeRole }[];
  custody: KeyCustody;
  countedAt: string;
}

/** GET /api/polls/:id/count-report (staff and the committee's members). */
export interface CountReportView {
  pollId: string;
  sha256: string;
  createdAt: string;
  finalisedAt: string | null;
  content: CountReportContent;
  confirmations: { delegateId: string; fullName: string; role: CommitteeRole; confirmedAt: string | null }[];
}

/** GET /api/polls/:id/receipts/:receipt: inclusion only, never the choices (409 NOT_COUNTED before the count). */
export interface ReceiptCheck {
  status: 'counted' | 'not_found';
}

/** GET /api/polls/:id/count/share: the caller's Shamir share, sealed to their counting key. */
export interface SealedShare {
  sealed: string;
}

/** GET/PUT /api/me/counting-key: the member's P-256 public point and private key sealed in their browser, base64. */
export interface CountingKey {
  publicKey: string;
  sealedPrivateKey: string;
}

/** POST /api/polls/:id/count/share: shares given so far; `counted` once enough opened the poll's key. */
export interface ShareGiven {
  given: number;
  threshold: number;
  counted: boolean;
  poll?: PollView;
}
