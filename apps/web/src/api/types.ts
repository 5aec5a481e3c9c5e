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

/** Socket `checkin:unrecognised` (libs/face/src/checkin/checkin.types.ts), staff room only: a count and a time, no image. */
export interface UnrecognisedFace {
  meetingId: string;
  kioskId: string | null;
  kioskName: string | null;
  at: string;
  count: number;
}

/** libs/voting/src/polls/poll.enums.ts */
export type PollKind = 'motion' | 'choice' | 'election';
export type BallotMode = 'named' | 'secret';
export type PollStatus = 'draft' | 'open' | 'closed' | 'published';
export type MotionCode = 'for' | 'against' | 'abstain';

export interface PollOption {
  id: string;
  position: number;
  label: string;
  code: MotionCode | null;
  delegateId: string | null;
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
}

/** libs/voting/src/polls/poll.view.ts */
export interface PollView {
  id: string;
  meetingId: string;
  agendaItemId: string | null;
  kind: PollKind;
  ballotMode: BallotMode;
  title: string;
  status: PollStatus;
  ruleText: string;
  allowChange: boolean;
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
  result: PollResult | null;
}

/** libs/voting/src/voting.events.ts */
export interface MyVote {
  pollId: string;
  voted: boolean;
  receipt: string | null;
  choices: string[] | null;
}

export interface PollState {
  meetingId: string;
  polls: PollView[];
  myVotes: MyVote[];
}

export interface CastAck {
  pollId: string;
  ballotId: string;
  receipt: string;
  replay: boolean;
}

export interface PollProgress {
  pollId: string;
  meetingId: string;
  cast: number;
  eligible: number;
}

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
  publishedAt: string;
  result: PollResult;
}

export interface NewPoll {
  agendaItemId?: string;
  kind: PollKind;
  ballotMode: BallotMode;
  title: string;
  options?: { label: string }[];
  maxChoices?: number;
  seats?: number;
  countdownSeconds?: number;
}

/** libs/opinions: a written opinion on the meeting or one agenda item. */
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

/** libs/attendance/src/kiosks: a check-in kiosk of a meeting; the token comes once, in the create answer. */
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

/** libs/opinions/src/rounds: a written opinion round of a body (phiếu lấy ý kiến), answered by a deadline. */
export type RoundChoice = 'agree' | 'disagree' | 'other';

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
}

export interface OpinionRound {
  id: string;
  bodyId: string;
  title: string;
  description: string | null;
  status: 'draft' | 'open' | 'closed';
  deadline: string;
  questions: { id: string; position: number; text: string }[];
  recipients: number;
  answered: number;
  myAnswers?: { questionId: string; choice: RoundChoice; comment: string | null }[];
  summary: { recipients: number; votingRecipients: number; respondents: number; questions: RoundQuestionResult[] } | null;
}

export interface NewRound {
  bodyId: string;
  title: string;
  description?: string;
  deadline: string;
  questions: string[];
}

/** libs/conference/src/tokens/issue-token.use-case.ts ConferenceTokenView */
export interface ConferenceToken {
  token: string;
  /** Where the LiveKit client connects (ws:// or wss://). */
  url: string;
  room: string;
  identity: string;
  role: string;
  expiresAt: string;
  canPublish: boolean;
  canPublishData: boolean;
  roomAdmin: boolean;
}

/** libs/conference/src/moderation/moderation.service.ts ParticipantView */
export interface ConferenceParticipant {
  sid: string;
  identity: string;
  name: string;
  metadata: string;
  joinedAt: string | null;
  permission: { canPublish: boolean; canSubscribe: boolean; canPublishData: boolean } | null;
  /** type AUDIO / VIDEO, source MICROPHONE / CAMERA / SCREEN_SHARE... */
  tracks: { sid: string; type: string; source: string; muted: boolean }[];
}

/** libs/delegates/src/bodies/bodies.dto.ts BodyView */
export interface Body {
  id: string;
  name: string;
  description: string | null;
  allowProxyVoting: boolean;
  memberCount: number;
}

