/** One conclusion of the meeting as the minutes print it. */
export interface MinutesConclusion {
  text: string;
  /** Title of the agenda item it concludes, if any. */
  agendaItemTitle: string | null;
  /** Assigned tasks under it, one line each (unit, deadline). */
  tasks: string[];
}

/** Where the minutes read the meeting's conclusions from; bound in MinutesModule. */
export interface ConclusionsSource {
  forMeeting(meetingId: string): Promise<MinutesConclusion[]>;
}

export const MINUTES_CONCLUSIONS = Symbol('MINUTES_CONCLUSIONS');
