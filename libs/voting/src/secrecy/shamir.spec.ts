import { randomBytes } from 'node:crypto';
import { combineShares, gfDiv, gfMul, splitSecret } from './shamir.js';

describe('GF(256)', () => {
  it('multiplies as the AES field does (FIPS-197 example: 0x57 * 0x83 = 0xc1)', () => {
    expect(gfMul(0x57, 0x83)).toBe(0xc1);
    expect(gfMul(0x57, 0x13)).toBe(0xfe);
  });

  it('divides as the inverse of multiplication for every pair', () => {
    for (let a = 0; a < 256; a++) for (let b = 1; b < 256; b++) expect(gfDiv(gfMul(a, b), b)).toBe(a);
    expect(() => gfDiv(1, 0)).toThrow(RangeError);
  });
});

describe('Shamir secret sharing', () => {
  const secret = randomBytes(48);

  it('gives the secret back from every subset of k shares, in any order', () => {
    const shares = splitSecret(secret, 5, 3);
    const subsets: number[][] = [];
    for (let a = 0; a < 5; a++) for (let b = a + 1; b < 5; b++) for (let c = b + 1; c < 5; c++) subsets.push([a, b, c]);
    expect(subsets).toHaveLength(10);
    for (const s of subsets) {
      expect(combineShares(s.map((i) => shares[i]))).toEqual(secret);
      expect(combineShares([...s].reverse().map((i) => shares[i]))).toEqual(secret);
    }
    expect(combineShares(shares)).toEqual(secret);
  });

  it('does not give the secret from k - 1 shares', () => {
    const shares = splitSecret(secret, 5, 3);
    expect(combineShares([shares[0], shares[1]])).not.toEqual(secret);
  });

  it('k - 1 shares say nothing: any secret fits them (same shares, another polynomial)', () => {
    // with k = 2 and share x = 1 fixed, every byte value of the secret is consistent with the one share seen
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) seen.add(splitSecret(Buffer.from([42]), 3, 2)[0][1]);
    expect(seen.size).toBeGreaterThan(240);
  });

  it('handles k = 1 (every share is the secret) and k = n', () => {
    expect(splitSecret(secret, 3, 1).map((s) => combineShares([s]))).toEqual([secret, secret, secret]);
    const all = splitSecret(secret, 4, 4);
    expect(combineShares(all)).toEqual(secret);
    expect(combineShares(all.slice(1))).not.toEqual(secret);
  });

  it('refuses bad parameters and bad shares', () => {
    expect(() => splitSecret(secret, 2, 3)).toThrow(RangeError);
    expect(() => splitSecret(secret, 256, 3)).toThrow(RangeError);
    expect(() => splitSecret(Buffer.alloc(0), 3, 2)).toThrow(RangeError);
    const shares = splitSecret(secret, 3, 2);
    expect(() => combineShares([shares[0], shares[0]])).toThrow(RangeError);
    expect(() => combineShares([shares[0], shares[1].subarray(1)])).toThrow(RangeError);
    expect(() => combineShares([])).toThrow(RangeError);
  });
});
