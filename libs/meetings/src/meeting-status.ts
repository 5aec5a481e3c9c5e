export enum MeetingStatus {
  Draft = 'draft',
  Scheduled = 'scheduled',
  Open = 'open',
  InSession = 'in_session',
  Closed = 'closed',
}

export enum MeetingMode {
  InPerson = 'in_person',
  Online = 'online',
  Hybrid = 'hybrid',
}

/** The only legal moves; open means check-in has started, in_session means the agenda is running. */
export const MEETING_TRANSITIONS: Record<MeetingStatus, MeetingStatus[]> = {
  [MeetingStatus.Draft]: [MeetingStatus.Scheduled],
  [MeetingStatus.Scheduled]: [MeetingStatus.Draft, MeetingStatus.Open],
  [MeetingStatus.Open]: [MeetingStatus.InSession],
  [MeetingStatus.InSession]: [MeetingStatus.Closed],
  [MeetingStatus.Closed]: [],
};

export function canTransition(from: MeetingStatus, to: MeetingStatus): boolean {
  return MEETING_TRANSITIONS[from].includes(to);
}
