import { registerErrorCodes } from '#core';

export enum MeetingsErrorCode {
  /** The meeting's status no longer allows this change (details: status, allowed). */
  MEETING_LOCKED = 'MEETING_LOCKED',
}

registerErrorCodes({
  [MeetingsErrorCode.MEETING_LOCKED]: 409,
});
