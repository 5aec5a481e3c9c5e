import { registerErrorCodes } from '#core';

export enum MinutesErrorCode {
  /** No draft yet: POST .../minutes/draft first. */
  MINUTES_NOT_FOUND = 'MINUTES_NOT_FOUND',
  /** The minutes are locked (hash in the audit chain): no edit, regeneration or second lock. */
  MINUTES_LOCKED = 'MINUTES_LOCKED',
  /** A written opinion round has a summary only once closed. */
  ROUND_NOT_CLOSED = 'ROUND_NOT_CLOSED',
  /** Only locked minutes are registered and signed. */
  MINUTES_NOT_LOCKED = 'MINUTES_NOT_LOCKED',
  /** A signer given for the minutes is not an active user. */
  MINUTES_SIGNER_UNKNOWN = 'MINUTES_SIGNER_UNKNOWN',
}

registerErrorCodes({
  [MinutesErrorCode.MINUTES_NOT_FOUND]: 404,
  [MinutesErrorCode.MINUTES_LOCKED]: 409,
  [MinutesErrorCode.ROUND_NOT_CLOSED]: 409,
  [MinutesErrorCode.MINUTES_NOT_LOCKED]: 409,
  [MinutesErrorCode.MINUTES_SIGNER_UNKNOWN]: 422,
});
