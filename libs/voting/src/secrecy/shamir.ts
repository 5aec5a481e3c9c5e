import { randomBytes } from 'node:crypto';

/**
 * Shamir's secret sharing over GF(256) (the AES field, x^8 + x^4 + x^3 + x + 1), byte by byte: a secret of L bytes
 * becomes n shares of 1 + L bytes (the share's x in 1..255, then y per byte); any k of them give the secret back,
 * fewer give nothing (each byte is a point of a random polynomial of degree k - 1 whose constant is the secret byte).
 */

// log / antilog tables of the generator 3
const EXP = new Uint8Array(510);
const LOG = new Uint8Array(256);
(() => {
  let x = 1;
  for (let i = 0; i < 255; i++) {
    EXP[i] = x;
    LOG[x] = i;
    // x * 3 = x * 2 xor x, reduced by the AES polynomial
    const doubled = (x << 1) ^ (x & 0x80 ? 0x11b : 0);
    x = (doubled ^ x) & 0xff;
  }
  for (let i = 255; i < 510; i++) EXP[i] = EXP[i - 255];
})();

export function gfMul(a: number, b: number): number {
  if (a === 0 || b === 0) return 0;
  return EXP[LOG[a] + LOG[b]];
}

export function gfDiv(a: number, b: number): number {
  if (b === 0) throw new RangeError('division by zero in GF(256)');
  if (a === 0) return 0;
  return EXP[LOG[a] + 255 - LOG[b]];
}

export function splitSecret(secret: Uint8Array, n: number, k: number, random: (size: number) => Uint8Array = randomBytes): Buffer[] {
  if (!Number.isInteger(n) || !Number.isInteger(k) || k < 1 || n < k || n > 255) throw new RangeError('Shamir: need 1 <= k <= n <= 255');
  if (secret.length === 0) throw new RangeError('Shamir: empty secret');
  const shares = Array.from({ length: n }, (_, i) => {
    const s = Buffer.alloc(secret.length + 1);
    s[0] = i + 1;
    return s;
  });
  const coefficients = new Uint8Array(k);
  for (let b = 0; b < secret.length; b++) {
    coefficients[0] = secret[b];
    coefficients.set(random(k - 1), 1);
    for (const share of shares) {
      // Horner: ((c[k-1] x + c[k-2]) x + ...) x + c[0]
      const x = share[0];
      let y = 0;
      for (let c = k - 1; c >= 0; c--) y = gfMul(y, x) ^ coefficients[c];
      share[b + 1] = y;
    }
  }
  coefficients.fill(0);
  return shares;
}

/** Lagrange interpolation at x = 0 from k (or more) distinct shares of equal length. */
export function combineShares(shares: Uint8Array[]): Buffer {
  if (shares.length === 0) throw new RangeError('Shamir: no shares');
  const length = shares[0].length;
  if (length < 2 || shares.some((s) => s.length !== length)) throw new RangeError('Shamir: shares of different lengths');
  const xs = shares.map((s) => s[0]);
  if (xs.some((x) => x === 0) || new Set(xs).size !== xs.length) throw new RangeError('Shamir: share numbers must be distinct and non-zero');
  // the Lagrange basis at 0 depends on the xs only: l_i(0) = prod_{j != i} x_j / (x_j - x_i), and minus is xor
  const basis = xs.map((xi, i) => xs.reduce((acc, xj, j) => (j === i ? acc : gfMul(acc, gfDiv(xj, xj ^ xi))), 1));
  const out = Buffer.alloc(length - 1);
  for (let b = 1; b < length; b++) {
    let v = 0;
    for (let i = 0; i < shares.length; i++) v ^= gfMul(shares[i][b], basis[i]);
    out[b - 1] = v;
  }
  return out;
}
