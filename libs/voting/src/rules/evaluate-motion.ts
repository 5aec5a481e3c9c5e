import { isOneHalf } from './fraction.js';
import { assertCount, BASE_LABEL, comparison, countsError, quorumLine, reaches, ruleContext, share, type RuleContext } from './rule-context.js';
import type { MajorityRule } from './rule-spec.js';

export type MotionChoice = 'for' | 'against' | 'abstain';
export type MotionOutcome = 'adopted' | 'rejected' | 'no_quorum';

export interface MotionCounts {
  for: number;
  against: number;
  /** "Không biểu quyết": a ballot that takes neither side. */
  abstain: number;
}

export interface MotionInput {
  /** Members of the body with a voting right ("tổng số thành viên"). */
  members: number;
  /** Of them, present or represented (proxy) when the poll opened; frozen on the poll. */
  present: number;
  counts: MotionCounts;
  /** How the chair voted; null/undefined when the chair did not vote or was absent. Already included in counts. */
  chairVote?: MotionChoice | null;
  rule: MajorityRule;
}

export interface MotionResult extends RuleContext {
  outcome: MotionOutcome;
  forVotes: number;
  againstVotes: number;
  abstainVotes: number;
  /** Ballots cast: for + against + abstain. */
  cast: number;
  /** for === against (0-0 included). */
  tie: boolean;
  /** The tie decided the outcome (see evaluateMotion); false for ties the threshold already settles. */
  tieDecisive: boolean;
  /** What settled the outcome. */
  decidedBy: 'quorum' | 'threshold' | 'chair' | 'tie_fails';
  /** One line in Vietnamese, " | ", the same in English. */
  arithmetic: string;
}

const OUTCOME_LABEL: Record<MotionOutcome, { vi: string; en: string }> = {
  adopted: { vi: 'Thông qua', en: 'Adopted' },
  rejected: { vi: 'Không thông qua', en: 'Rejected' },
  no_quorum: { vi: 'Không đủ túc số', en: 'No quorum' },
};

const CHAIR_LABEL: Record<MotionChoice | 'none', { vi: string; en: string }> = {
  for: { vi: 'Chủ tịch biểu quyết tán thành', en: 'the chair voted for' },
  against: { vi: 'Chủ tịch biểu quyết không tán thành', en: 'the chair voted against' },
  abstain: { vi: 'Chủ tịch không biểu quyết', en: 'the chair abstained' },
  none: { vi: 'Chủ tịch không tham gia biểu quyết', en: 'the chair did not vote' },
};

/**
 * Decides a motion ("biểu quyết thông qua").
 *
 * 1. Quorum: present must reach the quorum fraction of ALL members, else `no_quorum` whatever the votes.
 * 2. Threshold: adopted when `for` reaches the threshold of the base (integer arithmetic, see fraction.ts).
 * 3. Tie. `tie` is reported whenever for === against. It DECIDES the outcome only when the threshold is exactly
 *    one half and for and against each are exactly half of the base (2 * for === base, so nobody in the base
 *    abstained or stayed away): the one case where "more than half" / "at least half" cannot tell the sides
 *    apart (7-7 of 14 members). Then `chair_side` adopts iff the chair voted for, and rejects if the chair voted
 *    against, abstained or did not vote; `fails` rejects. With `chair_side_any` EVERY equal split with at least one
 *    vote each way is decided by the chair's side (7-7 of 15: the People's Committee profile, see #legal).
 *    Our reading for base `members` with abstentions or absences (6-6 of 14, 2 abstaining): the tie is reported but
 *    is not decisive, so the motion is rejected because 6 is not more than half of 14. The chair's casting
 *    side never adopts a decision that fewer than half of the base supported; the law's primary requirement
 *    ("quá nửa tổng số thành viên") stays the floor.
 */
export function evaluateMotion(input: MotionInput): MotionResult {
  const { members, present, counts, rule } = input;
  assertCount('counts.for', counts.for);
  assertCount('counts.against', counts.against);
  assertCount('counts.abstain', counts.abstain);
  const chairVote = input.chairVote ?? null;
  if (chairVote !== null && counts[chairVote] < 1) throw countsError('chairVote', `is "${chairVote}" but counts.${chairVote} is 0`);
  const cast = counts.for + counts.against + counts.abstain;
  const ctx = ruleContext(rule, members, present, cast);
  const tie = counts.for === counts.against;
  // chair_side_any: Law 2015 Art. 117(2) read literally, "biểu quyết tán thành và không tán thành ngang nhau" (any equal split)
  const tieDecisive =
    tie && counts.for > 0 && (rule.tie === 'chair_side_any' || (isOneHalf(rule.threshold) && 2 * counts.for === ctx.baseValue));

  let outcome: MotionOutcome;
  let decidedBy: MotionResult['decidedBy'];
  if (!ctx.quorumMet) {
    outcome = 'no_quorum';
    decidedBy = 'quorum';
  } else if (tieDecisive) {
    const chairDecides = rule.tie !== 'fails';
    outcome = chairDecides && chairVote === 'for' ? 'adopted' : 'rejected';
    decidedBy = chairDecides ? 'chair' : 'tie_fails';
  } else {
    outcome = reaches(ctx, counts.for) ? 'adopted' : 'rejected';
    decidedBy = 'threshold';
  }

  const result: MotionResult = {
    ...ctx,
    outcome,
    forVotes: counts.for,
    againstVotes: counts.against,
    abstainVotes: counts.abstain,
    cast,
    tie,
    tieDecisive,
    decidedBy,
    arithmetic: '',
  };
  result.arithmetic = motionArithmetic(input, result);
  return result;
}

function motionArithmetic(input: MotionInput, r: MotionResult): string {
  const o = OUTCOME_LABEL[r.outcome];
  if (r.outcome === 'no_quorum') {
    const q = quorumLine(input.rule, r, input.members, input.present);
    return `${q.vi} — ${o.vi} | ${q.en} — ${o.en}`;
  }
  const label = BASE_LABEL[r.base];
  const p = share(r.forVotes, r.baseValue);
  const head = { vi: `Tán thành ${r.forVotes}/${r.baseValue} ${label.vi} (${p.vi})`, en: `For ${r.forVotes}/${r.baseValue} ${label.en} (${p.en})` };
  if (r.tieDecisive) {
    const chair = CHAIR_LABEL[input.chairVote ?? 'none'];
    const how =
      r.decidedBy === 'chair'
        ? { vi: `ngang nhau, theo ý kiến Chủ tịch: ${chair.vi}`, en: `tie, the chair's side decides: ${chair.en}` }
        : { vi: 'ngang nhau, quy tắc: ngang nhau thì không thông qua', en: 'tie, rule: a tie fails' };
    return (
      `${head.vi} = Không tán thành ${r.againstVotes}; ${how.vi} — ${o.vi} | ` +
      `${head.en} = against ${r.againstVotes}; ${how.en} — ${o.en}`
    );
  }
  const cmp = comparison(input.rule.threshold, r.outcome === 'adopted');
  const tie = r.tie && r.cast > 0 ? { vi: `; ngang nhau ${r.forVotes}-${r.againstVotes} (không quyết định)`, en: `; tie ${r.forVotes}-${r.againstVotes} (not decisive)` } : { vi: '', en: '' };
  return `${head.vi} ${cmp} (cần ${r.required})${tie.vi} — ${o.vi} | ${head.en} ${cmp} (needs ${r.required})${tie.en} — ${o.en}`;
}
