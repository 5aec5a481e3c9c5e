import { registerErrorCodes } from '#core';

export enum RealtimeErrorCode {
  /** A delegate asked for a meeting they are not invited to (same code and status as #opinions uses). */
  NOT_INVITED = 'NOT_INVITED',
}

registerErrorCodes({
  [RealtimeErrorCode.NOT_INVITED]: 403,
});
