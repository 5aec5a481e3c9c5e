import { Role } from '#core';
import { MeetingStatus } from '../meeting-status.js';
import { canReadDocuments, canViewMeeting, isValidQuorum, permutationProblems, quorumRequired } from './meeting-rules.js';

describe('meeting visibility', () => {
  it('staff see every meeting, drafts included, invited or not', () => {
    for (const role of [Role.Admin, Role.Secretary, Role.Chair]) {
      for (const status of Object.values(MeetingStatus)) {
        expect(canViewMeeting(role, status, false)).toBe(true);
        expect(canReadDocuments(role, status, false)).toBe(true);
      }
    }
  });

  it('delegates see non-draft meetings they are invited to, and their documents', () => {
    expect(canViewMeeting(Role.Delegate, MeetingStatus.Scheduled, true)).toBe(true);
    expect(canViewMeeting(Role.Delegate, MeetingStatus.Scheduled, false)).toBe(false);
    expect(canViewMeeting(Role.Delegate, MeetingStatus.Draft, true)).toBe(false);
    expect(canReadDocuments(Role.Delegate, MeetingStatus.InSession, true)).toBe(true);
    expect(canReadDocuments(Role.Delegate, MeetingStatus.InSession, false)).toBe(false);
  });

  it('observers see non-draft meetings but never document contents', () => {
    expect(canViewMeeting(Role.Observer, MeetingStatus.Open, false)).toBe(true);
    expect(canViewMeeting(Role.Observer, MeetingStatus.Draft, false)).toBe(false);
    expect(canReadDocuments(Role.Observer, MeetingStatus.Open, true)).toBe(false);
  });
});

describe('quorum', () => {
  it.each([
    [15, 2, 3, 10],
    [16, 2, 3, 11],
    [3, 2, 3, 2],
    [0, 2, 3, 0],
    [10, 1, 2, 5],
    [11, 1, 2, 6],
    [7, 1, 1, 7],
  ])('%i members at %i/%i needs %i', (members, n, d, required) => {
    expect(quorumRequired(members, n, d)).toBe(required);
  });

  it('accepts 0 < n/d <= 1 only', () => {
    expect(isValidQuorum(2, 3)).toBe(true);
    expect(isValidQuorum(3, 3)).toBe(true);
    expect(isValidQuorum(4, 3)).toBe(false);
    expect(isValidQuorum(0, 3)).toBe(false);
    expect(isValidQuorum(1, 0)).toBe(false);
    expect(isValidQuorum(1.5, 3)).toBe(false);
  });
});

describe('agenda permutation', () => {
  it('accepts exactly the same ids in any order', () => {
    expect(permutationProblems(['a', 'b', 'c'], ['c', 'a', 'b'])).toBeNull();
  });

  it('names what is missing, unknown or repeated', () => {
    expect(permutationProblems(['a', 'b', 'c'], ['a', 'b'])).toEqual({ missing: ['c'], unknown: [], duplicates: [] });
    expect(permutationProblems(['a', 'b'], ['a', 'b', 'x'])).toEqual({ missing: [], unknown: ['x'], duplicates: [] });
    expect(permutationProblems(['a', 'b'], ['a', 'a'])).toEqual({ missing: ['b'], unknown: [], duplicates: ['a'] });
    expect(permutationProblems(['a', 'b'], ['a', 'b', 'b'])).toEqual({ missing: [], unknown: [], duplicates: ['b'] });
  });
});
