import type { AuthRefreshed, AuthRevokedNotice, ListenersOf, MeetingJoined, MeetingRef, ServerShutdownNotice, WsAck, WsErrorBody, WsErrorEvent } from '#contracts';
import type { AuthUser } from '#core';

/**
 * The socket.io contract of the main namespace `/`.
 *
 * Client -> server events answer through the ack callback with `WsAck<T>`; a failure is also emitted as `error`.
 * Server -> client payloads are declared per library as a plain interface `{ 'event:name': Payload }`
 * (see `ServerEventPayloads` below and `AttendanceServerEvents` in #attendance) and emitted through
 * `RealtimeService.typed<ThatMap>()`, so each library owns its events without realtime knowing them.
 */

/** Rooms every socket may be in. */
export const rooms = {
  user: (userId: string): string => `user:${userId}`,
  delegate: (delegateId: string): string => `delegate:${delegateId}`,
  meeting: (meetingId: string): string => `meeting:${meetingId}`,
  /** every socket of one login session (logout ends it) */
  session: (sessionId: string): string => `session:${sessionId}`,
  /** admin, secretary and chair sockets that joined the meeting */
  meetingStaff: (meetingId: string): string => `meeting:${meetingId}:staff`,
} as const;

// the wire shapes are the contract's (#contracts), shared with apps/web
export type { WsAck, WsErrorBody, WsErrorEvent, MeetingRef, MeetingJoined, ServerShutdownNotice, ListenersOf } from '#contracts';

/** The one shape of a socket error answer (ack and `error` event) for a domain error. */
export function toWsErrorBody(error: { code: string; message: string; details?: unknown }): WsErrorBody {
  return error.details === undefined ? { code: error.code, message: error.message } : { code: error.code, message: error.message, details: error.details };
}

export type MeetingLeft = MeetingRef;

export type { AuthRefreshed, AuthRevokedNotice } from '#contracts';

export interface ClientToServerEvents {
  /** A new access token (after /api/auth/refresh) for an open socket whose token expired. */
  'auth:refresh': (payload: { token: string }, ack?: (res: WsAck<AuthRefreshed>) => void) => void;
  'meeting:join': (payload: MeetingRef, ack?: (res: WsAck<MeetingJoined>) => void) => void;
  'meeting:leave': (payload: MeetingRef, ack?: (res: WsAck<MeetingLeft>) => void) => void;
}

/** Payloads of the server -> client events realtime itself emits. */
export interface ServerEventPayloads {
  error: WsErrorEvent;
  'server:shutdown': ServerShutdownNotice;
  'auth:revoked': AuthRevokedNotice;
}

/** Any library's event map: event name -> payload. */
export type EventPayloadMap = { [event: string]: unknown };

export type ServerToClientEvents = ListenersOf<ServerEventPayloads>;

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface InterServerEvents {}

/** What the gateway keeps on `socket.data` after authentication. */
export interface SocketData {
  user: AuthUser;
  /** When the access token the socket authenticated with expires (epoch ms); events after it answer TOKEN_EXPIRED. */
  tokenExpiresAt: number;
}
