import { registerErrorCodes } from '#core';

export enum ConferenceErrorCode {
  /** LIVEKIT_URL / KEY / SECRET are not configured. */
  CONFERENCE_DISABLED = 'CONFERENCE_DISABLED',
  /** Egress is not configured on this LiveKit (LIVEKIT_EGRESS_ENABLED). */
  RECORDING_UNAVAILABLE = 'RECORDING_UNAVAILABLE',
  RECORDING_ALREADY_RUNNING = 'RECORDING_ALREADY_RUNNING',
  RECORDING_NOT_RUNNING = 'RECORDING_NOT_RUNNING',
  /** The caller is neither staff nor invited to the meeting. */
  CONFERENCE_NOT_INVITED = 'CONFERENCE_NOT_INVITED',
  /** Draft, scheduled or closed meetings have no room to join. */
  CONFERENCE_MEETING_NOT_ACTIVE = 'CONFERENCE_MEETING_NOT_ACTIVE',
  /** Missing, wrong or tampered LiveKit webhook signature. */
  WEBHOOK_SIGNATURE_INVALID = 'WEBHOOK_SIGNATURE_INVALID',
  /** Signed, but not a webhook event we can read. */
  WEBHOOK_INVALID = 'WEBHOOK_INVALID',
  /** LiveKit's server API failed or could not be reached. */
  LIVEKIT_UNAVAILABLE = 'LIVEKIT_UNAVAILABLE',
  /** The participant is not in the room. */
  PARTICIPANT_NOT_FOUND = 'PARTICIPANT_NOT_FOUND',
  /** The chair or secretary removed this person from the room; they may join again once readmitted. */
  CONFERENCE_REMOVED = 'CONFERENCE_REMOVED',
  /** Readmitting someone who is not removed. */
  PARTICIPANT_NOT_REMOVED = 'PARTICIPANT_NOT_REMOVED',
}

registerErrorCodes({
  [ConferenceErrorCode.CONFERENCE_DISABLED]: 503,
  [ConferenceErrorCode.RECORDING_UNAVAILABLE]: 503,
  [ConferenceErrorCode.RECORDING_ALREADY_RUNNING]: 409,
  [ConferenceErrorCode.RECORDING_NOT_RUNNING]: 409,
  [ConferenceErrorCode.CONFERENCE_NOT_INVITED]: 403,
  [ConferenceErrorCode.CONFERENCE_MEETING_NOT_ACTIVE]: 409,
  [ConferenceErrorCode.WEBHOOK_SIGNATURE_INVALID]: 401,
  [ConferenceErrorCode.WEBHOOK_INVALID]: 400,
  [ConferenceErrorCode.LIVEKIT_UNAVAILABLE]: 502,
  [ConferenceErrorCode.PARTICIPANT_NOT_FOUND]: 404,
  [ConferenceErrorCode.CONFERENCE_REMOVED]: 403,
  [ConferenceErrorCode.PARTICIPANT_NOT_REMOVED]: 409,
});
