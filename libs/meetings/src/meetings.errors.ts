import { registerErrorCodes } from '#core';

export enum MeetingsErrorCode {
  /** The meeting's status no longer allows this change (details: status, allowed). */
  MEETING_LOCKED = 'MEETING_LOCKED',
  /** Opening the session below the quorum needs `confirmBelowQuorum: true` (details: present, required). */
  QUORUM_NOT_REACHED = 'QUORUM_NOT_REACHED',
  /** A substitute must name an invited member of the body and must not be a member themselves. */
  SUBSTITUTE_INVALID = 'SUBSTITUTE_INVALID',
  /**
   * The delegate is not invited, where the caller may see the meeting (staff acting for or about a delegate, a chair
   * asking for the floor). A caller who may not see the meeting gets 404 NOT_FOUND instead (MeetingAccess).
   */
  NOT_INVITED = 'NOT_INVITED',
}

registerErrorCodes({
  [MeetingsErrorCode.MEETING_LOCKED]: 409,
  [MeetingsErrorCode.QUORUM_NOT_REACHED]: 409,
  [MeetingsErrorCode.SUBSTITUTE_INVALID]: 400,
  [MeetingsErrorCode.NOT_INVITED]: 403,
});
