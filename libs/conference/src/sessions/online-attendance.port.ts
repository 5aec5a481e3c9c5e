import { Injectable } from '@nestjs/common';
import { AttendanceService, CheckInMethod } from '#attendance';
import { DomainError, JsonLogger } from '#core';

/** What conferencing needs from attendance: "this delegate is present online since `at`". Must be idempotent. */
export interface OnlineAttendancePort {
  checkInOnline(input: { meetingId: string; delegateId: string; at: Date }): Promise<void>;
}

export const ONLINE_ATTENDANCE = Symbol('ONLINE_ATTENDANCE');

/**
 * Online presence through the attendance library, so it counts toward quorum and is pushed live like any
 * check-in; an earlier check-in (face, manual) is kept, since the first check-in wins.
 */
@Injectable()
export class AttendanceOnlineAdapter implements OnlineAttendancePort {
  constructor(
    private readonly attendance: AttendanceService,
    private readonly logger: JsonLogger,
  ) {}

  async checkInOnline(input: { meetingId: string; delegateId: string; at: Date }): Promise<void> {
    try {
      await this.attendance.checkIn({ meetingId: input.meetingId, delegateId: input.delegateId, method: CheckInMethod.Online });
    } catch (err: unknown) {
      // a participant who is not an invited delegate of an open meeting joins the room but is not counted
      if (!(err instanceof DomainError)) throw err;
      this.logger.write('info', 'online participant not counted as present', { ...input, code: err.code });
    }
  }
}
