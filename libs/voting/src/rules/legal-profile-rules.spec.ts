import { BodyKind, decisionTypeOf, LEGAL_PROFILES, meetsFloor, profileOf, type DecisionType } from '#legal';
import { evaluateMotion, type MotionChoice } from './evaluate-motion.js';
import { evaluateConfidence, confidenceBallotError } from './evaluate-confidence.js';
import { votesNeeded } from './fraction.js';
import type { MajorityRule } from './rule-spec.js';

const type = (kind: BodyKind, code?: string): DecisionType => {
  const t = decisionTypeOf(profileOf(kind), code);
  if (!t) throw new Error(`no decision type ${code} in ${kind}`);
  return t;
};
const ruleOf = (kind: BodyKind, code?: string): MajorityRule => type(kind, code).rule;

type Row = [profile: BodyKind, code: string | undefined, members: number, present: number, forV: number, against: number, abstain: number, chair: MotionChoice | null, outcome: string];

describe('legal profiles: motions decided as the law states (table from Law 72/2025/QH15, Law 2015 Art. 117, issue 20)', () => {
  const UBND = BodyKind.PeoplesCommittee;
  const HDND = BodyKind.PeoplesCouncil;
  const rows: Row[] = [
    // UBND, 15 members: more than half of ALL members = 8
    [UBND, undefined, 15, 15, 8, 7, 0, 'against', 'adopted'],
    [UBND, undefined, 15, 10, 8, 2, 0, null, 'adopted'],
    [UBND, undefined, 15, 15, 7, 6, 2, 'for', 'rejected'],
    // equal split: the side the Chair voted with decides (any equal split, chair_side_any)
    [UBND, undefined, 15, 14, 7, 7, 0, 'for', 'adopted'],
    [UBND, undefined, 15, 14, 7, 7, 0, 'against', 'rejected'],
    [UBND, undefined, 15, 15, 7, 7, 1, 'abstain', 'rejected'],
    [UBND, undefined, 14, 14, 7, 7, 0, 'for', 'adopted'],
    [UBND, undefined, 15, 10, 5, 5, 0, 'for', 'adopted'],
    [UBND, undefined, 15, 10, 0, 0, 10, null, 'rejected'],
    // quorum floor 2/3 of 15 = 10
    [UBND, undefined, 15, 9, 9, 0, 0, 'for', 'no_quorum'],
    // HĐND: more than half of ALL delegates, no casting vote
    [HDND, undefined, 15, 14, 7, 7, 0, 'for', 'rejected'],
    [HDND, undefined, 15, 15, 8, 7, 0, 'against', 'adopted'],
    [HDND, undefined, 16, 16, 8, 8, 0, 'for', 'rejected'],
    [HDND, undefined, 30, 20, 16, 4, 0, null, 'adopted'],
    [HDND, undefined, 30, 20, 15, 5, 0, null, 'rejected'],
    [HDND, undefined, 30, 19, 19, 0, 0, null, 'no_quorum'],
    // dismissal of a delegate (bãi nhiệm): at least 2/3 of ALL delegates
    [HDND, 'delegate_dismissal', 30, 30, 20, 10, 0, null, 'adopted'],
    [HDND, 'delegate_dismissal', 30, 30, 19, 11, 0, null, 'rejected'],
    [HDND, 'delegate_dismissal', 31, 31, 21, 10, 0, null, 'adopted'],
    [HDND, 'delegate_dismissal', 31, 31, 20, 11, 0, null, 'rejected'],
    // Thường trực HĐND: more than half of all members, no casting vote
    [BodyKind.CouncilStanding, undefined, 4, 4, 2, 2, 0, 'for', 'rejected'],
    [BodyKind.CouncilStanding, undefined, 4, 3, 3, 0, 0, null, 'adopted'],
  ];
  it.each(rows)('%s %s: %i members, %i present, %i-%i-%i, chair %s -> %s', (kind, code, members, present, f, a, ab, chair, outcome) => {
    const r = evaluateMotion({ members, present, counts: { for: f, against: a, abstain: ab }, chairVote: chair, rule: ruleOf(kind, code) });
    expect(r.outcome).toBe(outcome);
  });

  it('UBND 15 members: exactly 8 votes for are needed', () => {
    const rule = ruleOf(UBND);
    expect(evaluateMotion({ members: 15, present: 15, counts: { for: 8, against: 0, abstain: 7 }, chairVote: null, rule }).outcome).toBe('adopted');
    expect(evaluateMotion({ members: 15, present: 15, counts: { for: 7, against: 0, abstain: 8 }, chairVote: null, rule }).outcome).toBe('rejected');
  });

  it('a decisive equal split says the Chair decided, in both languages', () => {
    const r = evaluateMotion({ members: 15, present: 14, counts: { for: 7, against: 7, abstain: 0 }, chairVote: 'for', rule: ruleOf(UBND) });
    expect(r).toMatchObject({ tieDecisive: true, decidedBy: 'chair' });
    expect(r.arithmetic).toContain('theo ý kiến Chủ tịch');
  });
});