export type BodyDetail = Body & { members: { delegateId: string; fullName: string }[] };

export interface BodyInput {
  name: string;
  description: string | null;
  allowProxyVoting: boolean;
}

/** libs/face/src/consent/consent.dto.ts ConsentStatusView */
export interface ConsentStatus {
  delegateId: string;
  active: boolean;
  authorisesCheckIn: boolean;
  reconsentRequired: boolean;
  graceEndsAt: string | null;
  consent: { method: string; paperReference: string | null; noticeVersion: string; noticeSha256: string | null; purposes: { bodyId: string; bodyName: string }[]; givenAt: string; withdrawnAt: string | null; endReason: string | null } | null;
  currentNoticeVersion: string;
  currentNoticeSha256: string;
}

/** libs/face/src/consent/consent.dto.ts NoticeView */
export interface BiometricNotice {
  version: string;
  sha256: string;
  text: string;
  inForceFrom: string;
}

/** libs/face/src/privacy/privacy.dto.ts PrivacyRequestViewDto */
export interface PrivacyRequest {
  id: string;
  delegateId: string;
  delegateName: string;
  kind: 'export' | 'biometric_erasure' | 'correction' | 'restriction' | 'objection' | 'profile_erasure';
  status: 'pending' | 'done' | 'rejected';
  details: string | null;
  requestedAt: string;
  responseDueAt: string;
  dueAt: string;
  overdue: boolean;
  completedAt: string | null;
  outcome: string | null;
}

/** libs/face/src/enrolment/enrolment.dto.ts FaceEnrolmentStatusView */
export interface FaceEnrolmentStatus {
  delegateId: string;
  consentActive: boolean;
  descriptors: number;
  enrolledAt: string | null;
  maxPhotos: number;
}

// Minutes, conclusions and tasks (libs/minutes, libs/assignments).
export type MinutesStatus = 'draft' | 'locked';

export interface MinutesSection {
  heading: string;
  body: string;
}

export interface MinutesContent {
  issuer: string;
  title: string;
  subtitle: string;
  sections: MinutesSection[];
}

export interface MinutesView {
  id: string;
  meetingId: string;
  status: MinutesStatus;
  content: MinutesContent;
  generatedAt: string;
  editedAt: string | null;
  lockedAt: string | null;
  lockedBy: string | null;
  sha256: string | null;
}

export type TaskStatus = 'open' | 'in_progress' | 'done' | 'overdue';

export interface UnitRef {
  id: string;
  code: string;
  name: string;
}

export interface Unit extends UnitRef {
  parentId: string | null;
  memberDelegateIds: string[];
}

export interface UnitFields {
  code: string;
  name: string;
  parentId: string | null;
}

export interface TaskView {
  id: string;
  conclusionId: string;
  meetingId: string;
  title: string;
  expectedOutput: string | null;
  leadUnit: UnitRef;
  cooperatingUnits: UnitRef[];
  deadline: string;
  reportDeadline: string | null;
  status: TaskStatus;
  report: string | null;
  reportedAt: string | null;
  late: boolean;
  startedAt: string | null;
  overdueAt: string | null;
  createdAt: string;
}

export interface NewTask {
  title: string;
  expectedOutput?: string;
  leadUnitId: string;
  cooperatingUnitIds?: string[];
  deadline: string;
  reportDeadline?: string;
}

export interface ConclusionView {
  id: string;
  meetingId: string;
  agendaItemId: string | null;
  agendaItem: { id: string; position: number; title: string } | null;
  position: number;
  text: string;
  createdAt: string;
  updatedAt: string;
  tasks: TaskView[];
}

export interface MyTasks {
  unit: UnitRef | null;
  lead: TaskView[];
  cooperating: TaskView[];
}

export interface UnitTaskCounts {
  unit: UnitRef;
  open: number;
  inProgress: number;
  done: number;
  overdue: number;
  total: number;
}
