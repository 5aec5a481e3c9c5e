import { BodyKind } from './body-kind.js';
import type { DecisionTypeView } from '#contracts';
import { describeRule, type LegalFraction, type LegalRule, type LegalTie, type Words } from './legal-rule.js';

/** Poll kinds a decision type may use (the voting library's PollKind values). */
export type LegalPollKind = 'motion' | 'choice' | 'election' | 'confidence' | 'no_confidence';
/** `secret`: the law requires a secret ballot, never overridable; `either`: the body decides per vote. */
export type BallotRequirement = 'secret' | 'either';

/** Consequences Resolution 96/2023/QH15 attaches to a confidence result, measured against ALL delegates. */
export interface ConfidenceThresholds {
  /** lấy phiếu: "tín nhiệm thấp" from more than this share (and below `dismissLow`): may resign, else a no-confidence vote is put. */
  mayResignLow: LegalFraction;
  /** lấy phiếu: "tín nhiệm thấp" at or above this share: the nominating body proposes removal (Resolution 96/2023/QH15; Resolution 85/2014 had put a no-confidence vote here). */
  dismissLow: LegalFraction;
  /** bỏ phiếu: "không tín nhiệm" above this share: the nominating body proposes dismissal. */
  dismissNoConfidence: LegalFraction;
}

export interface DecisionType {
  code: string;
  label: Words;
  pollKinds: LegalPollKind[];
  rule: LegalRule;
  ballot: BallotRequirement;
  /** The document and article the rule comes from, as printed on screens and in the minutes. */
  basis: string;
  /** The text could not be read through the search tool: the rule follows issue 20 and the 2015 law; to verify. */
  toVerify: boolean;
  confidence?: ConfidenceThresholds;
}

export interface LegalProfile {
  kind: BodyKind;
  label: Words;
  /** What the members are called ("thành viên", "đại biểu"). */
  memberNoun: Words;
  /** false for `other`: the body's charter governs and nothing is locked. */
  locked: boolean;
  /** Meeting and poll quorum floor as a share of ALL members; null = none imposed by law. */
  quorumFloor: LegalFraction | null;
  quorumBasis: string;
  /** Proxy voting ("ủy quyền biểu quyết"): never in the statutory bodies. */
  proxies: boolean;
  proxyBasis: string;
  /** Invitation kinds that are on a poll's roll and count toward quorum; substitutes and guests never are. */
  votingInvitationKinds: readonly string[];
  tie: LegalTie;
  tieBasis: string;
  decisionTypes: DecisionType[];
  defaultDecisionType: string;
  /** Written opinion rounds (lấy ý kiến thành viên bằng văn bản); null = the body has none by law. */
  writtenRound: { rule: LegalRule; basis: string; toVerify: boolean } | null;
}

const HALF: LegalFraction = Object.freeze({ kind: 'more_than', num: 1, den: 2 });
const TWO_THIRDS: LegalFraction = Object.freeze({ kind: 'at_least', num: 2, den: 3 });

const L72 = 'Luật Tổ chức chính quyền địa phương số 72/2025/QH15';
const L2015 = 'Luật Tổ chức chính quyền địa phương 2015';
const NQ96 = 'Nghị quyết 96/2023/QH15';

/** Only members vote and count; `substitute` (người dự thay) and `guest` never do (Law 72/2025/QH15 and the working regulations give them no vote). */
const MEMBERS_ONLY = Object.freeze(['member']);

// Resolution 96/2023/QH15 (lấy phiếu, bỏ phiếu tín nhiệm): both by secret ballot, shares of ALL delegates
const CONFIDENCE: ConfidenceThresholds = Object.freeze({
  mayResignLow: HALF,
  dismissLow: TWO_THIRDS,
  dismissNoConfidence: HALF,
});

// Law 72/2025/QH15 / Law 2015 Art. 114(3) and 117(2): quorum 2/3 of members; more than half of ALL members; on an equal split the Chair's side
const UBND_RULE: LegalRule = Object.freeze({ base: 'members', threshold: HALF, quorum: TWO_THIRDS, tie: 'chair_side_any' }) as LegalRule;
// Law 72/2025/QH15 Art. 34, 35(2): session quorum 2/3 of delegates; a resolution needs more than half of ALL delegates; no casting vote
const HDND_RULE: LegalRule = Object.freeze({ base: 'members', threshold: HALF, quorum: TWO_THIRDS, tie: 'fails' }) as LegalRule;
// Law 72/2025/QH15 Art. 35(2): dismissing a delegate (bãi nhiệm) needs at least 2/3 of ALL delegates
const HDND_TWO_THIRDS: LegalRule = Object.freeze({ base: 'members', threshold: TWO_THIRDS, quorum: TWO_THIRDS, tie: 'fails' }) as LegalRule;
// Decree 314/2025/ND-CP (model UBND working regulation): a written round passes with more than half of ALL members agreeing; no quorum
const WRITTEN_ROUND: LegalRule = Object.freeze({ base: 'members', threshold: HALF, quorum: null, tie: 'fails' }) as LegalRule;

