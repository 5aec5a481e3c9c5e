/**
 * The rule shapes the profiles are written in. They are structurally the voting library's MajorityRule (which
 * imports nothing from here), so a profile rule is a poll rule as it is.
 */
export type LegalBase = 'members' | 'present' | 'cast';
/**
 * What an equal split of for and against does in a motion:
 * - `chair_side`: the Chair's side decides only when for and against are each exactly half of the base (7-7 of 14);
 * - `chair_side_any`: the Chair's side decides any equal split with at least one vote on each side (7-7 of 15);
 * - `fails`: no casting vote; the motion stands or falls on the threshold alone.
 */
export type LegalTie = 'chair_side' | 'chair_side_any' | 'fails';

export interface LegalFraction {
  kind: 'more_than' | 'at_least';
  num: number;
  den: number;
}

export interface LegalRule {
  base: LegalBase;
  threshold: LegalFraction;
  quorum: LegalFraction | null;
  tie: LegalTie;
}

export interface Words {
  vi: string;
  en: string;
}

const frac = (f: LegalFraction): Words => {
  const half = f.num * 2 === f.den;
  const vi = half ? 'một nửa' : f.num * 3 === f.den * 2 ? 'hai phần ba' : f.num * 4 === f.den * 3 ? 'ba phần tư' : `${f.num}/${f.den}`;
  const en = half ? 'half' : f.num * 3 === f.den * 2 ? 'two thirds' : f.num * 4 === f.den * 3 ? 'three quarters' : `${f.num}/${f.den}`;
  return f.kind === 'more_than' ? { vi: `quá ${vi === 'một nửa' ? 'nửa' : vi}`, en: `more than ${en}` } : { vi: `ít nhất ${vi}`, en: `at least ${en}` };
};

/** The rule in words, Vietnamese and English: what the poll screens, results and minutes print. */
export function describeRule(rule: LegalRule, noun: Words = { vi: 'thành viên', en: 'members' }): Words {
  const t = frac(rule.threshold);
  const base: Words =
    rule.base === 'members'
      ? { vi: `tổng số ${noun.vi}`, en: `all ${noun.en}` }
      : rule.base === 'present'
        ? { vi: `số ${noun.vi} có mặt`, en: `the ${noun.en} present` }
        : { vi: 'số phiếu biểu quyết', en: 'the ballots cast' };
  const parts: Words[] = [{ vi: `Thông qua khi có ${t.vi} ${base.vi} tán thành`, en: `Adopted when ${t.en} of ${base.en} vote for` }];
  if (rule.quorum) {
    const q = frac(rule.quorum);
    parts.push({ vi: `cần ${q.vi} tổng số ${noun.vi} có mặt`, en: `needs ${q.en} of all ${noun.en} present` });
  } else {
    parts.push({ vi: 'không yêu cầu số có mặt tối thiểu', en: 'no quorum required' });
  }
  parts.push(describeTie(rule.tie, base));
  return { vi: parts.map((p) => p.vi).join('; '), en: parts.map((p) => p.en).join('; ') };
}

/** What an equal split does, in words (the bodies screen's profile summary and each rule in words). */
export function describeTie(tie: LegalTie, base: Words = { vi: 'tổng số thành viên', en: 'all members' }): Words {
  return tie === 'fails'
    ? { vi: 'không có phiếu quyết định của Chủ tọa khi ngang nhau', en: 'no casting vote on an equal split' }
    : tie === 'chair_side_any'
      ? { vi: 'khi số tán thành và không tán thành ngang nhau thì quyết định theo ý kiến mà Chủ tịch đã biểu quyết', en: 'on an equal split of for and against, the side the Chair voted with decides' }
      : { vi: `khi tán thành và không tán thành mỗi bên đúng một nửa ${base.vi} thì theo ý kiến Chủ tịch`, en: `when for and against are each exactly half of ${base.en}, the Chair's side decides` };
}
