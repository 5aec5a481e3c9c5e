import { registerErrorCodes } from '#core';

export enum OpinionsErrorCode {
  MEETING_NOT_ACTIVE = 'MEETING_NOT_ACTIVE',
  NOT_A_DELEGATE = 'NOT_A_DELEGATE',
  ROUND_NOT_OPEN = 'ROUND_NOT_OPEN',
  ROUND_CLOSED = 'ROUND_CLOSED',
  DEADLINE_PASSED = 'DEADLINE_PASSED',
  NOT_RECIPIENT = 'NOT_RECIPIENT',
  HAND_ALREADY_RAISED = 'HAND_ALREADY_RAISED',
  /** A written round's proposal already taken onto an agenda or dismissed. */
  PROPOSAL_DECIDED = 'PROPOSAL_DECIDED',
}

registerErrorCodes({
  [OpinionsErrorCode.MEETING_NOT_ACTIVE]: 409,
  [OpinionsErrorCode.NOT_A_DELEGATE]: 403,
  [OpinionsErrorCode.ROUND_NOT_OPEN]: 409,
  [OpinionsErrorCode.ROUND_CLOSED]: 409,
  [OpinionsErrorCode.DEADLINE_PASSED]: 409,
  [OpinionsErrorCode.NOT_RECIPIENT]: 403,
  [OpinionsErrorCode.HAND_ALREADY_RAISED]: 409,
  [OpinionsErrorCode.PROPOSAL_DECIDED]: 409,
});