const UBND: LegalProfile = {
  kind: BodyKind.PeoplesCommittee,
  label: { vi: 'Ủy ban nhân dân (UBND)', en: "People's Committee (UBND)" },
  memberNoun: { vi: 'thành viên', en: 'members' },
  locked: true,
  quorumFloor: TWO_THIRDS,
  quorumBasis: `${L72} và Nghị định 314/2025/NĐ-CP (cần đối chiếu); ${L2015}, Điều 114 khoản 3: "Phiên họp Ủy ban nhân dân chỉ được tiến hành khi có ít nhất hai phần ba tổng số thành viên Ủy ban nhân dân tham dự."`,
  proxies: false,
  proxyBasis: `${L2015}, Điều 114 khoản 2 và Điều 117 khoản 1: thành viên tham dự và tự biểu quyết; quy chế làm việc không quy định ủy quyền biểu quyết (cần đối chiếu Nghị định 314/2025/NĐ-CP)`,
  votingInvitationKinds: MEMBERS_ONLY,
  tie: 'chair_side_any',
  tieBasis: `${L2015}, Điều 117 khoản 2 (cần đối chiếu ${L72} và Nghị định 314/2025/NĐ-CP): "Trường hợp biểu quyết tán thành và không tán thành ngang nhau thì quyết định theo ý kiến mà Chủ tịch Ủy ban nhân dân đã biểu quyết."`,
  decisionTypes: [
    {
      code: 'committee_decision',
      label: { vi: 'Quyết định tập thể UBND', en: 'Collective decision of the Committee' },
      pollKinds: ['motion', 'choice'],
      rule: UBND_RULE,
      ballot: 'either',
      basis: `${L2015}, Điều 117 khoản 2; ${L72} và Nghị định 314/2025/NĐ-CP (cần đối chiếu)`,
      toVerify: true,
    },
  ],
  defaultDecisionType: 'committee_decision',
  writtenRound: { rule: WRITTEN_ROUND, basis: 'Nghị định 314/2025/NĐ-CP, quy chế làm việc mẫu của UBND (cần đối chiếu)', toVerify: true },
};

const HDND: LegalProfile = {
  kind: BodyKind.PeoplesCouncil,
  label: { vi: 'Hội đồng nhân dân (HĐND)', en: "People's Council (HĐND)" },
  memberNoun: { vi: 'đại biểu', en: 'delegates' },
  locked: true,
  quorumFloor: TWO_THIRDS,
  quorumBasis: `${L72}, Điều 34 (kỳ họp HĐND: ít nhất hai phần ba tổng số đại biểu tham gia; cần đối chiếu khoản); Nghị quyết 103/2025/UBTVQH15, 104/2025/UBTVQH15`,
  proxies: false,
  proxyBasis: 'Nghị quyết 103/2025/UBTVQH15 và 104/2025/UBTVQH15 (quy chế làm việc của HĐND): đại biểu không biểu quyết thay đại biểu khác (cần đối chiếu)',
  votingInvitationKinds: MEMBERS_ONLY,
  tie: 'fails',
  tieBasis: `${L72}, Điều 35 khoản 2: nghị quyết phải được quá nửa tổng số đại biểu tán thành; không có phiếu quyết định của Chủ tọa`,
  decisionTypes: [
    {
      code: 'council_resolution',
      label: { vi: 'Nghị quyết của HĐND', en: 'Council resolution' },
      pollKinds: ['motion', 'choice'],
      rule: HDND_RULE,
      ballot: 'either',
      basis: `${L72}, Điều 35 khoản 2`,
      toVerify: true,
    },
    {
      code: 'council_election',
      label: { vi: 'Bầu chức danh (bỏ phiếu kín)', en: 'Election to an office (secret ballot)' },
      pollKinds: ['election'],
      rule: HDND_RULE,
      ballot: 'secret',
      basis: `${L72}, Điều 35 (bầu, miễn nhiệm, bãi nhiệm, lấy phiếu và bỏ phiếu tín nhiệm bằng bỏ phiếu kín)`,
      toVerify: true,
    },
    {
      code: 'council_removal',
      label: { vi: 'Miễn nhiệm (bỏ phiếu kín)', en: 'Removal from office (secret ballot)' },
      pollKinds: ['motion'],
      rule: HDND_RULE,
      ballot: 'secret',
      basis: `${L72}, Điều 35`,
      toVerify: true,
    },
    {
      code: 'delegate_dismissal',
      label: { vi: 'Bãi nhiệm đại biểu HĐND (ít nhất 2/3)', en: 'Dismissal of a delegate (at least 2/3)' },
      pollKinds: ['motion'],
      rule: HDND_TWO_THIRDS,
      ballot: 'secret',
      basis: `${L72}, Điều 35 khoản 2: bãi nhiệm đại biểu HĐND phải được ít nhất hai phần ba tổng số đại biểu tán thành`,
      toVerify: true,
    },
    {
      code: 'confidence_rating',
      label: { vi: 'Lấy phiếu tín nhiệm', en: 'Confidence rating (three levels)' },
      pollKinds: ['confidence'],
      rule: HDND_RULE,
      ballot: 'secret',
      basis: `${NQ96} (lấy phiếu tín nhiệm: tín nhiệm cao / tín nhiệm / tín nhiệm thấp; quá nửa đến dưới hai phần ba tổng số đại biểu đánh giá tín nhiệm thấp thì có thể xin từ chức, nếu không thì trình bỏ phiếu tín nhiệm; từ hai phần ba trở lên thì cơ quan, người có thẩm quyền giới thiệu trình miễn nhiệm)`,
      toVerify: true,
      confidence: CONFIDENCE,
    },
    {
      code: 'no_confidence_vote',
      label: { vi: 'Bỏ phiếu tín nhiệm', en: 'No-confidence vote' },
      pollKinds: ['no_confidence'],
      rule: HDND_RULE,
      ballot: 'secret',
      basis: `${NQ96} (bỏ phiếu tín nhiệm: quá nửa tổng số đại biểu bỏ phiếu không tín nhiệm thì trình miễn nhiệm)`,
      toVerify: true,
      confidence: CONFIDENCE,
    },
  ],
  defaultDecisionType: 'council_resolution',
  writtenRound: null,
};

