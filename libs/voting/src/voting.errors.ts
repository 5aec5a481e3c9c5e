import { registerErrorCodes } from '#core';

export enum VotingErrorCode {
  /** A majority rule spec (JSON or compact string) is malformed or out of range; details name the field. */
  RULE_INVALID = 'RULE_INVALID',
  /** Counts handed to the rule engine are impossible (negative, more ballots than people present...). */
  VOTE_COUNTS_INVALID = 'VOTE_COUNTS_INVALID',
  /** A poll definition is inconsistent (options for a motion, seats on a choice poll...). */
  POLL_INVALID = 'POLL_INVALID',
  /** The poll is a draft: it cannot take ballots or be closed yet. */
  POLL_NOT_OPEN = 'POLL_NOT_OPEN',
  /** The poll is closed (or published): ballots are refused. */
  POLL_CLOSED = 'POLL_CLOSED',
  /** Open / close / publish asked in the wrong state (or a concurrent request won). */
  POLL_STATE = 'POLL_STATE',
  /** Polls open only while the meeting is in session. */
  MEETING_NOT_IN_SESSION = 'MEETING_NOT_IN_SESSION',
  /** The meeting is closed: no new poll, no vote (its minutes state what was decided). */
  MEETING_CLOSED = 'MEETING_CLOSED',
  /** Not enough voting members present to open the poll under its rule. */
  NO_QUORUM = 'NO_QUORUM',
  /** The caller is not a delegate with a voting right in this meeting. */
  NOT_ELIGIBLE = 'NOT_ELIGIBLE',
  /** The delegate is not checked in (hall or online). */
  NOT_PRESENT = 'NOT_PRESENT',
  /** The voter already cast a different ballot and the poll does not allow changes. */
  ALREADY_VOTED = 'ALREADY_VOTED',
  /** An option id that is not one of the poll's, or listed twice. */
  INVALID_CHOICE = 'INVALID_CHOICE',
  /** More options than the poll's maxChoices / seats. */
  TOO_MANY_CHOICES = 'TOO_MANY_CHOICES',
  /** The ballot id is already used by another voter or poll. */
  BALLOT_ID_TAKEN = 'BALLOT_ID_TAKEN',
  /** Casting too fast. */
  VOTE_RATE_LIMITED = 'VOTE_RATE_LIMITED',
  /** The meeting's body does not allow proxy voting (bodies.allow_proxy_voting is off). */
  PROXY_NOT_ALLOWED = 'PROXY_NOT_ALLOWED',
  /** A proxy between these delegates cannot exist: self, not a voting member of the body, not invited, a chain. */
  PROXY_INVALID = 'PROXY_INVALID',
  /** The represented delegate already has an active proxy, or the acting delegate already holds one. */
  PROXY_TAKEN = 'PROXY_TAKEN',
  /** The proxy was already revoked. */
  PROXY_REVOKED = 'PROXY_REVOKED',
  /** A cast on behalf of someone without an active proxy from them to the caller in this meeting. */
  NOT_PROXY_HOLDER = 'NOT_PROXY_HOLDER',
  /** A cast for a delegate not counted when the poll opened (checked in, proxy registered or holder arrived later). */
  NOT_ON_ROLL = 'NOT_ON_ROLL',
  /** The represented delegate is checked in: they vote themselves. */
  REPRESENTED_PRESENT = 'REPRESENTED_PRESENT',
  /** The secret poll's private key file is not on this server (BALLOT_KEY_DIR). */
  BALLOT_KEY_MISSING = 'BALLOT_KEY_MISSING',
  /** Counting committee: a member is not invited / not a delegate, no head, a threshold out of range, changed too late. */
  COMMITTEE_INVALID = 'COMMITTEE_INVALID',
  /** The caller is not a member of this poll's counting committee. */
  NOT_COMMITTEE_MEMBER = 'NOT_COMMITTEE_MEMBER',
  /** Committee custody: a member has no counting key yet, or the shares given do not open the poll's key. */
  COMMITTEE_KEY = 'COMMITTEE_KEY',
  /** The count is not done yet (receipts, report). */
  NOT_COUNTED = 'NOT_COUNTED',
}

registerErrorCodes({
  [VotingErrorCode.RULE_INVALID]: 400,
  [VotingErrorCode.VOTE_COUNTS_INVALID]: 422,
  [VotingErrorCode.POLL_INVALID]: 400,
  [VotingErrorCode.POLL_NOT_OPEN]: 409,
  [VotingErrorCode.POLL_CLOSED]: 409,
  [VotingErrorCode.POLL_STATE]: 409,
  [VotingErrorCode.MEETING_NOT_IN_SESSION]: 409,
  [VotingErrorCode.MEETING_CLOSED]: 409,
  [VotingErrorCode.NO_QUORUM]: 409,
  [VotingErrorCode.NOT_ELIGIBLE]: 403,
  [VotingErrorCode.NOT_PRESENT]: 403,
  [VotingErrorCode.ALREADY_VOTED]: 409,
  [VotingErrorCode.INVALID_CHOICE]: 400,
  [VotingErrorCode.TOO_MANY_CHOICES]: 400,
  [VotingErrorCode.BALLOT_ID_TAKEN]: 409,
  [VotingErrorCode.VOTE_RATE_LIMITED]: 429,
  [VotingErrorCode.PROXY_NOT_ALLOWED]: 403,
  [VotingErrorCode.PROXY_INVALID]: 400,
  [VotingErrorCode.PROXY_TAKEN]: 409,
  [VotingErrorCode.PROXY_REVOKED]: 409,
  [VotingErrorCode.NOT_PROXY_HOLDER]: 403,
  [VotingErrorCode.REPRESENTED_PRESENT]: 409,
  [VotingErrorCode.NOT_ON_ROLL]: 409,
  [VotingErrorCode.BALLOT_KEY_MISSING]: 503,
  [VotingErrorCode.COMMITTEE_INVALID]: 400,
  [VotingErrorCode.NOT_COMMITTEE_MEMBER]: 403,
  [VotingErrorCode.COMMITTEE_KEY]: 409,
  [VotingErrorCode.NOT_COUNTED]: 409,
});
