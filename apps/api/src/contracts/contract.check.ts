/**
 * Compile-time proof that what the server sends matches #contracts (the types apps/web is written against):
 * each library's view and event payload, serialised to JSON, must be assignable to the contract's type.
 * Nothing here runs; `npm run typecheck` and the build fail when a library drifts from the contract.
 */
import type * as C from '#contracts';
import type { AssignmentsServerEvents, ConclusionView, MyTasks, TaskView, UnitTaskCounts, UnitView } from '#assignments';
import type { AttendanceListItem, AttendanceServerEvents, AttendanceSummary, CreatedKiosk, KioskView } from '#attendance';
import type { AuthUser, Role } from '#core';
import type { DelegateView } from '#delegates';
import type { SignerView, TrustedRootView } from '#documents';
import type { ConsentStatusView, FaceEnrolmentStatusView, FaceServerEvents, FrameResult } from '#face';
import type { InvitationKind, MeetingDetail, MeetingMode, MeetingStatus, MeetingSummary } from '#meetings';
import type { MinutesView } from '#minutes';
import type { ClientToServerEvents, ServerEventPayloads } from '#realtime';
import type {
  CastAck,
  CommitteeService,
  CommitteeView,
  CountReportContent,
  CountReportView,
  MyProxies,
  MyVote,
  PollProgress,
  PollStatus,
  PollView,
  ProxyView,
  ReceiptCheck,
  VotingServerEvents,
  BallotMode,
  PollKind,
} from '#voting';

/** What JSON.stringify makes of a value: Dates become ISO strings. */
export type Wire<T> = T extends Date
  ? string
  : T extends (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

type Assignable<From, To> = [From] extends [To] ? true : false;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Fails to compile unless given `true`. */
type Check<T extends true> = T;

// unions: the server's enums and the contract's string unions hold the same values
export type Unions = [
  Check<Same<`${Role}`, C.Role>>,
  Check<Same<`${MeetingStatus}`, C.MeetingStatus>>,
  Check<Same<`${MeetingMode}`, C.MeetingMode>>,
  Check<Same<`${InvitationKind}`, C.InvitationKind>>,
  Check<Same<`${PollKind}`, C.PollKind>>,
  Check<Same<`${BallotMode}`, C.BallotMode>>,
  Check<Same<`${PollStatus}`, C.PollStatus>>,
];

// HTTP views
export type Views = [
  Check<Assignable<Wire<MeetingSummary>, C.MeetingSummary>>,
  Check<Assignable<Wire<MeetingDetail>, C.MeetingDetail>>,
  Check<Assignable<Wire<AttendanceSummary>, C.AttendanceSummary>>,
  Check<Assignable<Wire<AttendanceListItem>, C.AttendanceListItem>>,
  Check<Assignable<Wire<KioskView>, C.Kiosk>>,
  Check<Assignable<Wire<CreatedKiosk>, C.CreatedKiosk>>,
  Check<Assignable<Wire<DelegateView>, C.Delegate>>,
  Check<Assignable<Wire<ConsentStatusView>, C.ConsentStatus>>,
  Check<Assignable<Wire<FaceEnrolmentStatusView>, C.FaceEnrolmentStatus>>,
  Check<Assignable<Wire<FrameResult>, C.FrameResult>>,
  Check<Assignable<Wire<MinutesView>, C.MinutesView>>,
  Check<Assignable<Wire<TaskView>, C.TaskView>>,
  Check<Assignable<Wire<ConclusionView>, C.ConclusionView>>,
  Check<Assignable<Wire<MyTasks>, C.MyTasks>>,
  Check<Assignable<Wire<UnitTaskCounts>, C.UnitTaskCounts>>,
  Check<Assignable<Wire<UnitView>, C.Unit>>,
  // the stored result is typed loosely on the server (jsonb); its shape is libs/voting/src/polls/poll-result.ts
  Check<Assignable<Wire<Omit<PollView, 'result'>>, Omit<C.PollView, 'result'>>>,
  Check<Assignable<Wire<MyVote>, C.MyVote>>,
  Check<Assignable<Wire<ProxyView>, C.ProxyView>>,
  Check<Assignable<Wire<MyProxies>, C.MyProxies>>,
  Check<Assignable<Wire<CastAck>, C.CastAck>>,
  Check<Assignable<Wire<PollProgress>, C.PollProgress>>,
  Check<Assignable<Pick<AuthUser, 'id' | 'username' | 'role' | 'delegateId'>, Omit<C.Me, 'displayName'>>>,
  Check<Assignable<Wire<SignerView>, C.SignerView>>,
  Check<Assignable<Wire<TrustedRootView>, C.TrustedRootView>>,
  // counting committee: the views come from #contracts; what the service returns and what the count writes must fit them
  Check<Assignable<Wire<Awaited<ReturnType<CommitteeService['view']>>>, C.CommitteeView>>,
  Check<Assignable<Wire<CommitteeView>, C.CommitteeView>>,
  Check<Assignable<Wire<Awaited<ReturnType<CommitteeService['report']>>>, C.CountReportView>>,
  Check<Assignable<Wire<CountReportView>, C.CountReportView>>,
  Check<Assignable<Wire<CountReportContent>, C.CountReportContent>>,
  Check<Assignable<Wire<Awaited<ReturnType<CommitteeService['checkReceipt']>>>, C.ReceiptCheck>>,
  Check<Assignable<Wire<ReceiptCheck>, C.ReceiptCheck>>,
  Check<Assignable<Wire<Awaited<ReturnType<CommitteeService['countingKey']>>>, C.CountingKey>>,
  Check<Assignable<Wire<Omit<Awaited<ReturnType<CommitteeService['giveShare']>>, 'poll'>>, Omit<C.ShareGiven, 'poll'>>>,
];

// socket events: every library's server -> client map is part of the contract's, payload by payload
type LibraryEvents = ServerEventPayloads & AttendanceServerEvents & FaceServerEvents & AssignmentsServerEvents & Omit<VotingServerEvents, 'poll:opened' | 'poll:results'>;
export type Events = [
  Check<Assignable<keyof LibraryEvents, keyof C.ServerEvents>>,
  Check<Assignable<Wire<LibraryEvents>, Pick<C.ServerEvents, keyof LibraryEvents>>>,
  Check<Assignable<Wire<Omit<VotingServerEvents['poll:opened'], 'result'>>, Omit<C.ServerEvents['poll:opened'], 'result'>>>,
  Check<Assignable<Wire<Omit<VotingServerEvents['poll:results'], 'result'>>, Omit<C.ServerEvents['poll:results'], 'result'>>>,
  Check<Assignable<keyof ClientToServerEvents, keyof C.ClientEvents>>,
];
