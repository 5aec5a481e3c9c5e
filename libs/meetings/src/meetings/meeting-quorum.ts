import { type AuthUser } from '#core';
import { BodyKind, checkOverride, locked, meetsFloor, profileOf } from '#legal';

export interface QuorumDecision {
  quorumNumerator: number;
  quorumDenominator: number;
  quorumOverrideBasis: string | null;
  quorumOverrideBy: string | null;
}

/**
 * A meeting's quorum under its body's legal profile: the profile's floor when none is given; below the floor only
 * by an administrator with the legal basis (stored, audited, printed in the minutes), else PROFILE_LOCKED.
 */
export function decideQuorum(user: AuthUser, kind: BodyKind, numerator: number | undefined, denominator: number | undefined, overrideBasis: string | null | undefined): QuorumDecision {
  const profile = profileOf(kind);
  const floor = profile.quorumFloor;
  const n = numerator ?? floor?.num ?? 2;
  const d = denominator ?? floor?.den ?? 3;
  if (!floor || meetsFloor({ kind: 'at_least', num: n, den: d }, floor)) {
    return { quorumNumerator: n, quorumDenominator: d, quorumOverrideBasis: null, quorumOverrideBy: null };
  }
  const basis = checkOverride(user, overrideBasis);
  if (!basis) {
    throw locked(`A ${profile.label.en} needs at least ${floor.num}/${floor.den} of all members present (${profile.quorumBasis}); a lower quorum needs an administrator's override with its legal basis`, {
      field: 'quorumNumerator',
      floor: `${floor.num}/${floor.den}`,
      basis: profile.quorumBasis,
    });
  }
  return { quorumNumerator: n, quorumDenominator: d, quorumOverrideBasis: basis, quorumOverrideBy: user.id };
}
