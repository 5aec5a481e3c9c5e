import { confidenceThresholdsOf } from '#legal';
import { evaluateChoice, evaluateElection } from '../rules/evaluate-choice.js';
import { evaluateConfidence, type ConfidenceGrade } from '../rules/evaluate-confidence.js';
import { evaluateMotion, type MotionChoice } from '../rules/evaluate-motion.js';
import type { PollOptionEntity } from './poll-option.entity.js';
import type { PollEntity } from './poll.entity.js';
import { PollKind } from './poll.enums.js';

export interface CountedBallot {
  choices: string[];
}

/**
 * The stored result of a closed poll: the counts and the rule engine's verdict with its arithmetic, on the
 * members / present counts frozen at open. `chairOptionId` is the chair's own named ballot (motions, tie rule
 * chair_side); for secret polls it is always null: the chair's side cannot be known, so a decisive tie counts as
 * "the chair did not vote" (rejected under chair_side), and the result says so.
 */
export function computeResult(
  poll: PollEntity,
  options: PollOptionEntity[],
  ballots: CountedBallot[],
  chairOptionId: string | null,
): Record<string, unknown> {
  const members = poll.membersCount ?? 0;
  const present = poll.presentCount ?? 0;
  const votes = new Map<string, number>(options.map((o) => [o.id, 0]));
  for (const b of ballots) for (const id of b.choices) votes.set(id, (votes.get(id) ?? 0) + 1);
  const base = { kind: poll.kind, cast: ballots.length, members, present, eligible: poll.eligibleCount };
  if (poll.kind === PollKind.Confidence || poll.kind === PollKind.NoConfidence) {
    const officials = new Map<number, { subject: number; name: string; counts: Partial<Record<ConfidenceGrade, number>> }>();
    for (const o of options) {
      if (o.subject === null || o.grade === null) continue;
      const entry = officials.get(o.subject) ?? { subject: o.subject, name: o.subjectName ?? o.label, counts: {} };
      entry.counts[o.grade as ConfidenceGrade] = votes.get(o.id) ?? 0;
      officials.set(o.subject, entry);
    }
    const result = evaluateConfidence({
      mode: poll.kind === PollKind.Confidence ? 'rating' : 'no_confidence',
      members,
      present,
      ballots: ballots.length,
      quorum: poll.rule.quorum,
      officials: [...officials.values()].sort((a, b) => a.subject - b.subject),
      thresholds: confidenceThresholdsOf(poll.decisionType),
    });
    return { ...base, confidence: result, outcome: result.outcome, arithmetic: result.arithmetic };
  }
  if (poll.kind === PollKind.Motion) {
    const byCode = (code: string): number => votes.get(options.find((o) => o.code === code)?.id ?? '') ?? 0;
    const chair = options.find((o) => o.id === chairOptionId)?.code ?? null;
    const result = evaluateMotion({
      members,
      present,
      counts: { for: byCode('for'), against: byCode('against'), abstain: byCode('abstain') },
      chairVote: chair as MotionChoice | null,
      rule: poll.rule,
    });
    return { ...base, chairVote: chair, chairVoteKnown: poll.ballotMode === 'named', motion: result, outcome: result.outcome, arithmetic: result.arithmetic };
  }
  const counts = options.map((o) => ({ id: o.id, label: o.label, votes: votes.get(o.id) ?? 0 }));
  const result =
    poll.kind === PollKind.Election
      ? evaluateElection({ members, present, ballots: ballots.length, candidates: counts, seats: poll.seats ?? 1, rule: poll.rule })
      : evaluateChoice({ members, present, ballots: ballots.length, options: counts, maxChoices: poll.maxChoices, rule: poll.rule });
  return { ...base, choice: result, outcome: result.outcome, arithmetic: result.arithmetic };
}
