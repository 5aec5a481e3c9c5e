import { assertCount, BASE_LABEL, comparison, countsError, quorumLine, reaches, ruleContext, share, type RuleContext } from './rule-context.js';
import type { MajorityRule } from './rule-spec.js';

export interface OptionCount {
  id: string;
  /** Shown in the arithmetic; the id when absent. */
  label?: string;
  votes: number;
}

export interface ChoiceInput {
  members: number;
  present: number;
  /** Ballots submitted, blank ones included: the base `cast`, and the bound for any one option's votes. */
  ballots: number;
  options: OptionCount[];
  /** How many options a ballot may mark and how many can win (1 = single choice). */
  maxChoices: number;
  rule: MajorityRule;
}

export interface ElectionInput {
  members: number;
  present: number;
  ballots: number;
  candidates: OptionCount[];
  /** Seats to fill; a ballot marks at most this many candidates. */
  seats: number;
  rule: MajorityRule;
}

export interface RankedOption {
  id: string;
  label: string;
  votes: number;
  /** Competition rank: 1, 2, 2, 4. */
  rank: number;
  reachesThreshold: boolean;
  /** Won: reaches the threshold and is within the top `seats` without a tie across the boundary. */
  won: boolean;
  /** Tied with others for the last seat(s): neither won nor lost, a further round decides. */
  tiedAtBoundary: boolean;
  arithmetic: string;
}

export type ChoiceOutcome = 'complete' | 'partial' | 'boundary_tie' | 'no_quorum';

export interface ChoiceResult extends RuleContext {
  /**
   * complete: every seat filled; partial: fewer options/candidates than seats reached the threshold (maybe none);
   * boundary_tie: options tied across the last seat(s), listed in boundaryTie; no_quorum: nothing counted.
   */
  outcome: ChoiceOutcome;
  seats: number;
  ballots: number;
  /** Ids that won, best first. */
  winners: string[];
  /** Options tied for the remaining seats and how many seats they compete for; null when there is none. */
  boundaryTie: { ids: string[]; seats: number; votes: number } | null;
  unfilledSeats: number;
  /** Every option, best first (input order among equal counts). */
  ranking: RankedOption[];
  arithmetic: string;
}

/**
 * Choice polls ("chọn tối đa k trong n phương án"): each option is measured against the rule's threshold of
 * the base on its own (votes for that option / base), then the qualifying ones are ranked and the top k win.
 * When qualifying options tie across the k-th place, none of the tied ones wins: they are reported in
 * boundaryTie (the chair calls another round) and the seats stay unfilled. The rule's tie/chair setting only
 * applies to motions.
 */
export function evaluateChoice(input: ChoiceInput): ChoiceResult {
  return rank(input.members, input.present, input.ballots, input.options, input.maxChoices, input.rule, 'options');
}

/**
 * Elections ("bầu cử", up to N candidates for N seats): a candidate is elected when their votes reach the
 * threshold of the base (default: more than half of all members) and they are within the top N; ties across
 * the last seat are reported, never resolved by order.
 */
export function evaluateElection(input: ElectionInput): ChoiceResult {
  return rank(input.members, input.present, input.ballots, input.candidates, input.seats, input.rule, 'candidates');
}

