import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AttendanceRecordEntity, AttendanceStatus, CheckInMethod } from '#attendance';

/** What conferencing needs from attendance: "this delegate is present online since `at`". Must be idempotent. */
export interface OnlineAttendancePort {
  checkInOnline(input: { meetingId: string; delegateId: string; at: Date }): Promise<void>;
}

/**
 * SEAM for #attendance: bind ONLINE_ATTENDANCE to an adapter over AttendanceService.checkIn({ meetingId, delegateId,
 * method: 'online', ... }) once it lands. Until then this default writes the attendance row itself, keeping an
 * earlier check-in (face, manual) as it is: one row per delegate per meeting, enforced by uq_attendance_meeting_delegate.
 */
export const ONLINE_ATTENDANCE = Symbol('ONLINE_ATTENDANCE');

@Injectable()
export class DirectOnlineAttendance implements OnlineAttendancePort {
  constructor(private readonly dataSource: DataSource) {}

  async checkInOnline(input: { meetingId: string; delegateId: string; at: Date }): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(AttendanceRecordEntity)
      .values({ meetingId: input.meetingId, delegateId: input.delegateId, status: AttendanceStatus.Present, method: CheckInMethod.Online, checkedInAt: input.at })
      .orIgnore()
      .execute();
  }
}
