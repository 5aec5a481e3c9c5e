import { DomainError } from '#core';
import { VotingErrorCode } from '../voting.errors.js';
import { evaluateChoice, evaluateElection, type ChoiceOutcome } from './evaluate-choice.js';
import { parseRule } from './rule-spec.js';

const PC = parseRule('peoples_committee');
const cands = (votes: Record<string, number>) => Object.entries(votes).map(([id, v]) => ({ id, votes: v }));

describe('evaluateElection', () => {
  // name, seats, votes, outcome, winners, tied, unfilled
  it.each<[string, number, Record<string, number>, ChoiceOutcome, string[], string[], number]>([
    ['three seats filled by the top three that reach 8 of 15', 3, { A: 12, B: 10, C: 9, D: 8, E: 3 }, 'complete', ['A', 'B', 'C'], [], 0],
    ['8 of 15 reaches (more than half), 7 does not', 3, { A: 8, B: 7, C: 7, D: 0 }, 'partial', ['A'], [], 2],
    ['tie across the last seat is reported, not resolved', 3, { A: 12, B: 10, C: 9, D: 9, E: 1 }, 'boundary_tie', ['A', 'B'], ['C', 'D'], 1],
    ['everyone tied for two seats', 2, { A: 9, B: 9, C: 9 }, 'boundary_tie', [], ['A', 'B', 'C'], 2],
    ['a tie among those below the threshold does not matter', 3, { A: 12, B: 10, C: 7, D: 7 }, 'partial', ['A', 'B'], [], 1],
    ['a tie inside the seats does not matter', 3, { A: 12, B: 9, C: 9, D: 3 }, 'complete', ['A', 'B', 'C'], [], 0],
    ['nobody reaches the threshold', 2, { A: 7, B: 7, C: 1 }, 'partial', [], [], 2],
    ['as many candidates as seats (N for N)', 2, { A: 14, B: 8 }, 'complete', ['A', 'B'], [], 0],
  ])('%s', (_name, seats, votes, outcome, winners, tied, unfilled) => {
    const r = evaluateElection({ members: 15, present: 15, ballots: 15, candidates: cands(votes), seats, rule: PC });
    expect(r.required).toBe(8);
    expect(r.outcome).toBe(outcome);
    expect(r.winners).toEqual(winners);
    expect(r.boundaryTie?.ids ?? []).toEqual(tied);
    expect(r.unfilledSeats).toBe(unfilled);
    expect(r.ranking.filter((x) => x.won).map((x) => x.id)).toEqual(winners);
    expect(r.ranking.filter((x) => x.tiedAtBoundary).map((x) => x.id)).toEqual(tied);
  });

  it('ranks with shared places and explains each candidate', () => {
    const r = evaluateElection({
      members: 15,
      present: 15,
      ballots: 15,
      candidates: [
        { id: 'a', label: 'Nguyễn Văn A', votes: 9 },
        { id: 'b', label: 'Trần Thị B', votes: 11 },
        { id: 'c', label: 'Lê Văn C', votes: 9 },
        { id: 'd', label: 'Phạm D', votes: 1 },
      ],
      seats: 2,
      rule: PC,
    });
    expect(r.ranking.map((x) => [x.id, x.rank])).toEqual([['b', 1], ['a', 2], ['c', 2], ['d', 4]]);
    expect(r.boundaryTie).toEqual({ ids: ['a', 'c'], seats: 1, votes: 9 });
    expect(r.ranking[0].arithmetic).toBe('Trần Thị B: 11/15 thành viên (73,33%) > 1/2 — Trúng | Trần Thị B: 11/15 members (73.33%) > 1/2 — Won');
    expect(r.ranking[3].arithmetic).toContain('Phạm D: 1/15 members (6.67%) ≤ 1/2 — Not selected');
    expect(r.arithmetic).toBe(
      'Cần 8/15 thành viên (> 1/2); 2 vị trí; trúng: Trần Thị B; ngang phiếu (9) cho 1 vị trí còn lại: Nguyễn Văn A, Lê Văn C | ' +
        'Needs 8/15 members (> 1/2); 2 seats; won: Trần Thị B; tied at 9 for the 1 remaining seat: Nguyễn Văn A, Lê Văn C',
    );
  });

  it('elects nobody without a quorum', () => {
    const r = evaluateElection({ members: 15, present: 9, ballots: 9, candidates: cands({ A: 5, B: 4 }), seats: 1, rule: PC });
    expect(r).toMatchObject({ outcome: 'no_quorum', winners: [], boundaryTie: null, quorumMet: false, quorumRequired: 10 });
    expect(r.arithmetic).toContain('No quorum');
  });
});

