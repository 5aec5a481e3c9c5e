import type { ConfidenceFlag, ConfidenceGrade } from '#contracts';
import { meets, percent, votesNeeded } from './fraction.js';
import { assertCount, countsError } from './rule-context.js';
import type { RuleFraction } from './rule-spec.js';

/** Lấy phiếu tín nhiệm: three levels per official; bỏ phiếu tín nhiệm: two (the unions are the contract's). */
export type { ConfidenceFlag, ConfidenceGrade };
export const RATING_GRADES: readonly ConfidenceGrade[] = ['high', 'medium', 'low'];
export const NO_CONFIDENCE_GRADES: readonly ConfidenceGrade[] = ['trust', 'no_trust'];

export const GRADE_LABEL: Record<ConfidenceGrade, { vi: string; en: string }> = {
  high: { vi: 'Tín nhiệm cao', en: 'High confidence' },
  medium: { vi: 'Tín nhiệm', en: 'Confidence' },
  low: { vi: 'Tín nhiệm thấp', en: 'Low confidence' },
  trust: { vi: 'Tín nhiệm', en: 'Confidence' },
  no_trust: { vi: 'Không tín nhiệm', en: 'No confidence' },
};

/** Consequences Resolution 96/2023/QH15 attaches to a result; none of them is "won" or "adopted". */
export const FLAG_LABEL: Record<ConfidenceFlag, { vi: string; en: string }> = {
  may_resign: {
    vi: 'Quá nửa đến dưới hai phần ba tổng số đại biểu đánh giá tín nhiệm thấp: có thể xin từ chức; nếu không xin từ chức thì trình bỏ phiếu tín nhiệm',
    en: 'More than half and less than two thirds of all delegates rated low confidence: may resign; otherwise a no-confidence vote is put',
  },
  dismissal_proposal: {
    vi: 'Đạt ngưỡng để cơ quan, người có thẩm quyền giới thiệu trình miễn nhiệm',
    en: 'Reaches the threshold for the nominating body to propose removal from office',
  },
};

export interface ConfidenceThresholdsInput {
  mayResignLow: RuleFraction;
  dismissLow: RuleFraction;
  dismissNoConfidence: RuleFraction;
}

export interface ConfidenceInput {
  mode: 'rating' | 'no_confidence';
  /** ALL delegates of the council (the base of every share, Resolution 96/2023/QH15). */
  members: number;
  present: number;
  ballots: number;
  quorum: RuleFraction | null;
  officials: { subject: number; name: string; counts: Partial<Record<ConfidenceGrade, number>> }[];
  thresholds: ConfidenceThresholdsInput;
}

export interface OfficialResult {
  subject: number;
  name: string;
  counts: Partial<Record<ConfidenceGrade, number>>;
  /** Shares of ALL delegates, "12,50%" style in vi and "12.50%" in en. */
  shares: Partial<Record<ConfidenceGrade, { vi: string; en: string }>>;
  /** Ballots that rated nobody at this level for this official (left blank for them). */
  notRated: number;
  flags: ConfidenceFlag[];
  arithmetic: string;
}

export interface ConfidenceResult {
  outcome: 'counted' | 'no_quorum';
  mode: 'rating' | 'no_confidence';
  members: number;
  present: number;
  ballots: number;
  quorumRequired: number;
  officials: OfficialResult[];
  arithmetic: string;
}

/**
 * Counts a confidence rating (lấy phiếu tín nhiệm) or a no-confidence vote (bỏ phiếu tín nhiệm): per official, the
 * count and share of ALL delegates at each level, and the Resolution 96/2023/QH15 consequence flags. Nothing here
 * is "adopted" or "won": the result is reported, the consequences are for the bodies named in the resolution.
 */
