import { DomainError } from '#core';
import { VotingErrorCode } from '../voting.errors.js';
import type { Fraction, ThresholdKind } from './fraction.js';

/**
 * A poll's majority rule ("nguyên tắc biểu quyết"), stored as jsonb on the poll.
 *
 * - base: what the vote count is measured against.
 *   `members` = every member of the body with a voting right ("tổng số thành viên"),
 *   `present` = members present (or represented by proxy) when the poll opened,
 *   `cast`    = ballots submitted, abstentions ("Không biểu quyết") included; a ballot is a ballot.
 * - threshold: `more_than` (">", "quá") or `at_least` (">=", "ít nhất") num/den of the base.
 * - quorum: `at_least` (default) or `more_than` num/den of the MEMBERS present; null = no quorum check.
 * - tie: what an equal split does (see evaluateMotion): `chair_side` = the chair's vote decides an exact half-half split
 *   of the base, `chair_side_any` = the chair's vote decides any equal split, `fails` = rejected.
 */
export type RuleBase = 'members' | 'present' | 'cast';
/** chair_side: the Chair decides an exact half-half split of the base; chair_side_any: any equal split (see evaluateMotion). */
export type TieRule = 'chair_side' | 'chair_side_any' | 'fails';

export interface RuleFraction extends Fraction {
  kind: ThresholdKind;
}

export interface MajorityRule {
  base: RuleBase;
  threshold: RuleFraction;
  quorum: RuleFraction | null;
  tie: TieRule;
}

export const RULE_BASES: readonly RuleBase[] = ['members', 'present', 'cast'];
export const TIE_RULES: readonly TieRule[] = ['chair_side', 'chair_side_any', 'fails'];
export const THRESHOLD_KINDS: readonly ThresholdKind[] = ['more_than', 'at_least'];
/** Denominators above this are not a meeting rule but a typo. */
export const MAX_DENOMINATOR = 100;
export const MAX_RULE_TEXT = 200;

/**
 * Law on Organisation of Local Government: a People's Committee meeting needs at least 2/3 of its members present;
 * a decision needs MORE THAN HALF OF ALL MEMBERS voting for; on an equal split the side the Chair voted with wins.
 * The legal profiles (#legal) hold the per-body rules; this is the default for bodies of kind `other`.
 */
export const PEOPLES_COMMITTEE_RULE: MajorityRule = Object.freeze({
  base: 'members',
  threshold: Object.freeze({ kind: 'more_than', num: 1, den: 2 }),
  quorum: Object.freeze({ kind: 'at_least', num: 2, den: 3 }),
  tie: 'chair_side',
}) as MajorityRule;

export type RulePresetName = 'peoples_committee' | 'simple_majority_present' | 'two_thirds_members' | 'three_quarters_members';

const DEFAULT_QUORUM: RuleFraction = PEOPLES_COMMITTEE_RULE.quorum as RuleFraction;

/** Named rules a secretary picks from; the compact string of each is in the comment. */
export const RULE_PRESETS: Readonly<Record<RulePresetName, MajorityRule>> = Object.freeze({
  /** members>1/2;quorum>=2/3;tie=chair_side */
  peoples_committee: PEOPLES_COMMITTEE_RULE,
  /** present>1/2;quorum>=2/3;tie=chair_side */
  simple_majority_present: { base: 'present', threshold: { kind: 'more_than', num: 1, den: 2 }, quorum: DEFAULT_QUORUM, tie: 'chair_side' },
  /** members>=2/3;quorum>=2/3;tie=chair_side */
  two_thirds_members: { base: 'members', threshold: { kind: 'at_least', num: 2, den: 3 }, quorum: DEFAULT_QUORUM, tie: 'chair_side' },
  /** members>=3/4;quorum>=2/3;tie=chair_side */
  three_quarters_members: { base: 'members', threshold: { kind: 'at_least', num: 3, den: 4 }, quorum: DEFAULT_QUORUM, tie: 'chair_side' },
});

export interface RuleIssue {
  field: string;
  reason: string;
}

