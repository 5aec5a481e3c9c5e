import { Role, STAFF_ROLES } from '#core';
import { MeetingStatus } from '../meeting-status.js';

/** Staff (admin, secretary, chair) see every meeting and every document. */
export function seesAllMeetings(role: Role): boolean {
  return STAFF_ROLES.includes(role);
}

/**
 * Who may see a meeting: staff always; delegates when invited and the meeting is no longer a draft;
 * observers any non-draft meeting. A draft is the secretariat's work in progress.
 */
export function canViewMeeting(role: Role, status: MeetingStatus, invited: boolean): boolean {
  if (seesAllMeetings(role)) return true;
  if (status === MeetingStatus.Draft) return false;
  if (role === Role.Observer) return true;
  if (role === Role.Delegate) return invited;
  return false;
}

/** Documents (the paper replacement) go to staff and invited delegates only. */
export function canReadDocuments(role: Role, status: MeetingStatus, invited: boolean): boolean {
  if (seesAllMeetings(role)) return true;
  return role === Role.Delegate && invited && status !== MeetingStatus.Draft;
}

/** Title, time, place, mode and quorum may change only before the meeting opens. */
export const EDITABLE_STATUSES: MeetingStatus[] = [MeetingStatus.Draft, MeetingStatus.Scheduled];

/** Invitations, agenda and documents may change until the meeting is closed. */
export const PREPARABLE_STATUSES: MeetingStatus[] = [MeetingStatus.Draft, MeetingStatus.Scheduled, MeetingStatus.Open, MeetingStatus.InSession];

/** Members needed for quorum: at least numerator/denominator of all members, in integers (no float rounding). */
export function quorumRequired(memberCount: number, numerator: number, denominator: number): number {
  return Math.floor((memberCount * numerator + denominator - 1) / denominator);
}

/** A quorum fraction is valid when 0 < n/d <= 1 with positive integers. */
export function isValidQuorum(numerator: number, denominator: number): boolean {
  return Number.isInteger(numerator) && Number.isInteger(denominator) && numerator > 0 && denominator > 0 && numerator <= denominator;
}

/** Ids that are not exactly a permutation of the current items: what is missing, unknown or repeated. */
export function permutationProblems(current: string[], proposed: string[]): { missing: string[]; unknown: string[]; duplicates: string[] } | null {
  const have = new Set(current);
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const id of proposed) {
    if (seen.has(id)) duplicates.add(id);
    seen.add(id);
  }
  const missing = current.filter((id) => !seen.has(id));
  const unknown = [...seen].filter((id) => !have.has(id));
  if (missing.length === 0 && unknown.length === 0 && duplicates.size === 0 && proposed.length === current.length) return null;
  return { missing, unknown, duplicates: [...duplicates] };
}
