import type { AttendanceUpdated } from './attendance.js';
import type { FrameResult, UnrecognisedFace } from './face.js';
import type { MeetingStatus } from './meetings.js';
import type { TaskNotice } from './minutes.js';
import type { FloorChanged, Opinion, RoundClosed, RoundNotice, SpeakersUpdated } from './opinions.js';
import type { CastAck, CastBallot, PollClosed, PollProgress, PollResults, PollState, PollView, ProxyView } from './voting.js';

/**
 * The socket.io contract. Main namespace `/`: authenticate with `auth: { token: <access token> }`, then
 * `meeting:join` to follow a meeting. Server -> client events go to rooms: `meeting:<id>` (everyone who joined),
 * `meeting:<id>:staff` (admin, secretary, chair), `delegate:<id>`, `user:<id>`.
 */

export interface WsErrorBody {
  code: string;
  message: string;
  details?: unknown;
}

/** The one answer of every acknowledged client event. */
export type WsAck<T extends object> = ({ ok: true } & T) | { ok: false; error: WsErrorBody };

/** The `error` event: what failed, and for which client event. */
export interface WsErrorEvent extends WsErrorBody {
  event: string;
}

export interface MeetingRef {
  meetingId: string;
}

export interface MeetingJoined {
  meetingId: string;
  rooms: string[];
  /** true for admin, secretary and chair: the socket is also in the staff room. */
  staff: boolean;
}

/** Socket `meeting:status`: a meeting moved (draft -> scheduled -> open -> in_session -> closed). */
export interface MeetingStatusChanged {
  meetingId: string;
  from: MeetingStatus;
  to: MeetingStatus;
  at: string;
}

/** Sent to every socket of an instance that is shutting down; the client reconnects (to another instance). */
export interface ServerShutdownNotice {
  reconnect: true;
  reconnectInMs: number;
}

/** `auth:refresh` answer: the socket may act until this instant (ISO). */
export interface AuthRefreshed {
  expiresAt: string;
}

/** Sent just before the server disconnects a socket whose session was revoked; the client signs in again. */
export interface AuthRevokedNotice {
  code: string;
  reason: string;
}

export interface HandRaised {
  requestId: string;
  position: number;
}

/** Server -> client events of the main namespace: event name -> payload. */
export interface ServerEvents {
  /** To the socket whose client event failed (also answered in the ack). */
  error: WsErrorEvent;
  /** To every socket of an instance that is shutting down. */
  'server:shutdown': ServerShutdownNotice;
  /** To every socket of a session that was revoked (logout, deactivation, password or role change), just before it is disconnected. */
  'auth:revoked': AuthRevokedNotice;
  /** To `meeting:<id>` when the meeting's status changes. */
  'meeting:status': MeetingStatusChanged;
  /** To `meeting:<id>` minus staff: the summary only; to `meeting:<id>:staff`: the summary and the changed record. */
  'attendance:updated': AttendanceUpdated;
  /** To `meeting:<id>:staff`: a face that is no invited delegate, for the secretary. */
  'checkin:unrecognised': UnrecognisedFace;
  /** To `meeting:<id>` when a poll opens. */
  'poll:opened': PollView;
  /** To `meeting:<id>` when a poll closes (the result comes with publish). */
  'poll:closed': PollClosed;
  /** To `meeting:<id>:staff` after casts commit (coalesced per poll). */
  'poll:progress': PollProgress;
  /** To `meeting:<id>` on publish: the outcome and its arithmetic. */
  'poll:results': PollResults;
  /** To both delegates of a proxy and `meeting:<id>:staff` when it is registered or revoked. */
  'proxy:changed': ProxyView;
  /** To `meeting:<id>` when the speaker queue changes. */
  'speakers:updated': SpeakersUpdated;
  /** To `meeting:<id>` when the chair grants or ends the floor. */
  'floor:changed': FloorChanged;
  /** To `meeting:<id>:staff` when a delegate submits a written opinion. */
  'opinion:submitted': Opinion;
  /** To `meeting:<id>:staff` when the secretary marks an opinion addressed. */
  'opinion:addressed': Opinion;
  /** To each recipient delegate when a written opinion round opens. */
  'round:opened': RoundNotice;
  /** To recipients who have not answered, before the deadline. */
  'round:reminder': RoundNotice;
  /** To each recipient delegate when the round closes, with its summary. */
  'round:closed': RoundClosed;
  /** To the lead unit's people when a task is given to the unit. */
  'task:assigned': TaskNotice;
  /** To the lead unit's people some days before the deadline. */
  'task:reminder': TaskNotice & { daysLeft: number };
  /** To the lead unit's people when the deadline passed without a report. */
  'task:overdue': TaskNotice;
}

/** Client -> server events of the main namespace: the payload and what the ack carries besides `ok`. */
export interface ClientEvents {
  /** A new access token (after /api/auth/refresh) for an open socket whose token expired. */
  'auth:refresh': { payload: { token: string }; ack: AuthRefreshed };
  /** Follow a meeting: staff any meeting, an observer any non-draft one, a delegate the non-draft ones they are invited to. */
  'meeting:join': { payload: MeetingRef; ack: MeetingJoined };
  /** Stop following a meeting (any meeting id: leaving one never joined changes nothing). */
  'meeting:leave': { payload: MeetingRef; ack: MeetingRef };
  /** Cast (or, where allowed, change) a ballot; the ack comes after commit. */
  'vote:cast': { payload: CastBallot; ack: CastAck };
  /** Everything a (re)connecting tablet needs about the meeting's polls. */
  'poll:state': { payload: MeetingRef; ack: PollState };
  /** Ask for the floor (the queue of POST /api/meetings/:id/speakers). */
  'hand:raise': { payload: MeetingRef & { agendaItemId?: string }; ack: HandRaised };
  /** Leave the speaker queue (DELETE /api/meetings/:id/speakers/mine); NOT_FOUND for a meeting the caller may not see. */
  'hand:lower': { payload: MeetingRef; ack: MeetingRef };
}

/** Client -> server events of the `/kiosk` namespace (`auth: { token: <kiosk token>, meetingId, device? }`). */
export interface KioskClientEvents {
  /** A JPEG/PNG frame as binary; the ack is the same FrameResult as the HTTP route. */
  'checkin:frame': { payload: ArrayBuffer | Uint8Array | { frame: ArrayBuffer | Uint8Array }; ack: FrameResult };
}

/** socket.io's listener map for a payload map (what `Socket<ListenEvents, EmitEvents>` expects). */
export type ListenersOf<M extends object> = { [E in keyof M]: (payload: M[E]) => void };

/** socket.io's emitter map for a client event map: payload, then an ack callback. */
export type EmittersOf<M extends { [E in keyof M]: { payload: unknown; ack: object } }> = {
  [E in keyof M]: (payload: M[E]['payload'], ack: (res: WsAck<M[E]['ack']>) => void) => void;
};
