import { buildCountReport, countReportHash, ruleInWords } from './count-report.js';
import { PEOPLES_COMMITTEE_RULE } from '../rules/rule-spec.js';

describe('count report', () => {
  const poll = { id: 'p', meetingId: 'm', title: 'Bầu Phó Chủ tịch', kind: 'election', membersCount: 30, presentCount: 25, eligibleCount: 24, rule: PEOPLES_COMMITTEE_RULE };
  const options = [
    { id: 'a', label: 'Nguyễn Văn A' },
    { id: 'b', label: 'Trần Thị B' },
  ];
  const ballots = [['a'], ['a'], ['b'], [], ['a', 'b']];
  const report = buildCountReport({
    poll,
    options,
    ballots,
    result: { outcome: 'partial', arithmetic: 'A: 3/30 | en', choice: { winners: ['a'] } },
    committee: [{ delegateId: 'd1', fullName: 'Lê Văn Trưởng', role: 'head' }],
    custody: 'server',
    countedAt: new Date('2026-12-01T03:00:00Z'),
  });

  it('counts issued, returned, blank and per option with both percentages', () => {
    expect(report).toMatchObject({ members: 30, onRoll: 24, issued: 24, returned: 5, valid: 5, invalid: 0, blank: 1, winners: ['Nguyễn Văn A'], arithmetic: 'A: 3/30' });
    expect(report.options).toEqual([
      { id: 'a', label: 'Nguyễn Văn A', votes: 3, ofMembers: '10,00%', ofReturned: '60,00%' },
      { id: 'b', label: 'Trần Thị B', votes: 2, ofMembers: '6,67%', ofReturned: '40,00%' },
    ]);
  });

  it('says the rule in words', () => {
    expect(ruleInWords(PEOPLES_COMMITTEE_RULE)).toBe(
      'Được thông qua/trúng cử khi đạt quá một phần hai (1/2) tổng số thành viên; túc số: có mặt ít nhất hai phần ba (2/3) tổng số thành viên; khi số phiếu ngang nhau: theo ý kiến của chủ tọa',
    );
  });

  it('hashes canonically: key order does not matter, any change does', () => {
    const reordered = Object.fromEntries(Object.entries(report).reverse());
    expect(countReportHash(reordered)).toBe(countReportHash(report));
    expect(countReportHash({ ...report, blank: 2 })).not.toBe(countReportHash(report));
    expect(countReportHash(report)).toMatch(/^[0-9a-f]{64}$/);
  });
});