function invalid(issues: RuleIssue[]): DomainError {
  const summary = issues.map((i) => `${i.field}: ${i.reason}`).join('; ');
  return new DomainError(VotingErrorCode.RULE_INVALID, `Invalid majority rule: ${summary}`, issues);
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function checkFraction(field: string, kind: ThresholdKind, num: unknown, den: unknown, issues: RuleIssue[]): RuleFraction | null {
  const before = issues.length;
  if (!Number.isSafeInteger(num) || (num as number) < 1) issues.push({ field: `${field}.num`, reason: 'must be an integer >= 1' });
  if (!Number.isSafeInteger(den) || (den as number) < 1 || (den as number) > MAX_DENOMINATOR) {
    issues.push({ field: `${field}.den`, reason: `must be an integer from 1 to ${MAX_DENOMINATOR}` });
  }
  if (issues.length > before) return null;
  const n = num as number;
  const d = den as number;
  if (n > d) issues.push({ field, reason: `${n}/${d} is more than the whole` });
  else if (kind === 'more_than' && n === d) issues.push({ field, reason: `"more than ${n}/${d}" can never be reached` });
  return issues.length > before ? null : { kind, num: n, den: d };
}

function checkKeys(field: string, value: Record<string, unknown>, allowed: string[], issues: RuleIssue[]): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) issues.push({ field: field ? `${field}.${key}` : key, reason: 'unknown field' });
  }
}

function fractionFromJson(field: string, value: unknown, defaultKind: ThresholdKind | null, issues: RuleIssue[]): RuleFraction | null {
  if (!isPlainObject(value)) {
    issues.push({ field, reason: 'must be an object { kind, num, den }' });
    return null;
  }
  checkKeys(field, value, ['kind', 'num', 'den'], issues);
  let kind = value.kind;
  if (kind === undefined && defaultKind) kind = defaultKind;
  if (!THRESHOLD_KINDS.includes(kind as ThresholdKind)) {
    issues.push({ field: `${field}.kind`, reason: `must be one of ${THRESHOLD_KINDS.join(', ')}` });
    return null;
  }
  return checkFraction(field, kind as ThresholdKind, value.num, value.den, issues);
}

/**
 * Validates a rule given as an object (the stored jsonb). `quorum` and `tie` may be omitted and then take the
 * People's Committee defaults (at least 2/3 present, chair's side); `quorum: null` means no quorum check.
 * A quorum without `kind` is "at least".
 */
export function ruleFromJson(value: unknown): MajorityRule {
  const issues: RuleIssue[] = [];
  if (!isPlainObject(value)) throw invalid([{ field: '(rule)', reason: 'must be an object or a rule string' }]);
  checkKeys('', value, ['base', 'threshold', 'quorum', 'tie'], issues);
  if (!RULE_BASES.includes(value.base as RuleBase)) issues.push({ field: 'base', reason: `must be one of ${RULE_BASES.join(', ')}` });
  const threshold = fractionFromJson('threshold', value.threshold, null, issues);
  const quorum = value.quorum === undefined ? DEFAULT_QUORUM : value.quorum === null ? null : fractionFromJson('quorum', value.quorum, 'at_least', issues);
  const tie = value.tie === undefined ? PEOPLES_COMMITTEE_RULE.tie : value.tie;
  if (!TIE_RULES.includes(tie as TieRule)) issues.push({ field: 'tie', reason: `must be one of ${TIE_RULES.join(', ')}` });
  if (issues.length > 0 || !threshold) throw invalid(issues);
  return { base: value.base as RuleBase, threshold, quorum: quorum && { ...quorum }, tie: tie as TieRule };
}

const FRACTION_PART = /^(>=|>)(\d{1,3})\/(\d{1,3})$/;

function fractionFromText(field: string, text: string, issues: RuleIssue[]): RuleFraction | null {
  const m = FRACTION_PART.exec(text);
  if (!m) {
    issues.push({ field, reason: `expected ">n/d" or ">=n/d", got "${text}"` });
    return null;
  }
  return checkFraction(field, m[1] === '>' ? 'more_than' : 'at_least', Number(m[2]), Number(m[3]), issues);
}

