import { jsonDepth, refuseDeepJson } from './json-depth.js';

describe('jsonDepth', () => {
  it.each([
    ['1', 0],
    ['{}', 1],
    ['{"a":[1,{"b":[]}]}', 4],
    ['{"a":"[[[[{{{{"}', 1],
    ['{"a":"\\"[[["}', 1],
  ])('%s has depth %d', (text, depth) => {
    expect(jsonDepth(Buffer.from(text), 100)).toBe(depth);
  });

  it('refuses deep nesting with a 400', () => {
    expect(() => refuseDeepJson(null, null, Buffer.from('['.repeat(33) + ']'.repeat(33)))).toThrow(/deeper than 32/);
    expect(() => refuseDeepJson(null, null, Buffer.from('['.repeat(32) + ']'.repeat(32)))).not.toThrow();
  });
});
