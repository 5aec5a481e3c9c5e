export interface Quorum {
  /** Members of the body with voting right who must be present: ceil(members * numerator / denominator). */
  required: number;
  /** Members of the body with voting right who are present (in the hall or online). */
  present: number;
  reached: boolean;
  /** The fraction as written, e.g. '2/3'. */
  rule: string;
}

/** Integer arithmetic only: ceil(15 * 2 / 3) must be exactly 10, never 10.000000001. */
export function computeQuorum(members: number, presentMembers: number, numerator: number, denominator: number): Quorum {
  if (!Number.isInteger(members) || members < 0) throw new RangeError(`members must be a non-negative integer, got ${members}`);
  if (!Number.isInteger(presentMembers) || presentMembers < 0) throw new RangeError(`presentMembers must be a non-negative integer, got ${presentMembers}`);
  if (!Number.isInteger(numerator) || !Number.isInteger(denominator) || numerator < 0 || denominator <= 0) {
    throw new RangeError(`quorum rule must be a non-negative integer fraction, got ${numerator}/${denominator}`);
  }
  const required = Math.floor((members * numerator + denominator - 1) / denominator);
  // a body with no members can never hold a meeting with a quorum
  const reached = members > 0 && presentMembers >= required;
  return { required, present: presentMembers, reached, rule: `${numerator}/${denominator}` };
}