function rank(members: number, present: number, ballots: number, options: OptionCount[], seats: number, rule: MajorityRule, field: string): ChoiceResult {
  assertCount('ballots', ballots);
  if (!Number.isSafeInteger(seats) || seats < 1) throw countsError(field === 'options' ? 'maxChoices' : 'seats', 'must be an integer >= 1');
  if (!Array.isArray(options) || options.length === 0) throw countsError(field, 'must list at least one');
  if (seats > options.length) throw countsError(field === 'options' ? 'maxChoices' : 'seats', `(${seats}) is more than the ${options.length} ${field}`);
  const ids = new Set<string>();
  let total = 0;
  options.forEach((o, i) => {
    assertCount(`${field}[${i}].votes`, o.votes);
    if (ids.has(o.id)) throw countsError(`${field}[${i}].id`, `"${o.id}" is listed twice`);
    ids.add(o.id);
    if (o.votes > ballots) throw countsError(`${field}[${i}].votes`, `(${o.votes}) is more than the ${ballots} ballots`);
    total += o.votes;
  });
  if (total > ballots * seats) throw countsError(field, `hold ${total} marks, more than ${ballots} ballots x ${seats}`);
  const ctx = ruleContext(rule, members, present, ballots);

  const sorted = options.map((o, index) => ({ o, index })).sort((a, b) => b.o.votes - a.o.votes || a.index - b.index);
  const qualifying = ctx.quorumMet ? sorted.filter((s) => reaches(ctx, s.o.votes)) : [];
  let winners = qualifying;
  let boundaryTie: ChoiceResult['boundaryTie'] = null;
  if (qualifying.length > seats) {
    const cut = qualifying[seats - 1].o.votes;
    if (qualifying[seats].o.votes === cut) {
      winners = qualifying.filter((s) => s.o.votes > cut);
      const tied = qualifying.filter((s) => s.o.votes === cut);
      boundaryTie = { ids: tied.map((s) => s.o.id), seats: seats - winners.length, votes: cut };
    } else {
      winners = qualifying.slice(0, seats);
    }
  }
  const winnerIds = new Set(winners.map((s) => s.o.id));
  const tiedIds = new Set(boundaryTie?.ids ?? []);
  const label = BASE_LABEL[ctx.base];
  const ranking: RankedOption[] = sorted.map((s) => {
    const name = s.o.label ?? s.o.id;
    const ok = reaches(ctx, s.o.votes);
    const p = share(s.o.votes, ctx.baseValue);
    const cmp = comparison(rule.threshold, ok);
    const state = winnerIds.has(s.o.id)
      ? { vi: 'Trúng', en: 'Won' }
      : tiedIds.has(s.o.id)
        ? { vi: 'Ngang phiếu ở vị trí cuối', en: 'Tied for the last seat' }
        : { vi: 'Không trúng', en: 'Not selected' };
    return {
      id: s.o.id,
      label: name,
      votes: s.o.votes,
      rank: 1 + sorted.filter((x) => x.o.votes > s.o.votes).length,
      reachesThreshold: ok,
      won: winnerIds.has(s.o.id),
      tiedAtBoundary: tiedIds.has(s.o.id),
      arithmetic:
        `${name}: ${s.o.votes}/${ctx.baseValue} ${label.vi} (${p.vi}) ${cmp} — ${state.vi} | ` +
        `${name}: ${s.o.votes}/${ctx.baseValue} ${label.en} (${p.en}) ${cmp} — ${state.en}`,
    };
  });
  const outcome: ChoiceOutcome = !ctx.quorumMet ? 'no_quorum' : boundaryTie ? 'boundary_tie' : winners.length === seats ? 'complete' : 'partial';
  const result: ChoiceResult = {
    ...ctx,
    outcome,
    seats,
    ballots,
    winners: winners.map((s) => s.o.id),
    boundaryTie,
    unfilledSeats: seats - winners.length,
    ranking,
    arithmetic: '',
  };
  result.arithmetic = choiceArithmetic(rule, result, members, present);
  return result;
}

const seatsEn = (n: number): string => `${n} ${n === 1 ? 'seat' : 'seats'}`;

function choiceArithmetic(rule: MajorityRule, r: ChoiceResult, members: number, present: number): string {
  if (r.outcome === 'no_quorum') {
    const q = quorumLine(rule, r, members, present);
    return `${q.vi} — Không đủ túc số | ${q.en} — No quorum`;
  }
  const label = BASE_LABEL[r.base];
  const op = `${rule.threshold.kind === 'more_than' ? '>' : '≥'} ${rule.threshold.num}/${rule.threshold.den}`;
  const names = (ids: string[]): string => ids.map((id) => r.ranking.find((x) => x.id === id)?.label ?? id).join(', ');
  const won = r.winners.length > 0 ? names(r.winners) : '—';
  let vi = `Cần ${r.required}/${r.baseValue} ${label.vi} (${op}); ${r.seats} vị trí; trúng: ${won}`;
  let en = `Needs ${r.required}/${r.baseValue} ${label.en} (${op}); ${seatsEn(r.seats)}; won: ${won}`;
  if (r.boundaryTie) {
    vi += `; ngang phiếu (${r.boundaryTie.votes}) cho ${r.boundaryTie.seats} vị trí còn lại: ${names(r.boundaryTie.ids)}`;
    en += `; tied at ${r.boundaryTie.votes} for the ${r.boundaryTie.seats} remaining ${r.boundaryTie.seats === 1 ? 'seat' : 'seats'}: ${names(r.boundaryTie.ids)}`;
  } else if (r.unfilledSeats > 0) {
    vi += `; còn ${r.unfilledSeats} vị trí chưa đủ số phiếu`;
    en += `; ${seatsEn(r.unfilledSeats)} unfilled, threshold not reached`;
  }
  return `${vi} | ${en}`;
}
