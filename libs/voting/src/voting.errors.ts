import { registerErrorCodes } from '#core';

export enum VotingErrorCode {
  /** A majority rule spec (JSON or compact string) is malformed or out of range; details name the field. */
  RULE_INVALID = 'RULE_INVALID',
  /** Counts handed to the rule engine are impossible (negative, more ballots than people present...). */
  VOTE_COUNTS_INVALID = 'VOTE_COUNTS_INVALID',
}

registerErrorCodes({
  [VotingErrorCode.RULE_INVALID]: 400,
  [VotingErrorCode.VOTE_COUNTS_INVALID]: 422,
});