const STANDING: LegalProfile = {
  kind: BodyKind.CouncilStanding,
  label: { vi: 'Thường trực HĐND', en: 'Standing Committee of the Council' },
  memberNoun: { vi: 'thành viên', en: 'members' },
  locked: true,
  quorumFloor: TWO_THIRDS,
  quorumBasis: `${L72}, Điều 29 và Nghị quyết 103/2025/UBTVQH15, 104/2025/UBTVQH15 (cần đối chiếu)`,
  proxies: false,
  proxyBasis: 'Nghị quyết 103/2025/UBTVQH15 và 104/2025/UBTVQH15 (cần đối chiếu)',
  votingInvitationKinds: MEMBERS_ONLY,
  tie: 'fails',
  tieBasis: 'Nghị quyết 103/2025/UBTVQH15 và 104/2025/UBTVQH15: quyết định theo đa số tổng số thành viên (cần đối chiếu)',
  decisionTypes: [
    {
      code: 'standing_decision',
      label: { vi: 'Quyết định của Thường trực HĐND', en: 'Decision of the Standing Committee' },
      pollKinds: ['motion', 'choice'],
      rule: HDND_RULE,
      ballot: 'either',
      basis: 'Nghị quyết 103/2025/UBTVQH15 và 104/2025/UBTVQH15 (cần đối chiếu)',
      toVerify: true,
    },
  ],
  defaultDecisionType: 'standing_decision',
  writtenRound: { rule: WRITTEN_ROUND, basis: 'Nghị quyết 103/2025/UBTVQH15 và 104/2025/UBTVQH15 (cần đối chiếu)', toVerify: true },
};

const OTHER: LegalProfile = {
  kind: BodyKind.Other,
  label: { vi: 'Tổ chức khác (theo điều lệ, quy chế riêng)', en: 'Other body (its own charter)' },
  memberNoun: { vi: 'thành viên', en: 'members' },
  locked: false,
  quorumFloor: null,
  quorumBasis: 'Điều lệ, quy chế làm việc của tổ chức',
  proxies: true,
  proxyBasis: 'Điều lệ, quy chế làm việc của tổ chức',
  votingInvitationKinds: MEMBERS_ONLY,
  tie: 'chair_side',
  tieBasis: 'Điều lệ, quy chế làm việc của tổ chức',
  decisionTypes: [
    {
      code: 'charter_decision',
      label: { vi: 'Quyết định theo điều lệ', en: 'Decision under the charter' },
      pollKinds: ['motion', 'choice', 'election', 'confidence', 'no_confidence'],
      rule: { ...UBND_RULE, tie: 'chair_side' },
      ballot: 'either',
      basis: 'Điều lệ, quy chế làm việc của tổ chức',
      toVerify: false,
      confidence: CONFIDENCE,
    },
  ],
  defaultDecisionType: 'charter_decision',
  writtenRound: { rule: WRITTEN_ROUND, basis: 'Điều lệ, quy chế làm việc của tổ chức', toVerify: false },
};

