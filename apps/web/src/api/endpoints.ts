import { apiBlob, apiFile, apiJson } from './client.js';
import type {
  AgendaItem,
  AgendaItemInput,
  NotVoted,
  Invitation,
  InvitationKind,
  MeetingDocument,
  MeetingInput,
  NoticeResult,
  AttendanceListItem,
  AttendanceSummary,
  CurrentMinutes,
  CastAck,
  CommitteeView,
  ConferenceParticipant,
  ConferenceRecordingStatus,
  ConferenceRemoval,
  ConferenceToken,
  ConclusionView,
  CountingKey,
  CountReportView,
  CreatedKiosk,
  CheckInResult,
  MyQrCode,
  RoundNotAnswered,
  Body,
  BodyDetail,
  BodyInput,
  ConsentStatus,
  BiometricNotice,
  PrivacyRequest,
  Delegate,
  DelegateInput,
  DelegatePage,
  FaceEnrolmentStatus,
  ImportResult,
  Kiosk,
  Me,
  MeetingDetail,
  MeetingStatus,
  MeetingSummary,
  MinutesContent,
  MinutesView,
  OfficialDocumentView,
  SignerView,
  TrustedRootView,
  UserSummary,
  UserCreateInput,
  UserUpdateInput,
  VerifyReport,
  MyTasks,
  NewTask,
  NewPoll,
  NewRound,
  OpinionRound,
  RoundChoice,
  RoundProposal,
  Opinion,
  PollView,
  ProxyView,
  DesignateCommittee,
  ReceiptCheck,
  ShareGiven,
  SpeakerRequest,
  TaskStatus,
  TaskView,
  Unit,
  UnitFields,
  UnitTaskCounts,
} from '#contracts';

const m = (id: string) => `/meetings/${encodeURIComponent(id)}`;
const p = (id: string) => `/polls/${encodeURIComponent(id)}`;

