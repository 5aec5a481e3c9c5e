/** Why the room was left, as the member is told. */
export type EndReason = 'removed' | 'roomClosed' | 'lost' | 'left';

/** Something the secretary did to this member, or the device refused, shown once under the controls. */
export type ConferenceNotice = 'mutedByModerator' | 'publishRevoked' | 'publishGranted' | 'mediaDenied';

export type ConferenceState =
  | { phase: 'idle' }
  | { phase: 'joining' }
  | { phase: 'connected'; reconnecting: boolean; canPublish: boolean; micOn: boolean; camOn: boolean; notice: ConferenceNotice | null }
  /** The server has no LiveKit configured (503 CONFERENCE_DISABLED): nothing to retry. */
  | { phase: 'disabled' }
  /** A token was issued but the LiveKit server could not be reached (or the API itself could not). */
  | { phase: 'unreachable' }
  /** The token was refused for another reason (not invited, meeting not in session...): the API's error. */
  | { phase: 'refused'; error: unknown }
  | { phase: 'ended'; reason: EndReason };

export type ConferenceEvent =
  | { type: 'join' }
  | { type: 'token-refused'; code: string; error: unknown }
  | { type: 'connect-failed' }
  | { type: 'connected'; canPublish: boolean }
  | { type: 'media'; micOn: boolean; camOn: boolean }
  | { type: 'media-denied' }
  | { type: 'muted-by-moderator' }
  | { type: 'permissions'; canPublish: boolean }
  | { type: 'reconnecting' }
  | { type: 'reconnected' }
  | { type: 'disconnected'; reason: EndReason };

/**
 * The member's online-meeting state machine, kept apart from livekit-client so it is unit-tested: the hook turns
 * the Room's events into these events.
 */
export function conferenceReducer(state: ConferenceState, e: ConferenceEvent): ConferenceState {
  switch (e.type) {
    case 'join':
      return state.phase === 'joining' || state.phase === 'connected' ? state : { phase: 'joining' };
    case 'token-refused':
      if (e.code === 'CONFERENCE_DISABLED') return { phase: 'disabled' };
      if (e.code === 'NETWORK') return { phase: 'unreachable' };
      return { phase: 'refused', error: e.error };
    case 'connect-failed':
      return state.phase === 'joining' ? { phase: 'unreachable' } : state;
    case 'connected':
      return { phase: 'connected', reconnecting: false, canPublish: e.canPublish, micOn: false, camOn: false, notice: e.canPublish ? null : 'publishRevoked' };
    case 'disconnected':
      // a failed connect also ends with a Disconnected event: the failure is what the member must read
      return state.phase === 'connected' ? { phase: 'ended', reason: e.reason } : state;
  }
  if (state.phase !== 'connected') return state;
  switch (e.type) {
    case 'media':
      return { ...state, micOn: e.micOn, camOn: e.camOn, notice: state.notice === 'mutedByModerator' && e.micOn ? null : state.notice };
    case 'media-denied':
      return { ...state, micOn: false, camOn: false, notice: 'mediaDenied' };
    case 'muted-by-moderator':
      return { ...state, micOn: false, notice: 'mutedByModerator' };
    case 'permissions':
      if (e.canPublish === state.canPublish) return state;
      return e.canPublish ? { ...state, canPublish: true, notice: 'publishGranted' } : { ...state, canPublish: false, micOn: false, camOn: false, notice: 'publishRevoked' };
    case 'reconnecting':
      return { ...state, reconnecting: true };
    case 'reconnected':
      return { ...state, reconnecting: false };
  }
}

/** LiveKit's DisconnectReason numbers (livekit_models.proto, stable on the wire) to what the member is told. */
export function endReasonOf(reason: number | undefined): EndReason {
  switch (reason) {
    case 1: // CLIENT_INITIATED
      return 'left';
    case 4: // PARTICIPANT_REMOVED
      return 'removed';
    case 5: // ROOM_DELETED
    case 10: // ROOM_CLOSED
      return 'roomClosed';
    default:
      return 'lost';
  }
}