export const LEGAL_PROFILES: Readonly<Record<BodyKind, LegalProfile>> = Object.freeze({
  [BodyKind.PeoplesCommittee]: UBND,
  [BodyKind.PeoplesCouncil]: HDND,
  [BodyKind.CouncilStanding]: STANDING,
  [BodyKind.Other]: OTHER,
});

export function profileOf(kind: BodyKind | string | null | undefined): LegalProfile {
  return LEGAL_PROFILES[(kind as BodyKind) ?? BodyKind.Other] ?? OTHER;
}

export function decisionTypeOf(profile: LegalProfile, code: string | null | undefined): DecisionType | undefined {
  return profile.decisionTypes.find((d) => d.code === (code ?? profile.defaultDecisionType));
}

/** Whether `f` is at least the floor (n/d >= floor, kind at_least; a more_than quorum of the same value is stricter). */
export function meetsFloor(f: LegalFraction | null, floor: LegalFraction | null): boolean {
  if (!floor) return true;
  if (!f) return false;
  const lhs = f.num * floor.den;
  const rhs = floor.num * f.den;
  return lhs > rhs || (lhs === rhs && (f.kind === 'more_than' || floor.kind === 'at_least'));
}

/** Two rules are the same rule (the profile's) or not (an override). */
export function sameRule(a: LegalRule, b: LegalRule): boolean {
  const eq = (x: LegalFraction | null, y: LegalFraction | null): boolean => (x && y ? x.kind === y.kind && x.num * y.den === y.num * x.den : x === y);
  return a.base === b.base && a.tie === b.tie && eq(a.threshold, b.threshold) && eq(a.quorum, b.quorum);
}

/** The profile and decision type a stored poll's decision type code belongs to (codes are unique across profiles). */
export function findDecisionType(code: string | null | undefined): { profile: LegalProfile; decisionType: DecisionType } | null {
  if (!code) return null;
  for (const profile of Object.values(LEGAL_PROFILES)) {
    const decisionType = profile.decisionTypes.find((d) => d.code === code);
    if (decisionType) return { profile, decisionType };
  }
  return null;
}

/** Resolution 96/2023/QH15 thresholds, whatever the profile (bodies of kind `other` reuse them). */
export function confidenceThresholdsOf(code: string | null | undefined): ConfidenceThresholds {
  return findDecisionType(code)?.decisionType.confidence ?? CONFIDENCE;
}

/** A confidence poll's rule in words: shares of ALL delegates and the consequences. */
export function describeConfidence(kind: 'confidence' | 'no_confidence', t: ConfidenceThresholds = CONFIDENCE): Words {
  const f = (x: LegalFraction): string => `${x.num}/${x.den}`;
  return kind === 'confidence'
    ? {
        vi: `Mỗi người được lấy phiếu được đánh giá ở một trong ba mức: tín nhiệm cao, tín nhiệm, tín nhiệm thấp; tỷ lệ tính trên tổng số đại biểu; quá ${f(t.mayResignLow)} đến dưới ${f(t.dismissLow)} tổng số đại biểu đánh giá tín nhiệm thấp: có thể xin từ chức, nếu không thì trình bỏ phiếu tín nhiệm; từ ${f(t.dismissLow)} trở lên: trình miễn nhiệm; bỏ phiếu kín`,
        en: `Each official is rated high confidence, confidence or low confidence; shares of ALL delegates; low confidence from more than ${f(t.mayResignLow)} to under ${f(t.dismissLow)} of all delegates: may resign, otherwise a no-confidence vote is put; ${f(t.dismissLow)} or more: removal from office is proposed; secret ballot`,
      }
    : {
        vi: `Mỗi người được bỏ phiếu: tín nhiệm hoặc không tín nhiệm; tỷ lệ tính trên tổng số đại biểu; quá ${f(t.dismissNoConfidence)} tổng số đại biểu không tín nhiệm: trình miễn nhiệm; bỏ phiếu kín`,
        en: `Each official: confidence or no confidence; shares of ALL delegates; no confidence from more than ${f(t.dismissNoConfidence)} of all delegates: removal proposed; secret ballot`,
      };
}

/** The profile's decision types as the poll form offers them: the rule in words (a confidence poll's own words) and its basis. */
export function decisionTypeViews(p: LegalProfile): DecisionTypeView[] {
  return p.decisionTypes.map((d) => {
    const only = d.pollKinds.length === 1 ? d.pollKinds[0] : null;
    const rule = only === 'confidence' || only === 'no_confidence' ? describeConfidence(only, d.confidence) : describeRule(d.rule, p.memberNoun);
    return { code: d.code, label: d.label, pollKinds: [...d.pollKinds], secret: d.ballot === 'secret', rule, basis: d.basis, toVerify: d.toVerify };
  });
}