describe('evaluateChoice', () => {
  it('single choice against the ballots cast: the leader needs more than half of the ballots', () => {
    const rule = parseRule('cast>1/2;quorum=none');
    const split = evaluateChoice({ members: 15, present: 12, ballots: 12, options: cands({ X: 6, Y: 4, Z: 2 }), maxChoices: 1, rule });
    expect(split).toMatchObject({ outcome: 'partial', winners: [], required: 7, baseValue: 12 });
    const clear = evaluateChoice({ members: 15, present: 12, ballots: 12, options: cands({ X: 7, Y: 3, Z: 2 }), maxChoices: 1, rule });
    expect(clear).toMatchObject({ outcome: 'complete', winners: ['X'] });
  });

  it('blank ballots count in the cast base', () => {
    const rule = parseRule('cast>1/2;quorum=none');
    const r = evaluateChoice({ members: 15, present: 12, ballots: 12, options: cands({ X: 6, Y: 2 }), maxChoices: 1, rule });
    expect(r.required).toBe(7);
    expect(r.winners).toEqual([]);
  });

  it('up to k of n against the present', () => {
    const rule = parseRule('present>=1/2');
    const r = evaluateChoice({ members: 15, present: 12, ballots: 12, options: cands({ P1: 10, P2: 6, P3: 6, P4: 5 }), maxChoices: 3, rule });
    expect(r).toMatchObject({ required: 6, outcome: 'complete', winners: ['P1', 'P2', 'P3'] });
  });

  it.each<[string, Parameters<typeof evaluateChoice>[0], string]>([
    ['duplicate id', { members: 5, present: 5, ballots: 5, options: [{ id: 'a', votes: 1 }, { id: 'a', votes: 1 }], maxChoices: 1, rule: PC }, 'options[1].id'],
    ['more votes than ballots', { members: 5, present: 5, ballots: 3, options: cands({ a: 4, b: 0 }), maxChoices: 1, rule: PC }, 'options[0].votes'],
    ['more marks than ballots allow', { members: 5, present: 5, ballots: 3, options: cands({ a: 3, b: 1 }), maxChoices: 1, rule: PC }, 'options'],
    ['more choices than options', { members: 5, present: 5, ballots: 3, options: cands({ a: 1 }), maxChoices: 2, rule: PC }, 'maxChoices'],
    ['zero choices', { members: 5, present: 5, ballots: 3, options: cands({ a: 1 }), maxChoices: 0, rule: PC }, 'maxChoices'],
    ['no options', { members: 5, present: 5, ballots: 3, options: [], maxChoices: 1, rule: PC }, 'options'],
    ['more ballots than present', { members: 5, present: 4, ballots: 5, options: cands({ a: 1 }), maxChoices: 1, rule: PC }, 'cast'],
    ['negative votes', { members: 5, present: 5, ballots: 5, options: cands({ a: -1 }), maxChoices: 1, rule: PC }, 'options[0].votes'],
  ])('rejects %s', (_name, input, field) => {
    let error: unknown;
    try {
      evaluateChoice(input);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe(VotingErrorCode.VOTE_COUNTS_INVALID);
    expect((error as DomainError).details).toEqual([expect.objectContaining({ field })]);
  });
});
