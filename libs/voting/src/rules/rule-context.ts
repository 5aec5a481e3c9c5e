import { DomainError } from '#core';
import { VotingErrorCode } from '../voting.errors.js';
import { meets, percent, votesNeeded, type Fraction } from './fraction.js';
import type { MajorityRule, RuleBase, RuleFraction } from './rule-spec.js';

/** Shared by motions, choice polls and elections: count checks, the quorum and the base. */
export interface RuleContext {
  quorumRequired: number;
  quorumMet: boolean;
  base: RuleBase;
  baseValue: number;
  /** Votes needed to reach the threshold; never below 1, nothing is adopted with zero votes. */
  required: number;
}

export function countsError(field: string, reason: string): DomainError {
  return new DomainError(VotingErrorCode.VOTE_COUNTS_INVALID, `Invalid vote counts: ${field} ${reason}`, [{ field, reason }]);
}

export function assertCount(field: string, value: unknown): asserts value is number {
  if (!Number.isSafeInteger(value) || (value as number) < 0) throw countsError(field, 'must be an integer >= 0');
}

/**
 * members = members with a voting right; present = of them, present or represented when the poll opened;
 * cast = ballots submitted (blank/abstaining ballots included).
 */
export function ruleContext(rule: MajorityRule, members: number, present: number, cast: number): RuleContext {
  assertCount('members', members);
  assertCount('present', present);
  if (members < 1) throw countsError('members', 'must be at least 1');
  if (present > members) throw countsError('present', `(${present}) is more than members (${members})`);
  if (cast > present) throw countsError('cast', `(${cast} ballots) is more than present (${present})`);
  const quorumRequired = rule.quorum ? votesNeeded(rule.quorum.kind, rule.quorum, members) : 0;
  const baseValue = rule.base === 'members' ? members : rule.base === 'present' ? present : cast;
  return {
    quorumRequired,
    quorumMet: present >= quorumRequired,
    base: rule.base,
    baseValue,
    required: Math.max(1, votesNeeded(rule.threshold.kind, rule.threshold, baseValue)),
  };
}

/** Whether votes reach the threshold (required already folds in the "at least one vote" floor). */
export function reaches(ctx: RuleContext, votes: number): boolean {
  return votes >= ctx.required;
}

export const BASE_LABEL: Record<RuleBase, { vi: string; en: string }> = {
  members: { vi: 'thành viên', en: 'members' },
  present: { vi: 'đại biểu có mặt', en: 'present' },
  cast: { vi: 'phiếu biểu quyết', en: 'votes cast' },
};

/** "> 1/2" when met, "≤ 1/2" when not (more_than); "≥ 2/3" / "< 2/3" (at_least). */
export function comparison(f: RuleFraction, met: boolean): string {
  const sign = f.kind === 'more_than' ? (met ? '>' : '≤') : met ? '≥' : '<';
  return `${sign} ${f.num}/${f.den}`;
}

export function share(votes: number, base: number): { vi: string; en: string } {
  return { vi: percent(votes, base, true), en: percent(votes, base, false) };
}

export function quorumLine(rule: MajorityRule, ctx: RuleContext, members: number, present: number): { vi: string; en: string } {
  const q = rule.quorum as RuleFraction;
  const met = meets(q.kind, q as Fraction, present, members);
  const cmp = comparison(q, met);
  const p = share(present, members);
  return {
    vi: `Có mặt ${present}/${members} thành viên (${p.vi}) ${cmp} (cần ${ctx.quorumRequired})`,
    en: `Present ${present}/${members} members (${p.en}) ${cmp} (needs ${ctx.quorumRequired})`,
  };
}
