import { DomainError } from '#core';
import { VotingErrorCode } from '../voting.errors.js';
import { evaluateMotion, type MotionChoice, type MotionOutcome } from './evaluate-motion.js';
import { parseRule } from './rule-spec.js';

const PC = 'members>1/2;quorum>=2/3;tie=chair_side';

type Row = [string, string, number, number, number, number, number, MotionChoice | null, MotionOutcome, number, boolean];

function run(rule: string, members: number, present: number, f: number, a: number, ab: number, chairVote: MotionChoice | null = null) {
  return evaluateMotion({ members, present, counts: { for: f, against: a, abstain: ab }, chairVote, rule: parseRule(rule) });
}

describe('evaluateMotion', () => {
  // name, rule, members, present, for, against, abstain, chair, outcome, required, tieDecisive
  it.each<Row>([
    // People's Committee default: more than half of ALL members
    ['9 of 15: adopted', PC, 15, 15, 9, 6, 0, 'for', 'adopted', 8, false],
    ['8 of 15 (just over half): adopted', PC, 15, 15, 8, 7, 0, 'against', 'adopted', 8, false],
    ['7 of 15: rejected', PC, 15, 15, 7, 8, 0, 'for', 'rejected', 8, false],
    ['majority of present but not of members: rejected', PC, 15, 12, 7, 3, 2, 'for', 'rejected', 8, false],
    ['8 of 14 (more than half): adopted', PC, 14, 14, 8, 6, 0, null, 'adopted', 8, false],
    ['7 of 14 is exactly half, not more: rejected without tie', PC, 14, 12, 7, 3, 2, 'for', 'rejected', 8, false],
    ['abstentions count against under base members', PC, 15, 15, 7, 1, 7, 'for', 'rejected', 8, false],
    // ties under base members
    ['7-7 of 14, chair for: adopted on the chair\'s side', PC, 14, 14, 7, 7, 0, 'for', 'adopted', 8, true],
    ['7-7 of 14, chair against: rejected', PC, 14, 14, 7, 7, 0, 'against', 'rejected', 8, true],
    ['7-7 of 14, chair did not vote (not a member / absent): rejected', PC, 14, 14, 7, 7, 0, null, 'rejected', 8, true],
    ['6-6 of 14 with 2 absent, chair for: tie not decisive, rejected', PC, 14, 12, 6, 6, 0, 'for', 'rejected', 8, false],
    ['6-6-2 of 14, chair for: tie not decisive, rejected', PC, 14, 14, 6, 6, 2, 'for', 'rejected', 8, false],
    ['7-7 of 14 with tie=fails, chair for: rejected', 'members>1/2;tie=fails', 14, 14, 7, 7, 0, 'for', 'rejected', 8, true],
    // quorum: at least 2/3 of members
    ['15 members, 10 present: quorum exactly met', PC, 15, 10, 9, 1, 0, 'for', 'adopted', 8, false],
    ['15 members, 9 present: no quorum even with 9 for', PC, 15, 9, 9, 0, 0, 'for', 'no_quorum', 8, false],
    ['14 members, 9 present: no quorum (needs 10)', PC, 14, 9, 9, 0, 0, null, 'no_quorum', 8, false],
    ['14 members, 10 present: quorum met', PC, 14, 10, 8, 2, 0, null, 'adopted', 8, false],
    ['quorum more than 1/2: 7 of 14 is not enough', 'present>1/2;quorum>1/2', 14, 7, 7, 0, 0, null, 'no_quorum', 4, false],
    ['no quorum rule: 3 of 15 present decide', 'present>1/2;quorum=none', 15, 3, 2, 1, 0, null, 'adopted', 2, false],
    // base present
    ['present: 7 of 12 present', 'present>1/2', 15, 12, 7, 3, 2, null, 'adopted', 7, false],
    ['present: 6 of 12 is not more than half', 'present>1/2', 15, 12, 6, 5, 1, 'for', 'rejected', 7, false],
    ['present: 6-6 of 12, chair for: adopted', 'present>1/2', 15, 12, 6, 6, 0, 'for', 'adopted', 7, true],
    ['present: 6-6 of 12, chair against: rejected', 'present>1/2', 15, 12, 6, 6, 0, 'against', 'rejected', 7, true],
    ['present: 5-5-2 of 12, chair for: not decisive', 'present>1/2', 15, 12, 5, 5, 2, 'for', 'rejected', 7, false],
    ['present, at least 1/2: 6-6 of 12, chair against: the tie decides, rejected', 'present>=1/2', 15, 12, 6, 6, 0, 'against', 'rejected', 6, true],
    ['present, at least 1/2: 6-6 of 12, chair for: adopted', 'present>=1/2', 15, 12, 6, 6, 0, 'for', 'adopted', 6, true],
    ['present, at least 1/2: 6-5-1 of 12: adopted', 'present>=1/2', 15, 12, 6, 5, 1, null, 'adopted', 6, false],
    // base cast (abstentions are ballots)
    ['cast: 6 of 10 cast', 'cast>1/2', 15, 12, 6, 4, 0, null, 'adopted', 6, false],
    ['cast: 5-4-3, 5 of 12 cast', 'cast>1/2', 15, 12, 5, 4, 3, null, 'rejected', 7, false],
    ['cast: 5-5 of 10, chair for: adopted', 'cast>1/2', 15, 12, 5, 5, 0, 'for', 'adopted', 6, true],
    ['cast: 5-5-2, chair for: not decisive, rejected', 'cast>1/2', 15, 12, 5, 5, 2, 'for', 'rejected', 7, false],
    ['cast: nobody voted: never adopted with zero votes', 'cast>=1/2;quorum=none', 15, 5, 0, 0, 0, null, 'rejected', 1, false],
    ['cast: only abstentions', 'cast>1/2', 15, 12, 0, 0, 12, 'abstain', 'rejected', 7, false],
    // two thirds of members
    ['2/3: 10 of 15 exactly', 'two_thirds_members', 15, 15, 10, 5, 0, null, 'adopted', 10, false],
    ['2/3: 9 of 15', 'two_thirds_members', 15, 15, 9, 6, 0, null, 'rejected', 10, false],
    ['2/3: 10 of 14', 'two_thirds_members', 14, 14, 10, 4, 0, null, 'adopted', 10, false],
    ['2/3: 9 of 14 (64.29%)', 'two_thirds_members', 14, 14, 9, 5, 0, null, 'rejected', 10, false],
    ['2/3: 8 of 12 exactly', 'two_thirds_members', 12, 12, 8, 4, 0, null, 'adopted', 8, false],
    ['2/3: 7-7 of 14 never decisive', 'two_thirds_members', 14, 14, 7, 7, 0, 'for', 'rejected', 10, false],
    // three quarters of members
    ['3/4: 12 of 16 exactly', 'three_quarters_members', 16, 16, 12, 4, 0, null, 'adopted', 12, false],
    ['3/4: 11 of 16', 'three_quarters_members', 16, 16, 11, 5, 0, null, 'rejected', 12, false],
    ['3/4: 12 of 15', 'three_quarters_members', 15, 15, 12, 3, 0, null, 'adopted', 12, false],
    ['3/4: 11 of 15', 'three_quarters_members', 15, 15, 11, 4, 0, null, 'rejected', 12, false],
  ])('%s', (_name, rule, members, present, f, a, ab, chair, outcome, required, tieDecisive) => {
    const r = run(rule, members, present, f, a, ab, chair);
    expect(r.outcome).toBe(outcome);
    expect(r.required).toBe(required);
    expect(r.tieDecisive).toBe(tieDecisive);
    expect(r.tie).toBe(f === a);
    expect(r.forVotes).toBe(f);
    expect(r.cast).toBe(f + a + ab);
  });

  it('reports the base, the quorum and a bilingual arithmetic line', () => {
    const r = run(PC, 15, 15, 9, 6, 0, 'for');
    expect(r).toMatchObject({ base: 'members', baseValue: 15, quorumRequired: 10, quorumMet: true, decidedBy: 'threshold' });
    expect(r.arithmetic).toBe('Tán thành 9/15 thành viên (60,00%) > 1/2 (cần 8) — Thông qua | For 9/15 members (60.00%) > 1/2 (needs 8) — Adopted');
    expect(run(PC, 15, 15, 7, 8, 0).arithmetic).toBe(
      'Tán thành 7/15 thành viên (46,67%) ≤ 1/2 (cần 8) — Không thông qua | For 7/15 members (46.67%) ≤ 1/2 (needs 8) — Rejected',
    );
    expect(run('two_thirds_members', 14, 14, 9, 5, 0).arithmetic).toContain('Tán thành 9/14 thành viên (64,29%) < 2/3 (cần 10)');
  });

  it('explains a tie decided by the chair, a tie that fails, a tie that does not decide, and a missing quorum', () => {
    const chair = run(PC, 14, 14, 7, 7, 0, 'for');
    expect(chair.decidedBy).toBe('chair');
    expect(chair.arithmetic).toBe(
      'Tán thành 7/14 thành viên (50,00%) = Không tán thành 7; ngang nhau, theo ý kiến Chủ tịch: Chủ tịch biểu quyết tán thành — Thông qua | ' +
        "For 7/14 members (50.00%) = against 7; tie, the chair's side decides: the chair voted for — Adopted",
    );
    const fails = run('members>1/2;tie=fails', 14, 14, 7, 7, 0, 'for');
    expect(fails.decidedBy).toBe('tie_fails');
    expect(fails.arithmetic).toContain('a tie fails — Rejected');
    expect(run(PC, 14, 14, 6, 6, 2, 'for').arithmetic).toContain('tie 6-6 (not decisive) — Rejected');
    const noQuorum = run(PC, 15, 9, 9, 0, 0);
    expect(noQuorum).toMatchObject({ quorumRequired: 10, quorumMet: false, decidedBy: 'quorum' });
    expect(noQuorum.arithmetic).toBe(
      'Có mặt 9/15 thành viên (60,00%) < 2/3 (cần 10) — Không đủ túc số | Present 9/15 members (60.00%) < 2/3 (needs 10) — No quorum',
    );
  });

  it('without a quorum rule the quorum is always met', () => {
    const r = run('present>1/2;quorum=none', 15, 1, 1, 0, 0);
    expect(r).toMatchObject({ quorumRequired: 0, quorumMet: true, outcome: 'adopted' });
  });

  it.each<[string, number, number, number, number, number, MotionChoice | null, string]>([
    ['negative count', 15, 15, -1, 0, 0, null, 'counts.for'],
    ['fractional count', 15, 15, 1.5, 0, 0, null, 'counts.for'],
    ['NaN abstain', 15, 15, 1, 0, NaN, null, 'counts.abstain'],
    ['no members', 0, 0, 0, 0, 0, null, 'members'],
    ['more present than members', 15, 16, 1, 0, 0, null, 'present'],
    ['more ballots than present', 15, 10, 6, 5, 0, null, 'cast'],
    ['chair voted for but nobody did', 15, 15, 0, 5, 0, 'for', 'chairVote'],
    ['chair abstained but no abstentions', 15, 15, 5, 5, 0, 'abstain', 'chairVote'],
  ])('rejects impossible counts: %s', (_name, members, present, f, a, ab, chair, field) => {
    let error: unknown;
    try {
      run(PC, members, present, f, a, ab, chair);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe(VotingErrorCode.VOTE_COUNTS_INVALID);
    expect((error as DomainError).details).toEqual([expect.objectContaining({ field })]);
  });

  it('matches a brute-force reference for every small body (no float arithmetic anywhere)', () => {
    const rules = ['members>1/2', 'present>1/2', 'cast>1/2', 'members>=2/3', 'present>=1/2', 'cast>=3/4;tie=fails'].map((r) => parseRule(r));
    for (const rule of rules) {
      for (let members = 1; members <= 9; members++) {
        for (let present = 0; present <= members; present++) {
          for (let f = 0; f <= present; f++) {
            for (let a = 0; f + a <= present; a++) {
              const ab = present - f - a;
              for (const chair of [null, 'for', 'against'] as const) {
                if (chair && (chair === 'for' ? f : a) === 0) continue;
                const r = evaluateMotion({ members, present, counts: { for: f, against: a, abstain: ab }, chairVote: chair, rule });
                const base = rule.base === 'members' ? members : rule.base === 'present' ? present : f + a + ab;
                const t = rule.threshold;
                const passes = f > 0 && (t.kind === 'more_than' ? f * t.den > t.num * base : f * t.den >= t.num * base);
                const quorum = present * 3 >= 2 * members;
                const decisive = f === a && f > 0 && t.num * 2 === t.den && f * 2 === base;
                const expected = !quorum ? 'no_quorum' : decisive ? (rule.tie === 'chair_side' && chair === 'for' ? 'adopted' : 'rejected') : passes ? 'adopted' : 'rejected';
                expect([rule.base, members, present, f, a, chair, r.outcome]).toEqual([rule.base, members, present, f, a, chair, expected]);
              }
            }
          }
        }
      }
    }
  });
});