/** Every route the UI calls, in one place. */
export const api = {
  me: () => apiJson<Me>('/auth/me'),
  meetings: (signal?: AbortSignal) => apiJson<MeetingSummary[] | { items: MeetingSummary[] }>('/meetings', { signal }).then(listOf),
  meeting: (id: string, signal?: AbortSignal) => apiJson<MeetingDetail>(`/meetings/${encodeURIComponent(id)}`, { signal }),
  document: (meetingId: string, docId: string, signal?: AbortSignal) =>
    apiBlob(`/meetings/${encodeURIComponent(meetingId)}/documents/${encodeURIComponent(docId)}`, { signal }),
  changeStatus: (id: string, status: MeetingStatus, confirmBelowQuorum = false) =>
    apiJson<MeetingDetail>(`/meetings/${encodeURIComponent(id)}/status`, { method: 'POST', body: confirmBelowQuorum ? { status, confirmBelowQuorum } : { status } }),
  // Preparation: the meeting, its agenda, documents and invitations (libs/meetings)
  createMeeting: (body: MeetingInput) => apiJson<MeetingDetail>('/meetings', { method: 'POST', body }),
  updateMeeting: (id: string, body: MeetingInput) => {
    const { bodyId: _body, ...rest } = body;
    return apiJson<MeetingDetail>(m(id), { method: 'PATCH', body: rest });
  },
  addAgendaItem: (id: string, body: AgendaItemInput) => apiJson<AgendaItem>(`${m(id)}/agenda`, { method: 'POST', body }),
  updateAgendaItem: (id: string, itemId: string, body: AgendaItemInput) => apiJson<AgendaItem>(`${m(id)}/agenda/${encodeURIComponent(itemId)}`, { method: 'PATCH', body }),
  deleteAgendaItem: (id: string, itemId: string) => apiJson<void>(`${m(id)}/agenda/${encodeURIComponent(itemId)}`, { method: 'DELETE' }),
  reorderAgenda: (id: string, itemIds: string[]) => apiJson<AgendaItem[]>(`${m(id)}/agenda/order`, { method: 'PUT', body: { itemIds } }),
  uploadDocument: (id: string, file: File, agendaItemId: string | null) => {
    const form = new FormData();
    form.append('file', file);
    if (agendaItemId) form.append('agendaItemId', agendaItemId);
    return apiJson<MeetingDocument>(`${m(id)}/documents`, { method: 'POST', body: form });
  },
  deleteDocument: (id: string, docId: string) => apiJson<void>(`${m(id)}/documents/${encodeURIComponent(docId)}`, { method: 'DELETE' }),
  invitations: (id: string, signal?: AbortSignal) => apiJson<Invitation[]>(`${m(id)}/invitations`, { signal }),
  invite: (id: string, body: { delegateId: string; kind: InvitationKind; substituteFor?: string }) => apiJson<Invitation>(`${m(id)}/invitations`, { method: 'POST', body }),
  uninvite: (id: string, delegateId: string) => apiJson<void>(`${m(id)}/invitations/${encodeURIComponent(delegateId)}`, { method: 'DELETE' }),
  sendNotice: (id: string, resend: boolean) => apiJson<NoticeResult>(`${m(id)}/invitations/notice`, { method: 'POST', body: { resend } }),
  delegates: (q: { q?: string; limit: number; offset: number }, signal?: AbortSignal) => {
    const params = new URLSearchParams({ limit: String(q.limit), offset: String(q.offset) });
    if (q.q) params.set('q', q.q);
    return apiJson<DelegatePage | Delegate[]>(`/delegates?${params.toString()}`, { signal }).then((r): DelegatePage => (Array.isArray(r) ? { items: r, total: r.length } : r));
  },
  createDelegate: (body: DelegateInput) => apiJson<Delegate>('/delegates', { method: 'POST', body }),
  updateDelegate: (id: string, body: Partial<DelegateInput>) => apiJson<Delegate>(d(id), { method: 'PATCH', body }),
  deactivateDelegate: (id: string) => apiJson<Delegate>(`${d(id)}/deactivate`, { method: 'POST' }),
  reactivateDelegate: (id: string) => apiJson<Delegate>(`${d(id)}/reactivate`, { method: 'POST' }),
  importDelegates: (file: File, partial: boolean) => {
    const form = new FormData();
    form.append('file', file);
    const query = partial ? '?partial=true' : '';
    return apiJson<ImportResult>(`/delegates/import${query}`, { method: 'POST', body: form });
  },
  attendanceSummary: (id: string, signal?: AbortSignal) => apiJson<AttendanceSummary>(`${m(id)}/attendance/summary`, { signal }),
  attendance: (id: string, signal?: AbortSignal) => apiJson<AttendanceListItem[]>(`${m(id)}/attendance`, { signal }),
  checkIn: (id: string, delegateId: string) => apiJson<{ created: boolean; record: AttendanceListItem }>(`${m(id)}/attendance/checkin`, { method: 'POST', body: { delegateId } }),
  checkOut: (id: string, delegateId: string) => apiJson<AttendanceListItem>(`${m(id)}/attendance/checkout`, { method: 'POST', body: { delegateId } }),
  excuse: (id: string, delegateId: string, reason: string) =>
    apiJson<AttendanceListItem>(`${m(id)}/attendance/excuse`, { method: 'POST', body: { delegateId, reason } }),
  /** The delegate's own short-lived check-in code (and whether they are already present). */
  myQr: (id: string, signal?: AbortSignal) => apiJson<MyQrCode>(`${m(id)}/attendance/my-qr`, { signal }),
  /** A scanned or typed check-in code, sent by the secretary (the kiosk sends it with its own token). */
  qrCheckIn: (id: string, code: string) => apiJson<CheckInResult>(`${m(id)}/attendance/qr`, { method: 'POST', body: { code } }),
  speakers: (id: string, signal?: AbortSignal) => apiJson<SpeakerRequest[]>(`${m(id)}/speakers`, { signal }),
  grantFloor: (id: string, requestId: string) => apiJson<unknown>(`${m(id)}/speakers/${encodeURIComponent(requestId)}/grant`, { method: 'POST' }),
  endFloor: (id: string, requestId: string) => apiJson<void>(`${m(id)}/speakers/${encodeURIComponent(requestId)}/end`, { method: 'POST' }),
  raiseHand: (id: string, agendaItemId?: string) => apiJson<unknown>(`${m(id)}/speakers`, { method: 'POST', body: agendaItemId ? { agendaItemId } : {} }),
  reorderSpeakers: (id: string, requestIds: string[]) => apiJson<void>(`${m(id)}/speakers/order`, { method: 'PUT', body: { requestIds } }),
  lowerHand: (id: string) => apiJson<void>(`${m(id)}/speakers/mine`, { method: 'DELETE' }),
  polls: (id: string, signal?: AbortSignal) => apiJson<PollView[]>(`${m(id)}/polls`, { signal }),
  createPoll: (id: string, body: NewPoll) => apiJson<PollView>(`${m(id)}/polls`, { method: 'POST', body }),
  /** HTTP fallback of the socket's `vote:cast` (same ballot id: counted once). */
  castBallot: (pollId: string, ballot: { ballotId: string; choices: string[] }) =>
    apiJson<CastAck>(`${p(pollId)}/ballots`, { method: 'POST', body: { ballotId: ballot.ballotId, choices: ballot.choices } }),
  poll: (pollId: string, signal?: AbortSignal) => apiJson<PollView>(p(pollId), { signal }),
  pollNotVoted: (pollId: string) => apiJson<NotVoted>(`${p(pollId)}/not-voted`),
  pollAction: (pollId: string, action: 'open' | 'close' | 'publish') => apiJson<PollView>(`${p(pollId)}/${action}`, { method: 'POST' }),
  // Secret polls: the counting committee (ban kiểm phiếu), its count report, receipts and the members' key shares
  committee: (pollId: string, signal?: AbortSignal) => apiJson<CommitteeView>(`${p(pollId)}/committee`, { signal }),
  designateCommittee: (pollId: string, body: DesignateCommittee) => apiJson<CommitteeView>(`${p(pollId)}/committee`, { method: 'PUT', body }),
  confirmCount: (pollId: string) => apiJson<CommitteeView>(`${p(pollId)}/count/confirm`, { method: 'POST' }),
  countReport: (pollId: string, signal?: AbortSignal) => apiJson<CountReportView>(`${p(pollId)}/count-report`, { signal }),
  countReportPdf: (pollId: string) => apiFile(`${p(pollId)}/exports/count-report.pdf`),
  checkReceipt: (pollId: string, receipt: string) => apiJson<ReceiptCheck>(`${p(pollId)}/receipts/${encodeURIComponent(receipt)}`),
  countingKey: () => apiJson<CountingKey>('/me/counting-key'),
  setCountingKey: (body: CountingKey) => apiJson<{ ok: true }>('/me/counting-key', { method: 'PUT', body }),
  myKeyShare: (pollId: string) => apiJson<{ sealed: string }>(`${p(pollId)}/count/share`),
  giveKeyShare: (pollId: string, share: string) => apiJson<ShareGiven>(`${p(pollId)}/count/share`, { method: 'POST', body: { share } }),
  opinions: (id: string, signal?: AbortSignal) => apiJson<Opinion[]>(`${m(id)}/opinions`, { signal }),
  submitOpinion: (id: string, content: string, agendaItemId?: string) =>
    apiJson<unknown>(`${m(id)}/opinions`, { method: 'POST', body: agendaItemId ? { content, agendaItemId } : { content } }),
  // Proxy voting, for bodies whose legal profile and rules allow it (libs/voting proxies)
  proxies: (id: string, signal?: AbortSignal) => apiJson<ProxyView[]>(`${m(id)}/proxies`, { signal }),
  registerProxy: (id: string, body: { representedDelegateId: string; actingDelegateId: string; note?: string; documentRef?: string }) =>
    apiJson<ProxyView>(`${m(id)}/proxies`, { method: 'POST', body }),
  revokeProxy: (id: string, proxyId: string) => apiJson<ProxyView>(`${m(id)}/proxies/${encodeURIComponent(proxyId)}`, { method: 'DELETE' }),
  kiosks: (id: string, signal?: AbortSignal) => apiJson<Kiosk[]>(`${m(id)}/kiosks`, { signal }),
  createKiosk: (id: string, name: string) => apiJson<CreatedKiosk>(`${m(id)}/kiosks`, { method: 'POST', body: { name } }),
  revokeKiosk: (id: string, kioskId: string) => apiJson<void>(`${m(id)}/kiosks/${encodeURIComponent(kioskId)}`, { method: 'DELETE' }),
  rounds: (signal?: AbortSignal) => apiJson<OpinionRound[]>('/opinion-rounds', { signal }),
  round: (roundId: string, signal?: AbortSignal) => apiJson<OpinionRound>(`/opinion-rounds/${encodeURIComponent(roundId)}`, { signal }),
  createRound: (body: NewRound) => apiJson<OpinionRound>('/opinion-rounds', { method: 'POST', body }),
  roundAction: (roundId: string, action: 'open' | 'close' | 'remind') => apiJson<unknown>(`/opinion-rounds/${encodeURIComponent(roundId)}/${action}`, { method: 'POST' }),
  roundNotAnswered: (roundId: string) => apiJson<RoundNotAnswered>(`/opinion-rounds/${encodeURIComponent(roundId)}/not-answered`),
  // Written rounds that failed or were not decided, carried to the body's next meeting (libs/opinions proposals)
  roundProposals: (id: string, signal?: AbortSignal) => apiJson<RoundProposal[]>(`${m(id)}/round-proposals`, { signal }),
  takeProposal: (id: string, proposalId: string) => apiJson<RoundProposal>(`${m(id)}/round-proposals/${encodeURIComponent(proposalId)}/take`, { method: 'POST' }),
  dismissProposal: (id: string, proposalId: string, reason: string) =>
    apiJson<RoundProposal>(`${m(id)}/round-proposals/${encodeURIComponent(proposalId)}/dismiss`, { method: 'POST', body: { reason } }),
  answerRound: (roundId: string, answers: { questionId: string; choice: RoundChoice; comment?: string }[]) =>
    apiJson<OpinionRound>(`/opinion-rounds/${encodeURIComponent(roundId)}/answers`, { method: 'POST', body: { answers } }),
  /** Whether LiveKit is configured, from the public health report (the conference routes would answer 503). */
  conferencingEnabled: (signal?: AbortSignal) =>
    apiJson<{ components?: Record<string, { status?: string }> }>('/health', { signal }).then((h) => h.components?.conferencing?.status !== 'disabled'),
  conferenceToken: (id: string) => apiJson<ConferenceToken>(`${m(id)}/conference/token`, { method: 'POST' }),
  conferenceParticipants: (id: string, signal?: AbortSignal) => apiJson<ConferenceParticipant[]>(`${m(id)}/conference/participants`, { signal }),
  conferenceMute: (id: string, identity: string, trackSid: string) =>
    apiJson<{ identity: string; trackSid: string; muted: boolean }>(`${m(id)}/conference/moderation/mute`, { method: 'POST', body: { identity, trackSid, muted: true } }),
  conferenceRemove: (id: string, identity: string) => apiJson<void>(`${m(id)}/conference/moderation/remove`, { method: 'POST', body: { identity } }),
  conferenceRemoved: (id: string, signal?: AbortSignal) => apiJson<ConferenceRemoval[]>(`${m(id)}/conference/moderation/removed`, { signal }),
  conferenceReadmit: (id: string, identity: string) => apiJson<void>(`${m(id)}/conference/moderation/readmit`, { method: 'POST', body: { identity } }),
  conferenceRecording: (id: string, signal?: AbortSignal) => apiJson<ConferenceRecordingStatus>(`${m(id)}/conference/recording`, { signal }),
  conferenceRecordingStart: (id: string) => apiJson<unknown>(`${m(id)}/conference/recording/start`, { method: 'POST' }),
  conferenceRecordingStop: (id: string) => apiJson<unknown>(`${m(id)}/conference/recording/stop`, { method: 'POST' }),
  conferencePermissions: (id: string, identity: string, canPublish: boolean) =>
    apiJson<ConferenceParticipant['permission']>(`${m(id)}/conference/moderation/permissions`, { method: 'POST', body: { identity, canPublish } }),
  markAddressed: (id: string, opinionId: string) => apiJson<Opinion>(`${m(id)}/opinions/${encodeURIComponent(opinionId)}/addressed`, { method: 'POST' }),
  // Bodies and a delegate's face consent / enrolment (admin screens)
  delegate: (id: string, signal?: AbortSignal) => apiJson<Delegate>(`/delegates/${encodeURIComponent(id)}`, { signal }),
  bodies: (signal?: AbortSignal) => apiJson<Body[]>('/bodies', { signal }),
  createBody: (body: BodyInput) => apiJson<BodyDetail>('/bodies', { method: 'POST', body }),
  updateBody: (id: string, body: BodyInput) => apiJson<BodyDetail>(`/bodies/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
  body: (id: string, signal?: AbortSignal) => apiJson<BodyDetail>(`/bodies/${encodeURIComponent(id)}`, { signal }),
  addBodyMember: (id: string, delegateId: string, position: string | null) =>
    apiJson<BodyDetail>(`/bodies/${encodeURIComponent(id)}/members`, { method: 'POST', body: position ? { delegateId, position } : { delegateId } }),
  removeBodyMember: (id: string, delegateId: string) => apiJson<void>(`/bodies/${encodeURIComponent(id)}/members/${encodeURIComponent(delegateId)}`, { method: 'DELETE' }),
  faceConsent: (id: string, signal?: AbortSignal) => apiJson<ConsentStatus>(`${d(id)}/face/consent`, { signal }),
  recordPaperConsent: (id: string, noticeVersion: string, paperReference: string) =>
    apiJson<ConsentStatus>(`${d(id)}/face/consent`, { method: 'POST', body: { noticeVersion, paperReference } }),
  withdrawConsent: (id: string) => apiJson<ConsentStatus & { descriptorsDeleted: number }>(`${d(id)}/face/consent`, { method: 'DELETE' }),
  // Privacy: the person's own consent, data export, erasure and requests; the admin's request list and processing record
  faceNotice: (signal?: AbortSignal) => apiJson<BiometricNotice>('/face/notice', { signal }),
  giveConsent: (id: string, noticeVersion: string, noticeSha256: string) =>
    apiJson<ConsentStatus>(`${d(id)}/face/consent`, { method: 'POST', body: { noticeVersion, noticeSha256 } }),
  consentRecordPdf: (id: string) => apiFile(`${d(id)}/face/consent/record.pdf`),
  exportJson: (id: string) => apiFile(`${d(id)}/privacy/export`),
  exportPdf: (id: string) => apiFile(`${d(id)}/privacy/export.pdf`),
  eraseBiometrics: (id: string) => apiJson<{ descriptorsDeleted: number }>(`${d(id)}/privacy/biometric-erasure`, { method: 'POST' }),
  filePrivacyRequest: (id: string, kind: PrivacyRequest['kind'], details: string) =>
    apiJson<PrivacyRequest>(`${d(id)}/privacy/requests`, { method: 'POST', body: { kind, details } }),
  myPrivacyRequests: (id: string, signal?: AbortSignal) => apiJson<PrivacyRequest[]>(`${d(id)}/privacy/requests`, { signal }),
  privacyRequests: (signal?: AbortSignal) => apiJson<PrivacyRequest[]>('/privacy/requests', { signal }),
  resolvePrivacyRequest: (id: string, status: 'done' | 'rejected', outcome: string) =>
    apiJson<PrivacyRequest>(`/privacy/requests/${encodeURIComponent(id)}/resolve`, { method: 'POST', body: { status, outcome } }),
  processingRecordPdf: () => apiFile('/privacy/processing-record.pdf'),
  faceEnrolment: (id: string, signal?: AbortSignal) => apiJson<FaceEnrolmentStatus>(`${d(id)}/face`, { signal }),
  enrolFace: (id: string, photos: File[]) => {
    const form = new FormData();
    for (const photo of photos) form.append('photos', photo);
    return apiJson<FaceEnrolmentStatus>(`${d(id)}/face/enrolments`, { method: 'POST', body: form });
  },
  deleteFaceEnrolment: (id: string) => apiJson<FaceEnrolmentStatus>(`${d(id)}/face`, { method: 'DELETE' }),

  // Minutes, exports, conclusions and tasks (libs/minutes, libs/assignments).
  minutes: (id: string, signal?: AbortSignal) => apiJson<MinutesView>(`${m(id)}/minutes`, { signal }),
  /** The minutes, or null while the meeting has none. */
  minutesOrNull: (id: string, signal?: AbortSignal) => apiJson<CurrentMinutes>(`${m(id)}/minutes/current`, { signal }).then((r) => r.minutes),
  draftMinutes: (id: string) => apiJson<MinutesView>(`${m(id)}/minutes/draft`, { method: 'POST' }),
  saveMinutes: (id: string, content: MinutesContent) => apiJson<MinutesView>(`${m(id)}/minutes`, { method: 'PUT', body: content }),
  lockMinutes: (id: string) => apiJson<MinutesView>(`${m(id)}/minutes/lock`, { method: 'POST' }),
  meetingExport: (id: string, file: MeetingExport) => apiFile(`${m(id)}/exports/${file}`),
  /** The registered minutes and their signatures, null before registration. */
  minutesDocument: (id: string, signal?: AbortSignal) => apiJson<{ document: OfficialDocumentView | null }>(`${m(id)}/minutes/document`, { signal }).then((r) => r.document),
  issueMinutesDocument: (id: string, body: { secretaryUserId?: string; chairUserId?: string }) => apiJson<OfficialDocumentView>(`${m(id)}/minutes/document`, { method: 'POST', body }),
  countReportDocument: (pollId: string, signal?: AbortSignal) => apiJson<{ document: OfficialDocumentView | null }>(`/polls/${encodeURIComponent(pollId)}/count-report/document`, { signal }).then((r) => r.document),
  issueCountReportDocument: (pollId: string) => apiJson<OfficialDocumentView>(`/polls/${encodeURIComponent(pollId)}/count-report/document`, { method: 'POST' }),
  signDocument: (docId: string, slot: string, pin: string) => apiJson<OfficialDocumentView>(`/documents/${encodeURIComponent(docId)}/sign`, { method: 'POST', body: { slot, pin } }),
  documentFile: (docId: string) => apiFile(`/documents/${encodeURIComponent(docId)}/file.pdf`),
  documentVerification: (docId: string) => apiJson<VerifyReport>(`/documents/${encodeURIComponent(docId)}/verification`),
  verifyPdf: (file: File) => {
    const form = new FormData();
    form.append('file', file);
    return apiJson<VerifyReport>('/signatures/verify', { method: 'POST', body: form });
  },
  signers: (signal?: AbortSignal) => apiJson<SignerView[]>('/signatures/signers', { signal }),
  configureP12: (userId: string, file: File, password: string) => {
    const form = new FormData();
    form.append('file', file);
    form.append('password', password);
    return apiJson<SignerView>(`/signatures/signers/${encodeURIComponent(userId)}/p12`, { method: 'PUT', body: form });
  },
  configureToken: (userId: string, body: { tokenLabel: string; keyId: string; chainPem?: string }) => apiJson<SignerView>(`/signatures/signers/${encodeURIComponent(userId)}/pkcs11`, { method: 'PUT', body }),
  removeSigner: (userId: string) => apiJson<void>(`/signatures/signers/${encodeURIComponent(userId)}`, { method: 'DELETE' }),
  trustedRoots: (signal?: AbortSignal) => apiJson<TrustedRootView[]>('/signatures/trusted-roots', { signal }),
  addTrustedRoot: (file: File) => {
    const form = new FormData();
    form.append('file', file);
    return apiJson<TrustedRootView>('/signatures/trusted-roots', { method: 'POST', body: form });
  },
  removeTrustedRoot: (id: string) => apiJson<void>(`/signatures/trusted-roots/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  users: (signal?: AbortSignal) => apiJson<UserSummary[]>('/users', { signal }),
  createUser: (body: UserCreateInput) => apiJson<UserSummary>('/users', { method: 'POST', body }),
  updateUser: (id: string, body: UserUpdateInput) => apiJson<UserSummary>(`/users/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
  roundSummaryPdf: (roundId: string) => apiFile(`/opinion-rounds/${encodeURIComponent(roundId)}/exports/summary.pdf`),
  conclusions: (id: string, signal?: AbortSignal) => apiJson<ConclusionView[]>(`${m(id)}/conclusions`, { signal }),
  createConclusion: (id: string, body: { agendaItemId: string | null; text: string }) => apiJson<ConclusionView>(`${m(id)}/conclusions`, { method: 'POST', body }),
  updateConclusion: (id: string, conclusionId: string, body: { agendaItemId?: string | null; text?: string }) =>
    apiJson<ConclusionView>(`${m(id)}/conclusions/${encodeURIComponent(conclusionId)}`, { method: 'PATCH', body }),
  deleteConclusion: (id: string, conclusionId: string) => apiJson<void>(`${m(id)}/conclusions/${encodeURIComponent(conclusionId)}`, { method: 'DELETE' }),
  reorderConclusions: (id: string, conclusionIds: string[]) => apiJson<ConclusionView[]>(`${m(id)}/conclusions/order`, { method: 'PUT', body: { conclusionIds } }),
  createTask: (id: string, conclusionId: string, body: NewTask) => apiJson<TaskView>(`${m(id)}/conclusions/${encodeURIComponent(conclusionId)}/tasks`, { method: 'POST', body }),
  units: (signal?: AbortSignal) => apiJson<Unit[]>('/units', { signal }),
  createUnit: (body: UnitFields) => apiJson<Unit>('/units', { method: 'POST', body }),
  updateUnit: (unitId: string, body: UnitFields) => apiJson<Unit>(`/units/${encodeURIComponent(unitId)}`, { method: 'PATCH', body }),
  deleteUnit: (unitId: string) => apiJson<void>(`/units/${encodeURIComponent(unitId)}`, { method: 'DELETE' }),
  addUnitMember: (unitId: string, delegateId: string) => apiJson<Unit>(`/units/${encodeURIComponent(unitId)}/members`, { method: 'POST', body: { delegateId } }),
  removeUnitMember: (unitId: string, delegateId: string) => apiJson<void>(`/units/${encodeURIComponent(unitId)}/members/${encodeURIComponent(delegateId)}`, { method: 'DELETE' }),
  tasks: (q: TaskQuery, signal?: AbortSignal) => apiJson<TaskView[]>(`/tasks${taskQuery(q)}`, { signal }),
  myTasks: (signal?: AbortSignal) => apiJson<MyTasks>('/tasks/mine', { signal }),
  taskDashboard: (signal?: AbortSignal) => apiJson<UnitTaskCounts[]>('/tasks/dashboard', { signal }),
  tasksXlsx: (q: TaskQuery) => apiFile(`/tasks/export.xlsx${taskQuery(q)}`),
  updateTask: (taskId: string, body: { deadline?: string }) => apiJson<TaskView>(`/tasks/${encodeURIComponent(taskId)}`, { method: 'PATCH', body }),
  deleteTask: (taskId: string) => apiJson<void>(`/tasks/${encodeURIComponent(taskId)}`, { method: 'DELETE' }),
  startTask: (taskId: string) => apiJson<TaskView>(`/tasks/${encodeURIComponent(taskId)}/start`, { method: 'POST' }),
  completeTask: (taskId: string, report: string) => apiJson<TaskView>(`/tasks/${encodeURIComponent(taskId)}/complete`, { method: 'POST', body: { report } }),
};

function d(id: string): string {
  return `/delegates/${encodeURIComponent(id)}`;
}

/** The meeting's files under `GET /api/meetings/:id/exports/`. */
export const MEETING_EXPORTS = ['attendance.pdf', 'attendance.xlsx', 'results.pdf', 'results.xlsx', 'minutes.pdf', 'minutes.docx'] as const;
export type MeetingExport = (typeof MEETING_EXPORTS)[number];

export interface TaskQuery {
  status?: TaskStatus;
  unitId?: string;
}

function taskQuery(q: TaskQuery): string {
  const params = new URLSearchParams();
  if (q.status) params.set('status', q.status);
  if (q.unitId) params.set('unitId', q.unitId);
  const s = params.toString();
  return s ? `?${s}` : '';
}

function listOf<T>(r: T[] | { items: T[] }): T[] {
  return Array.isArray(r) ? r : r.items;
}
