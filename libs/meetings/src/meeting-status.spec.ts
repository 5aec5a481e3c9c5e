import { canTransition, MEETING_TRANSITIONS, MeetingStatus } from './meeting-status.js';

const { Draft, Scheduled, Open, InSession, Closed } = MeetingStatus;
const LEGAL = new Set([`${Draft}>${Scheduled}`, `${Scheduled}>${Draft}`, `${Scheduled}>${Open}`, `${Open}>${InSession}`, `${InSession}>${Closed}`]);
const ALL = Object.values(MeetingStatus);

describe('meeting status transitions', () => {
  it.each(ALL.flatMap((from) => ALL.map((to) => [from, to] as const)))('%s -> %s', (from, to) => {
    expect(canTransition(from, to)).toBe(LEGAL.has(`${from}>${to}`));
  });

  it('has an entry for every status and closed is terminal', () => {
    expect(Object.keys(MEETING_TRANSITIONS).sort()).toEqual([...ALL].sort());
    expect(MEETING_TRANSITIONS[Closed]).toEqual([]);
  });
});
