import { DomainError } from '#core';
import { VotingErrorCode } from '../voting.errors.js';
import { formatRule, parseRule, PEOPLES_COMMITTEE_RULE, RULE_PRESETS, type MajorityRule } from './rule-spec.js';

function issuesOf(input: unknown): { field: string; reason: string }[] {
  try {
    parseRule(input);
  } catch (err) {
    expect(err).toBeInstanceOf(DomainError);
    const e = err as DomainError;
    expect(e.code).toBe(VotingErrorCode.RULE_INVALID);
    expect(e.status).toBe(400);
    return e.details as { field: string; reason: string }[];
  }
  throw new Error(`expected ${JSON.stringify(input)} to be rejected`);
}

describe('majority rule spec', () => {
  it('the default is the People\'s Committee rule: quorum >= 2/3 of members, > 1/2 of ALL members, tie -> chair', () => {
    expect(PEOPLES_COMMITTEE_RULE).toEqual({
      base: 'members',
      threshold: { kind: 'more_than', num: 1, den: 2 },
      quorum: { kind: 'at_least', num: 2, den: 3 },
      tie: 'chair_side',
    });
    expect(formatRule(PEOPLES_COMMITTEE_RULE)).toBe('members>1/2;quorum>=2/3;tie=chair_side');
  });

  it.each<[string, MajorityRule]>([
    ['members>1/2;quorum>=2/3;tie=chair_side', PEOPLES_COMMITTEE_RULE],
    ['members>1/2', PEOPLES_COMMITTEE_RULE],
    [' members>1/2 ; tie=chair_side ; quorum>=2/3 ', PEOPLES_COMMITTEE_RULE],
    ['present>1/2;quorum=none;tie=fails', { base: 'present', threshold: { kind: 'more_than', num: 1, den: 2 }, quorum: null, tie: 'fails' }],
    ['cast>=2/3;quorum>1/2', { base: 'cast', threshold: { kind: 'at_least', num: 2, den: 3 }, quorum: { kind: 'more_than', num: 1, den: 2 }, tie: 'chair_side' }],
    ['members>=1/1;quorum>=1/1', { base: 'members', threshold: { kind: 'at_least', num: 1, den: 1 }, quorum: { kind: 'at_least', num: 1, den: 1 }, tie: 'chair_side' }],
    ['two_thirds_members', RULE_PRESETS.two_thirds_members],
    ['peoples_committee', PEOPLES_COMMITTEE_RULE],
  ])('parses "%s"', (text, expected) => {
    expect(parseRule(text)).toEqual(expected);
  });

  it('presets: simple majority of present, 2/3 and 3/4 of members, all with the 2/3 quorum', () => {
    expect(formatRule(RULE_PRESETS.simple_majority_present)).toBe('present>1/2;quorum>=2/3;tie=chair_side');
    expect(formatRule(RULE_PRESETS.two_thirds_members)).toBe('members>=2/3;quorum>=2/3;tie=chair_side');
    expect(formatRule(RULE_PRESETS.three_quarters_members)).toBe('members>=3/4;quorum>=2/3;tie=chair_side');
  });

  it('parses the stored JSON form, with defaults for omitted quorum and tie, and quorum kind "at least" by default', () => {
    expect(parseRule({ base: 'members', threshold: { kind: 'more_than', num: 1, den: 2 }, quorum: { num: 2, den: 3 }, tie: 'chair_side' })).toEqual(PEOPLES_COMMITTEE_RULE);
    expect(parseRule({ base: 'members', threshold: { kind: 'more_than', num: 1, den: 2 } })).toEqual(PEOPLES_COMMITTEE_RULE);
    expect(parseRule({ base: 'present', threshold: { kind: 'at_least', num: 3, den: 4 }, quorum: null, tie: 'fails' }).quorum).toBeNull();
    expect(parseRule('{"base":"cast","threshold":{"kind":"more_than","num":1,"den":2}}').base).toBe('cast');
  });

  it('round-trips every preset and parsed rule through the compact string and JSON', () => {
    for (const rule of Object.values(RULE_PRESETS)) {
      expect(parseRule(formatRule(rule))).toEqual(rule);
      expect(parseRule(JSON.parse(JSON.stringify(rule)))).toEqual(rule);
    }
  });

  it('returns a copy: changing a parsed preset does not change the preset', () => {
    const rule = parseRule('two_thirds_members');
    rule.threshold.num = 1;
    expect(RULE_PRESETS.two_thirds_members.threshold.num).toBe(2);
  });

  it.each<[string, unknown, string]>([
    ['empty string', '', 'base'],
    ['unknown base', 'everyone>1/2', 'base'],
    ['missing operator', 'members1/2', 'threshold'],
    ['wrong operator', 'members=>1/2', 'threshold'],
    ['less-than', 'members<1/2', 'threshold'],
    ['decimal', 'members>0.5', 'threshold'],
    ['zero numerator', 'members>0/2', 'threshold.num'],
    ['zero denominator', 'members>1/0', 'threshold.den'],
    ['more than the whole', 'members>=3/2', 'threshold'],
    ['unreachable "more than all"', 'members>2/2', 'threshold'],
    ['denominator too large', 'members>1/101', 'threshold.den'],
    ['bad quorum', 'members>1/2;quorum>=5/3', 'quorum'],
    ['quorum without fraction', 'members>1/2;quorum', 'quorum'],
    ['quorum twice', 'members>1/2;quorum>=2/3;quorum>=1/2', 'quorum'],
    ['bad tie', 'members>1/2;tie=coin_flip', 'tie'],
    ['tie twice', 'members>1/2;tie=fails;tie=fails', 'tie'],
    ['unknown part', 'members>1/2;veto=yes', '(rule)'],
    ['upper case', 'MEMBERS>1/2', 'base'],
    ['too long', 'members>1/2;' + ' '.repeat(300), '(rule)'],
    ['bad JSON text', '{"base":', '(rule)'],
    ['not an object', 42, '(rule)'],
    ['array', [], '(rule)'],
    ['null', null, '(rule)'],
    ['JSON unknown base', { base: 'all', threshold: { kind: 'more_than', num: 1, den: 2 } }, 'base'],
    ['JSON missing threshold', { base: 'members' }, 'threshold'],
    ['JSON threshold kind missing', { base: 'members', threshold: { num: 1, den: 2 } }, 'threshold.kind'],
    ['JSON string numbers', { base: 'members', threshold: { kind: 'more_than', num: '1', den: 2 } }, 'threshold.num'],
    ['JSON fractional numbers', { base: 'members', threshold: { kind: 'more_than', num: 1.5, den: 2 } }, 'threshold.num'],
    ['JSON unknown field', { base: 'members', threshold: { kind: 'more_than', num: 1, den: 2 }, veto: true }, 'veto'],
    ['JSON unknown nested field', { base: 'members', threshold: { kind: 'more_than', num: 1, den: 2, x: 1 } }, 'threshold.x'],
    ['JSON bad tie', { base: 'members', threshold: { kind: 'more_than', num: 1, den: 2 }, tie: 'chair' }, 'tie'],
    ['JSON quorum not an object', { base: 'members', threshold: { kind: 'more_than', num: 1, den: 2 }, quorum: '2/3' }, 'quorum'],
  ])('rejects %s with RULE_INVALID naming the field', (_name, input, field) => {
    const issues = issuesOf(input);
    expect(issues.map((i) => i.field)).toContain(field);
    expect(issues.every((i) => i.reason.length > 0)).toBe(true);
  });

  it('lists every problem at once', () => {
    const issues = issuesOf({ base: 'x', threshold: { kind: 'more_than', num: 0, den: 0 }, tie: 'x' });
    expect(issues.map((i) => i.field).sort()).toEqual(['base', 'threshold.den', 'threshold.num', 'tie']);
  });
});
