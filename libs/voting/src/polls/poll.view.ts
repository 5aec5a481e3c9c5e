import type { PollOption, PollResult } from '#contracts';
import { describeConfidence, describeRule, findDecisionType } from '#legal';
import { formatRule, type MajorityRule } from '../rules/rule-spec.js';
import type { PollOptionEntity } from './poll-option.entity.js';
import type { PollEntity } from './poll.entity.js';
import { BallotMode, PollKind, PollStatus } from './poll.enums.js';

/** One option as sent: the contract's shape (confidence polls: the official `subject`, their name and the `grade`). */
export type PollOptionView = PollOption;

/** Published ballots: per delegate in named polls (byProxy: who cast it for them); secret polls: the receipts counted (sorted), never with choices. */
export type PublishedBallot = { delegateId: string; fullName: string; choices: string[]; byProxy?: { delegateId: string; fullName: string } } | { receipt: string };

export interface PollView {
  id: string;
  meetingId: string;
  agendaItemId: string | null;
  kind: PollKind;
  ballotMode: BallotMode;
  title: string;
  status: PollStatus;
  rule: MajorityRule;
  ruleText: string;
  /** The rule in words, as the law states it, and where it comes from. */
  ruleWords: { vi: string; en: string };
  decisionType: { code: string; label: { vi: string; en: string } } | null;
  legalBasis: string | null;
  /** An administrator's override of the profile rule, with its legal basis. */
  override: { basis: string; by: string | null } | null;
  allowChange: boolean;
  liveTallies: boolean;
  maxChoices: number;
  seats: number | null;
  countdownSeconds: number | null;
  openedAt: string | null;
  closesAt: string | null;
  closedAt: string | null;
  publishedAt: string | null;
  membersCount: number | null;
  presentCount: number | null;
  eligibleCount: number | null;
  options: PollOptionView[];
  /** Staff once closed; everyone once published. */
  result: PollResult | null;
  /** GET one only: everyone once published; staff already once closed for a named poll. */
  ballots?: PublishedBallot[];
}

export interface PollResultView {
  pollId: string;
  meetingId: string;
  title: string;
  kind: PollKind;
  ballotMode: BallotMode;
  publishedAt: string;
  result: PollResult;
}

/** The jsonb column holds what computeResult wrote (poll-result.ts), the shape the contract names PollResult. */
export function storedResult(result: Record<string, unknown>): PollResult;
export function storedResult(result: Record<string, unknown> | null): PollResult | null;
export function storedResult(result: Record<string, unknown> | null): PollResult | null {
  return result as PollResult | null;
}

const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);

export function toPollView(p: PollEntity, options: PollOptionEntity[], showResult: boolean): PollView {
  return {
    id: p.id,
    meetingId: p.meetingId,
    agendaItemId: p.agendaItemId,
    kind: p.kind,
    ballotMode: p.ballotMode,
    title: p.title,
    status: p.status,
    rule: p.rule,
    ruleText: formatRule(p.rule),
    ...legalView(p),
    allowChange: p.allowChange,
    liveTallies: p.liveTallies,
    maxChoices: p.maxChoices,
    seats: p.seats,
    countdownSeconds: p.countdownSeconds,
    openedAt: iso(p.openedAt),
    closesAt: iso(p.closesAt),
    closedAt: iso(p.closedAt),
    publishedAt: iso(p.publishedAt),
    membersCount: p.membersCount,
    presentCount: p.presentCount,
    eligibleCount: p.eligibleCount,
    options: [...options]
      .sort((a, b) => a.position - b.position)
      .map((o) => ({ id: o.id, position: o.position, label: o.label, code: o.code, delegateId: o.delegateId, subject: o.subject ?? null, subjectName: o.subjectName ?? null, grade: o.grade ?? null })),
    result: showResult || p.status === PollStatus.Published ? storedResult(p.result) : null,
  };
}

export function isSecret(p: { ballotMode: BallotMode }): boolean {
  return p.ballotMode === BallotMode.Secret;
}

/** The legal side of a poll: decision type, basis, override, and the rule in words. */
export function legalView(p: PollEntity): Pick<PollView, 'ruleWords' | 'decisionType' | 'legalBasis' | 'override'> {
  const found = findDecisionType(p.decisionType);
  const confidence = p.kind === PollKind.Confidence || p.kind === PollKind.NoConfidence;
  const ruleWords = confidence
    ? describeConfidence(p.kind === PollKind.Confidence ? 'confidence' : 'no_confidence', found?.decisionType.confidence)
    : describeRule(p.rule, found?.profile.memberNoun);
  return {
    ruleWords,
    decisionType: found ? { code: found.decisionType.code, label: found.decisionType.label } : null,
    legalBasis: p.legalBasis ?? null,
    override: p.overrideBasis ? { basis: p.overrideBasis, by: p.overrideBy ?? null } : null,
  };
}
