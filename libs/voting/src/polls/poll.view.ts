import { formatRule, type MajorityRule } from '../rules/rule-spec.js';
import type { PollOptionEntity } from './poll-option.entity.js';
import type { PollEntity } from './poll.entity.js';
import { BallotMode, PollStatus, type MotionOptionCode, type PollKind } from './poll.enums.js';

export interface PollOptionView {
  id: string;
  position: number;
  label: string;
  code: MotionOptionCode | null;
  delegateId: string | null;
}

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
  result: Record<string, unknown> | null;
  /** Once published (GET one only). */
  ballots?: PublishedBallot[];
}

export interface PollResultView {
  pollId: string;
  meetingId: string;
  title: string;
  kind: PollKind;
  ballotMode: BallotMode;
  publishedAt: string;
  result: Record<string, unknown>;
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
      .map((o) => ({ id: o.id, position: o.position, label: o.label, code: o.code, delegateId: o.delegateId })),
    result: showResult || p.status === PollStatus.Published ? p.result : null,
  };
}

export function isSecret(p: { ballotMode: BallotMode }): boolean {
  return p.ballotMode === BallotMode.Secret;
}
