import { Injectable } from '@nestjs/common';

export interface QuorumReading {
  /** Voting members of the body present (hall or online). */
  present: number;
  /** Members needed under the meeting's quorum fraction. */
  required: number;
  reached: boolean;
}

export type QuorumReader = (meetingId: string) => Promise<QuorumReading>;

/**
 * The live quorum as attendance counts it. Attendance depends on meetings, not the other way round, so attendance
 * registers its reader here at start-up (AttendanceModule.onModuleInit).
 */
@Injectable()
export class MeetingQuorumProbe {
  private reader: QuorumReader | null = null;

  register(reader: QuorumReader): void {
    this.reader = reader;
  }

  /** null when no reader is registered (a process without attendance): the caller cannot judge the quorum. */
  read(meetingId: string): Promise<QuorumReading | null> {
    return this.reader ? this.reader(meetingId) : Promise.resolve(null);
  }
}
