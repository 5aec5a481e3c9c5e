export enum PollKind {
  /** Tán thành / Không tán thành / Không biểu quyết, decided by evaluateMotion. */
  Motion = 'motion',
  /** One or up to max_choices of the options, decided by evaluateChoice. */
  Choice = 'choice',
  /** Up to `seats` candidates, decided by evaluateElection. */
  Election = 'election',
  /** Lấy phiếu tín nhiệm: each official rated tín nhiệm cao / tín nhiệm / tín nhiệm thấp (evaluateConfidence). */
  Confidence = 'confidence',
  /** Bỏ phiếu tín nhiệm: tín nhiệm / không tín nhiệm per official (evaluateConfidence). */
  NoConfidence = 'no_confidence',
}

export enum BallotMode {
  /** Who voted what is recorded (named_ballots). */
  Named = 'named',
  /** Only that someone voted (poll_participation) and, unlinked, what was voted (secret_ballots). */
  Secret = 'secret',
}

export enum PollStatus {
  Draft = 'draft',
  Open = 'open',
  Closed = 'closed',
  Published = 'published',
}

export enum VoteChannel {
  Hall = 'hall',
  Online = 'online',
}

/** The three fixed options of a motion, in this order (position 1..3). */
export enum MotionOptionCode {
  For = 'for',
  Against = 'against',
  Abstain = 'abstain',
}

export const MOTION_OPTIONS: readonly { code: MotionOptionCode; position: number; label: string }[] = [
  { code: MotionOptionCode.For, position: 1, label: 'Tán thành' },
  { code: MotionOptionCode.Against, position: 2, label: 'Không tán thành' },
  { code: MotionOptionCode.Abstain, position: 3, label: 'Không biểu quyết' },
];
