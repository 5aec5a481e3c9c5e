import { createHash } from 'node:crypto';
import type { CountReportContent } from '#contracts';
import { percent } from '../rules/fraction.js';
import type { MajorityRule } from '../rules/rule-spec.js';

// the content type is the contract's: the server writes exactly what the web reads
export type { CountReportContent } from '#contracts';

const FRACTION_WORDS: Record<string, string> = { '1/2': 'một phần hai (1/2)', '2/3': 'hai phần ba (2/3)', '3/4': 'ba phần tư (3/4)' };
const BASE_WORDS: Record<string, string> = { members: 'tổng số thành viên', present: 'số thành viên có mặt', cast: 'số phiếu biểu quyết' };

/** A majority rule as a Vietnamese sentence for the report (Law 72/2025/QH15 wording: "quá một phần hai tổng số ..."). */
export function ruleInWords(rule: MajorityRule): string {
  const f = (x: { num: number; den: number }): string => FRACTION_WORDS[`${x.num}/${x.den}`] ?? `${x.num}/${x.den}`;
  const cmp = rule.threshold.kind === 'more_than' ? 'quá' : 'ít nhất';
  const quorum = rule.quorum ? `; túc số: có mặt ${rule.quorum.kind === 'more_than' ? 'quá' : 'ít nhất'} ${f(rule.quorum)} tổng số thành viên` : '';
  const tie = rule.tie === 'chair_side' ? '; khi số phiếu ngang nhau: theo ý kiến của chủ tọa' : '; khi số phiếu ngang nhau: không thông qua';
  return `Được thông qua/trúng cử khi đạt ${cmp} ${f(rule.threshold)} ${BASE_WORDS[rule.base] ?? rule.base}${quorum}${tie}`;
}

export interface CountInputs {
  poll: { id: string; meetingId: string; title: string; kind: string; membersCount: number | null; presentCount: number | null; eligibleCount: number | null; rule: MajorityRule };
  options: { id: string; label: string }[];
  ballots: string[][];
  result: Record<string, unknown>;
  committee: CountReportContent['committee'];
  custody: 'server' | 'committee';
  countedAt: Date;
}

export function buildCountReport(i: CountInputs): CountReportContent {
  const members = i.poll.membersCount ?? 0;
  const onRoll = i.poll.eligibleCount ?? 0;
  const returned = i.ballots.length;
  const votes = new Map(i.options.map((o) => [o.id, 0]));
  // every electronic ballot was checked at cast (known options, no duplicates, at most max choices): none is invalid
  let blank = 0;
  for (const b of i.ballots) {
    if (b.length === 0) blank++;
    for (const id of b) votes.set(id, (votes.get(id) ?? 0) + 1);
  }
  const choice = (i.result.choice ?? {}) as { winners?: string[] };
  const label = new Map(i.options.map((o) => [o.id, o.label]));
  return {
    pollId: i.poll.id,
    meetingId: i.poll.meetingId,
    title: i.poll.title,
    kind: i.poll.kind,
    members,
    onRoll,
    present: i.poll.presentCount ?? 0,
    issued: onRoll,
    returned,
    valid: returned,
    invalid: 0,
    blank,
    options: i.options.map((o) => {
      const v = votes.get(o.id) ?? 0;
      return { id: o.id, label: o.label, votes: v, ofMembers: percent(v, members, true), ofReturned: percent(v, returned, true) };
    }),
    ruleText: ruleInWords(i.poll.rule),
    arithmetic: typeof i.result.arithmetic === 'string' ? i.result.arithmetic.split(' | ')[0] : '',
    outcome: typeof i.result.outcome === 'string' ? i.result.outcome : '',
    winners: (choice.winners ?? []).map((id) => label.get(id) ?? id),
    committee: i.committee,
    custody: i.custody,
    countedAt: i.countedAt.toISOString(),
  };
}

/** sha256 of the content with keys sorted at every level: the same report always hashes the same. */
export function countReportHash(content: CountReportContent | Record<string, unknown>): string {
  return createHash('sha256').update(canonical(content)).digest('hex');
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}