export function evaluateConfidence(input: ConfidenceInput): ConfidenceResult {
  const { members, present, ballots, thresholds } = input;
  assertCount('members', members);
  assertCount('present', present);
  assertCount('ballots', ballots);
  if (members < 1) throw countsError('members', 'must be at least 1');
  if (present > members) throw countsError('present', `(${present}) is more than members (${members})`);
  if (ballots > present) throw countsError('ballots', `(${ballots}) is more than present (${present})`);
  const grades = input.mode === 'rating' ? RATING_GRADES : NO_CONFIDENCE_GRADES;
  const quorumRequired = input.quorum ? votesNeeded(input.quorum.kind, input.quorum, members) : 0;
  const quorumMet = present >= quorumRequired;
  const officials = input.officials.map((o, i): OfficialResult => {
    let rated = 0;
    const counts: Partial<Record<ConfidenceGrade, number>> = {};
    const shares: OfficialResult['shares'] = {};
    for (const g of grades) {
      const n = o.counts[g] ?? 0;
      assertCount(`officials[${i}].counts.${g}`, n);
      counts[g] = n;
      shares[g] = { vi: percent(n, members, true), en: percent(n, members, false) };
      rated += n;
    }
    if (rated > ballots) throw countsError(`officials[${i}]`, `has ${rated} ratings, more than the ${ballots} ballots`);
    const flags: ConfidenceFlag[] = [];
    if (quorumMet) {
      if (input.mode === 'rating') {
        const low = counts.low ?? 0;
        // Resolution 96/2023/QH15 (replacing Resolution 85/2014, which put a no-confidence vote at 2/3): from 2/3 of ALL delegates "tín nhiệm thấp" removal is proposed; more than half up to that, may resign, else a no-confidence vote
        if (meets(thresholds.dismissLow.kind, thresholds.dismissLow, low, members)) flags.push('dismissal_proposal');
        else if (meets(thresholds.mayResignLow.kind, thresholds.mayResignLow, low, members)) flags.push('may_resign');
      } else if (meets(thresholds.dismissNoConfidence.kind, thresholds.dismissNoConfidence, counts.no_trust ?? 0, members)) {
        // Resolution 96/2023/QH15: more than half of ALL delegates "không tín nhiệm": removal is proposed
        flags.push('dismissal_proposal');
      }
    }
    const parts = grades.map((g) => ({ vi: `${GRADE_LABEL[g].vi} ${counts[g]}/${members} (${shares[g]?.vi})`, en: `${GRADE_LABEL[g].en} ${counts[g]}/${members} (${shares[g]?.en})` }));
    const flagText = flags.map((f) => FLAG_LABEL[f]);
    return {
      subject: o.subject,
      name: o.name,
      counts,
      shares,
      notRated: ballots - rated,
      flags,
      arithmetic:
        `${o.name}: ${parts.map((p) => p.vi).join('; ')}${flagText.length ? ` — ${flagText.map((f) => f.vi).join('; ')}` : ''} | ` +
        `${o.name}: ${parts.map((p) => p.en).join('; ')}${flagText.length ? ` — ${flagText.map((f) => f.en).join('; ')}` : ''}`,
    };
  });
  const head = quorumMet
    ? {
        vi: `Tỷ lệ tính trên tổng số ${members} đại biểu; ${ballots} phiếu; ${present} đại biểu có mặt`,
        en: `Shares of all ${members} delegates; ${ballots} ballots; ${present} present`,
      }
    : { vi: `Có mặt ${present}/${members} (cần ${quorumRequired}) — Không đủ túc số`, en: `Present ${present}/${members} (needs ${quorumRequired}) — No quorum` };
  return { outcome: quorumMet ? 'counted' : 'no_quorum', mode: input.mode, members, present, ballots, quorumRequired, officials, arithmetic: `${head.vi} | ${head.en}` };
}

/** A confidence ballot marks at most one level per official; null when fine, else the reason. */
export function confidenceBallotError(choices: string[], subjectOf: Map<string, number | null>): string | null {
  const seen = new Set<number>();
  for (const c of choices) {
    const s = subjectOf.get(c);
    if (s === undefined || s === null) return 'Not an option of this poll';
    if (seen.has(s)) return 'A confidence ballot marks one level per official';
    seen.add(s);
  }
  return null;
}
