/**
 * Integer-only threshold arithmetic: "more than num/den of base" and "at least num/den of base" are decided by
 * cross-multiplication, never by dividing, so exact boundaries (7 of 14, 10 of 15) are never off by a rounding error.
 */
export interface Fraction {
  num: number;
  den: number;
}

export type ThresholdKind = 'more_than' | 'at_least';

/** The smallest vote count v with v/base > num/den (kind more_than) or v/base >= num/den (kind at_least). */
export function votesNeeded(kind: ThresholdKind, f: Fraction, base: number): number {
  const product = f.num * base;
  if (kind === 'more_than') return Math.floor(product / f.den) + 1;
  return Math.floor((product + f.den - 1) / f.den);
}

/** v/base compared with num/den, exactly: v * den against num * base. */
export function meets(kind: ThresholdKind, f: Fraction, votes: number, base: number): boolean {
  const lhs = votes * f.den;
  const rhs = f.num * base;
  return kind === 'more_than' ? lhs > rhs : lhs >= rhs;
}

export function isOneHalf(f: Fraction): boolean {
  return f.num * 2 === f.den;
}

/** Percentage with two decimals, rounded half up with integers only; '—' when the base is 0. */
export function percent(votes: number, base: number, decimalComma: boolean): string {
  if (base <= 0) return '—';
  const hundredths = Math.floor((votes * 20000 + base) / (2 * base));
  const whole = Math.floor(hundredths / 100);
  const frac = String(hundredths % 100).padStart(2, '0');
  return `${whole}${decimalComma ? ',' : '.'}${frac}%`;
}
