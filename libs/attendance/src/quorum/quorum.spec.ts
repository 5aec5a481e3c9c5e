import { computeQuorum } from './quorum.js';

describe('computeQuorum', () => {
  it('needs ceil(2/3) of the members', () => {
    expect(computeQuorum(15, 10, 2, 3)).toEqual({ required: 10, present: 10, reached: true, rule: '2/3' });
    expect(computeQuorum(15, 9, 2, 3)).toMatchObject({ required: 10, reached: false });
    expect(computeQuorum(16, 11, 2, 3)).toMatchObject({ required: 11, reached: true });
    expect(computeQuorum(16, 10, 2, 3)).toMatchObject({ required: 11, reached: false });
    expect(computeQuorum(3, 2, 2, 3)).toMatchObject({ required: 2, reached: true });
    expect(computeQuorum(1, 1, 2, 3)).toMatchObject({ required: 1, reached: true });
  });

  it('handles other rules, including a simple majority and everyone', () => {
    expect(computeQuorum(10, 5, 1, 2)).toMatchObject({ required: 5, reached: true, rule: '1/2' });
    expect(computeQuorum(11, 5, 1, 2)).toMatchObject({ required: 6, reached: false });
    expect(computeQuorum(7, 7, 1, 1)).toMatchObject({ required: 7, reached: true, rule: '1/1' });
    expect(computeQuorum(7, 6, 1, 1)).toMatchObject({ reached: false });
  });

  it('is exact for large bodies (no floating point drift)', () => {
    for (let members = 1; members <= 600; members++) {
      const { required } = computeQuorum(members, 0, 2, 3);
      expect(required * 3).toBeGreaterThanOrEqual(members * 2);
      expect((required - 1) * 3).toBeLessThan(members * 2);
    }
  });

  it('never reaches a quorum with no members, and refuses nonsense input', () => {
    expect(computeQuorum(0, 0, 2, 3)).toMatchObject({ required: 0, reached: false });
    expect(() => computeQuorum(-1, 0, 2, 3)).toThrow(RangeError);
    expect(() => computeQuorum(3, 1.5, 2, 3)).toThrow(RangeError);
    expect(() => computeQuorum(3, 1, 2, 0)).toThrow(RangeError);
  });
});