/**
 * Parses the compact form: `<base><op><n>/<d>[;quorum<op><n>/<d> | ;quorum=none][;tie=chair_side|fails]`,
 * op `>` (more than) or `>=` (at least), parts after the first in any order, each at most once, e.g.
 * `members>1/2;quorum>=2/3;tie=chair_side`. Omitted parts take the defaults (quorum>=2/3, tie=chair_side).
 * A preset name (`two_thirds_members`) is accepted too.
 */
export function ruleFromText(text: string): MajorityRule {
  if (text.length > MAX_RULE_TEXT) throw invalid([{ field: '(rule)', reason: `longer than ${MAX_RULE_TEXT} characters` }]);
  const trimmed = text.trim();
  if (Object.hasOwn(RULE_PRESETS, trimmed)) return cloneRule(RULE_PRESETS[trimmed as RulePresetName]);
  const issues: RuleIssue[] = [];
  const parts = trimmed.split(';').map((p) => p.trim());
  const head = /^([a-z_]+)(.*)$/.exec(parts[0] ?? '');
  let base: RuleBase | null = null;
  let threshold: RuleFraction | null = null;
  if (!head || !RULE_BASES.includes(head[1] as RuleBase)) {
    issues.push({ field: 'base', reason: `the rule must start with ${RULE_BASES.join(', ')} or be a preset (${Object.keys(RULE_PRESETS).join(', ')})` });
  } else {
    base = head[1] as RuleBase;
    threshold = fractionFromText('threshold', head[2], issues);
  }
  let quorum: RuleFraction | null | undefined;
  let tie: TieRule | undefined;
  for (const part of parts.slice(1)) {
    if (part.startsWith('quorum')) {
      if (quorum !== undefined) issues.push({ field: 'quorum', reason: 'given twice' });
      const rest = part.slice('quorum'.length);
      quorum = rest === '=none' ? null : fractionFromText('quorum', rest, issues);
    } else if (part.startsWith('tie=')) {
      if (tie !== undefined) issues.push({ field: 'tie', reason: 'given twice' });
      const value = part.slice('tie='.length);
      if (TIE_RULES.includes(value as TieRule)) tie = value as TieRule;
      else issues.push({ field: 'tie', reason: `must be one of ${TIE_RULES.join(', ')}, got "${value}"` });
    } else {
      issues.push({ field: '(rule)', reason: `unknown part "${part}"` });
    }
  }
  if (issues.length > 0 || !base || !threshold) throw invalid(issues);
  return { base, threshold, quorum: quorum === undefined ? { ...DEFAULT_QUORUM } : quorum, tie: tie ?? PEOPLES_COMMITTEE_RULE.tie };
}

/** One entry point for API input and stored values: a rule string, a preset name, JSON text or an object. */
export function parseRule(input: unknown): MajorityRule {
  if (typeof input === 'string') {
    if (input.trimStart().startsWith('{')) {
      if (input.length > 2000) throw invalid([{ field: '(rule)', reason: 'too long' }]);
      let parsed: unknown;
      try {
        parsed = JSON.parse(input);
      } catch {
        throw invalid([{ field: '(rule)', reason: 'not valid JSON' }]);
      }
      return ruleFromJson(parsed);
    }
    return ruleFromText(input);
  }
  return ruleFromJson(input);
}

/** The canonical compact string (parseRule(formatRule(r)) deep-equals r). */
export function formatRule(rule: MajorityRule): string {
  const f = (x: RuleFraction): string => `${x.kind === 'more_than' ? '>' : '>='}${x.num}/${x.den}`;
  return `${rule.base}${f(rule.threshold)};${rule.quorum ? `quorum${f(rule.quorum)}` : 'quorum=none'};tie=${rule.tie}`;
}

export function cloneRule(rule: MajorityRule): MajorityRule {
  return { base: rule.base, threshold: { ...rule.threshold }, quorum: rule.quorum && { ...rule.quorum }, tie: rule.tie };
}
