import { BodyKind } from './body-kind.js';
import { decisionTypeViews, profileOf } from './legal-profiles.js';
import { describeTie } from './legal-rule.js';

describe('decision types as the poll form shows them', () => {
  const council = decisionTypeViews(profileOf(BodyKind.PeoplesCouncil));
  const byCode = (code: string) => {
    const found = council.find((d) => d.code === code);
    if (!found) throw new Error(`no ${code}`);
    return found;
  };

  it('a council resolution: more than half of ALL delegates, no casting vote, its article, ballot mode free', () => {
    const d = byCode('council_resolution');
    expect(d.rule.vi).toContain('Thông qua khi có quá nửa tổng số đại biểu tán thành');
    expect(d.rule.vi).toContain('không có phiếu quyết định của Chủ tọa');
    expect(d.basis).toContain('72/2025/QH15, Điều 35 khoản 2');
    expect(d).toMatchObject({ secret: false, pollKinds: ['motion', 'choice'] });
  });

  it('elections, dismissals and confidence votes are secret by law; a dismissal needs 2/3 of all delegates', () => {
    expect(council.filter((d) => d.secret).map((d) => d.code)).toEqual(['council_election', 'council_removal', 'delegate_dismissal', 'confidence_rating', 'no_confidence_vote']);
    expect(byCode('delegate_dismissal').rule.vi).toContain('ít nhất hai phần ba tổng số đại biểu');
  });

  it('a confidence rating is described in its own words (three levels, shares of all delegates, the consequences), not as a motion', () => {
    const d = byCode('confidence_rating');
    expect(d.pollKinds).toEqual(['confidence']);
    expect(d.rule.vi).toContain('tín nhiệm cao, tín nhiệm, tín nhiệm thấp');
    expect(d.rule.vi).toContain('từ 2/3 trở lên: trình miễn nhiệm');
    expect(d.rule.vi).not.toContain('Thông qua');
    expect(byCode('no_confidence_vote').rule.vi).toContain('quá 1/2 tổng số đại biểu không tín nhiệm: trình miễn nhiệm');
  });

  it('the tie rule in words', () => {
    expect(describeTie('fails').vi).toBe('không có phiếu quyết định của Chủ tọa khi ngang nhau');
    expect(describeTie('chair_side_any').en).toBe('on an equal split of for and against, the side the Chair voted with decides');
  });
});
