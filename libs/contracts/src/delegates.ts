import type { PollKind } from './voting.js';

/** libs/delegates views. */
export interface Delegate {
  id: string;
  fullName: string;
  title: string | null;
  organization: string | null;
  email: string | null;
  phone: string | null;
  hasVotingRight: boolean;
  active: boolean;
}

/** POST /api/delegates, PATCH /api/delegates/:id (libs/delegates CreateDelegateDto, UpdateDelegateDto). */
export interface DelegateInput {
  fullName: string;
  title: string | null;
  organization: string | null;
  email: string | null;
  phone: string | null;
  hasVotingRight: boolean;
}

export interface DelegatePage {
  items: Delegate[];
  total: number;
}

export interface ImportRowError {
  line: number;
  column: string | null;
  reason: string;
}

export interface ImportResult {
  imported: number;
  skipped: number;
  errors: ImportRowError[];
}

/** libs/delegates BodyView. */
export interface Body {
  id: string;
  name: string;
  description: string | null;
  allowProxyVoting: boolean;
  /** The legal profile (libs/legal): fixed at creation. */
  kind: BodyKind;
  profile: ProfileSummary;
  memberCount: number;
}

export type BodyKind = 'peoples_committee' | 'peoples_council' | 'council_standing' | 'other';

/** A decision type of a legal profile (libs/legal), as the poll form offers it: the rule in words and its source. */
export interface DecisionTypeView {
  code: string;
  label: { vi: string; en: string };
  pollKinds: PollKind[];
  /** The law requires a secret ballot: the poll form locks the mode. */
  secret: boolean;
  rule: { vi: string; en: string };
  basis: string;
  /** The text could not be checked against the current law: shown as "to verify". */
  toVerify: boolean;
}

/** A body kind's legal profile in words (libs/delegates profileSummary). */
export interface ProfileSummary {
  label: { vi: string; en: string };
  locked: boolean;
  quorum: { vi: string; en: string; basis: string };
  proxies: { allowed: boolean; basis: string };
  tie: { rule: 'chair_side' | 'chair_side_any' | 'fails'; vi: string; en: string; basis: string };
  decisionTypes: DecisionTypeView[];
  writtenRound: { rule: { vi: string; en: string }; basis: string } | null;
}

/** A member of a body (libs/delegates BodyMemberView); inactive delegates stay listed for the record. */
export interface BodyMember {
  delegateId: string;
  fullName: string;
  title: string | null;
  organization: string | null;
  position: string | null;
  hasVotingRight: boolean;
  active: boolean;
}

export type BodyDetail = Body & { members: BodyMember[] };

export interface BodyInput {
  name: string;
  description: string | null;
  allowProxyVoting: boolean;
  /** Creation only: the kind is never changed. */
  kind?: BodyKind;
}
