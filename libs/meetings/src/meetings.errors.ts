import { registerErrorCodes } from '#core';

export enum MeetingsErrorCode {
  /** The meeting's status no longer allows this change (details: status, allowed). */
  MEETING_LOCKED = 'MEETING_LOCKED',
  /**
   * The delegate is not invited, where the caller may see the meeting (staff acting for or about a delegate, a chair
   * asking for the floor). A caller who may not see the meeting gets 404 NOT_FOUND instead (MeetingAccess).
   */
  NOT_INVITED = 'NOT_INVITED',
}

registerErrorCodes({
  [MeetingsErrorCode.MEETING_LOCKED]: 409,
  [MeetingsErrorCode.NOT_INVITED]: 403,
});