describe('legal profiles: quorum floors, proxies, substitutes, secrecy', () => {
  it.each([
    [BodyKind.PeoplesCommittee, 15, 10],
    [BodyKind.PeoplesCommittee, 16, 11],
    [BodyKind.PeoplesCouncil, 30, 20],
    [BodyKind.PeoplesCouncil, 31, 21],
    [BodyKind.CouncilStanding, 4, 3],
  ])('%s with %i members needs %i present', (kind, members, needed) => {
    const floor = profileOf(kind).quorumFloor;
    expect(floor).not.toBeNull();
    if (floor) expect(votesNeeded(floor.kind, floor, members)).toBe(needed);
    for (const t of profileOf(kind).decisionTypes) expect(meetsFloor(t.rule.quorum, floor)).toBe(true);
  });

  it('a quorum below the floor is not the floor', () => {
    const floor = profileOf(BodyKind.PeoplesCouncil).quorumFloor;
    expect(meetsFloor({ kind: 'at_least', num: 1, den: 2 }, floor)).toBe(false);
    expect(meetsFloor({ kind: 'more_than', num: 1, den: 2 }, floor)).toBe(false);
    expect(meetsFloor({ kind: 'at_least', num: 3, den: 4 }, floor)).toBe(true);
    expect(meetsFloor(null, floor)).toBe(false);
    expect(meetsFloor(null, profileOf(BodyKind.Other).quorumFloor)).toBe(true);
  });

  it.each([BodyKind.PeoplesCommittee, BodyKind.PeoplesCouncil, BodyKind.CouncilStanding])('%s: no proxies, locked, rules cite their source', (kind) => {
    const p = profileOf(kind);
    expect(p.proxies).toBe(false);
    expect(p.locked).toBe(true);
    expect(p.proxyBasis.length).toBeGreaterThan(10);
    for (const t of p.decisionTypes) expect(t.basis.length).toBeGreaterThan(10);
  });

  it.each(Object.values(LEGAL_PROFILES).map((p) => [p.kind, p.votingInvitationKinds] as const))('%s: only members are on the roll, never substitutes or guests', (_kind, kinds) => {
    expect(kinds).toEqual(['member']);
    expect(kinds).not.toContain('substitute');
    expect(kinds).not.toContain('guest');
  });

  it('HĐND: elections, removals, dismissals and confidence votes are secret; resolutions are not forced', () => {
    const p = profileOf(BodyKind.PeoplesCouncil);
    const secret = p.decisionTypes.filter((t) => t.ballot === 'secret').map((t) => t.code);
    expect(secret.sort()).toEqual(['confidence_rating', 'council_election', 'council_removal', 'delegate_dismissal', 'no_confidence_vote']);
    expect(type(BodyKind.PeoplesCouncil, 'council_resolution').ballot).toBe('either');
  });

  it('UBND ties follow the Chair on any equal split; HĐND and the standing committee have no casting vote', () => {
    expect(profileOf(BodyKind.PeoplesCommittee).tie).toBe('chair_side_any');
    expect(profileOf(BodyKind.PeoplesCouncil).tie).toBe('fails');
    expect(profileOf(BodyKind.CouncilStanding).tie).toBe('fails');
  });
});

describe('confidence votes (Resolution 96/2023/QH15): shares of ALL delegates and the consequence flags', () => {
  const thresholds = type(BodyKind.PeoplesCouncil, 'confidence_rating').confidence;
  if (!thresholds) throw new Error('confidence thresholds missing');
  const quorum = ruleOf(BodyKind.PeoplesCouncil, 'confidence_rating').quorum;
  const rate = (low: number, members = 30, present = 30, ballots = 30) =>
    evaluateConfidence({ mode: 'rating', members, present, ballots, quorum, officials: [{ subject: 1, name: 'A', counts: { high: ballots - low, medium: 0, low } }], thresholds }).officials[0];

  it.each([
    [15, []],
    [16, ['may_resign']],
    [19, ['may_resign']],
    [20, ['confidence_vote_proposal']],
    [30, ['confidence_vote_proposal']],
  ])('30 delegates, %i rate low -> %j', (low, flags) => {
    expect(rate(low).flags).toEqual(flags);
  });

  it('measures against all delegates, not ballots: 16 low of 25 ballots in a council of 40 flags nothing', () => {
    expect(rate(16, 40, 30, 25).flags).toEqual([]);
    expect(rate(16, 40, 30, 25).shares.low).toEqual({ vi: '40,00%', en: '40.00%' });
  });

  it('no-confidence: more than half of all delegates -> removal proposed', () => {
    const run = (noTrust: number) =>
      evaluateConfidence({ mode: 'no_confidence', members: 30, present: 30, ballots: 30, quorum, officials: [{ subject: 1, name: 'B', counts: { trust: 30 - noTrust, no_trust: noTrust } }], thresholds })
        .officials[0].flags;
    expect(run(15)).toEqual([]);
    expect(run(16)).toEqual(['dismissal_proposal']);
  });

  it('never says won or adopted; no quorum flags nothing', () => {
    const r = evaluateConfidence({ mode: 'rating', members: 30, present: 19, ballots: 19, quorum, officials: [{ subject: 1, name: 'C', counts: { low: 19 } }], thresholds });
    expect(r.outcome).toBe('no_quorum');
    expect(r.officials[0].flags).toEqual([]);
    expect(JSON.stringify(r)).not.toMatch(/won|adopted|Trúng/i);
  });

  it('refuses impossible counts and two levels for one official', () => {
    expect(() => evaluateConfidence({ mode: 'rating', members: 30, present: 30, ballots: 2, quorum, officials: [{ subject: 1, name: 'D', counts: { high: 2, low: 1 } }], thresholds })).toThrow();
    const subjects = new Map<string, number | null>([['a', 1], ['b', 1], ['c', 2]]);
    expect(confidenceBallotError(['a', 'c'], subjects)).toBeNull();
    expect(confidenceBallotError(['a', 'b'], subjects)).toMatch(/one level per official/);
    expect(confidenceBallotError(['x'], subjects)).toMatch(/Not an option/);
  });
});
