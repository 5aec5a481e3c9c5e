/** Tunables of #voting, given to VotingModule.register(); defaults suit a committee of up to a few thousand. */
export interface VotingOptions {
  /** Token bucket per user for casts: burst size. */
  castBurst: number;
  /** Tokens added per second. */
  castPerSecond: number;
  /** Progress events to staff are coalesced to at most one per poll per this many ms. */
  progressIntervalMs: number;
}

export const VOTING_OPTIONS = Symbol('VOTING_OPTIONS');

export const DEFAULT_VOTING_OPTIONS: VotingOptions = { castBurst: 10, castPerSecond: 2, progressIntervalMs: 100 };
