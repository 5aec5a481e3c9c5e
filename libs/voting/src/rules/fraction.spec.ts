import { meets, percent, votesNeeded, type ThresholdKind } from './fraction.js';

describe('threshold arithmetic (integers only)', () => {
  it.each<[ThresholdKind, number, number, number, number]>([
    // kind, num, den, base, needed
    ['more_than', 1, 2, 14, 8],
    ['more_than', 1, 2, 15, 8],
    ['more_than', 1, 2, 16, 9],
    ['more_than', 1, 2, 1, 1],
    ['more_than', 1, 2, 0, 1],
    ['at_least', 1, 2, 14, 7],
    ['at_least', 1, 2, 15, 8],
    ['at_least', 2, 3, 15, 10],
    ['at_least', 2, 3, 14, 10],
    ['at_least', 2, 3, 12, 8],
    ['more_than', 2, 3, 12, 9],
    ['more_than', 2, 3, 14, 10],
    ['at_least', 3, 4, 15, 12],
    ['at_least', 3, 4, 16, 12],
    ['more_than', 3, 4, 16, 13],
    ['at_least', 1, 1, 7, 7],
    ['at_least', 2, 3, 0, 0],
  ])('%s %i/%i of %i needs %i', (kind, num, den, base, needed) => {
    expect(votesNeeded(kind, { num, den }, base)).toBe(needed);
  });

  it('votesNeeded is the least count that meets the threshold, for every base up to 300 and fraction up to /12', () => {
    for (const kind of ['more_than', 'at_least'] as const) {
      for (let den = 1; den <= 12; den++) {
        for (let num = 1; num <= den; num++) {
          for (let base = 0; base <= 300; base++) {
            const v = votesNeeded(kind, { num, den }, base);
            expect(meets(kind, { num, den }, v, base)).toBe(true);
            if (v > 0) expect(meets(kind, { num, den }, v - 1, base)).toBe(false);
          }
        }
      }
    }
  });

  it('formats percentages with two decimals, rounded half up, without floats', () => {
    expect(percent(9, 15, true)).toBe('60,00%');
    expect(percent(2, 3, false)).toBe('66.67%');
    expect(percent(1, 3, false)).toBe('33.33%');
    expect(percent(1, 8, false)).toBe('12.50%');
    expect(percent(1, 16, false)).toBe('6.25%');
    expect(percent(1, 4000, false)).toBe('0.03%');
    expect(percent(14, 14, true)).toBe('100,00%');
    expect(percent(0, 0, true)).toBe('—');
  });
});
