/** What kind of collective body meets: fixes its legal profile (see legal-profiles.ts and docs/legal-profiles.md). */
export enum BodyKind {
  /** Ủy ban nhân dân (UBND). */
  PeoplesCommittee = 'peoples_committee',
  /** Hội đồng nhân dân (HĐND), in session (kỳ họp). */
  PeoplesCouncil = 'peoples_council',
  /** Thường trực Hội đồng nhân dân. */
  CouncilStanding = 'council_standing',
  /** Boards, councils of an agency, associations: rules from their own charter, nothing locked. */
  Other = 'other',
}

export const BODY_KINDS: readonly BodyKind[] = [BodyKind.PeoplesCommittee, BodyKind.PeoplesCouncil, BodyKind.CouncilStanding, BodyKind.Other];
