import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError, JsonLogger } from '#core';
import { MeetingAccess, MeetingsErrorCode, MeetingStatus, type MeetingEntity } from '#meetings';
import { RealtimeService, type TypedEmitter } from '#realtime';
import { AttendanceReadService } from './attendance-read.service.js';
import { AttendanceErrorCode } from './attendance.errors.js';
import type { AttendanceListItem, AttendanceServerEvents, AttendanceSummary, CheckInInput, CheckInResult } from './attendance.types.js';

/** Check-in and check-out happen while the meeting is open (check-in started) or in session. */
const CHECK_IN_STATUSES: MeetingStatus[] = [MeetingStatus.Open, MeetingStatus.InSession];
/** An absence can also be excused ahead of time. */
const EXCUSE_STATUSES: MeetingStatus[] = [MeetingStatus.Scheduled, MeetingStatus.Open, MeetingStatus.InSession];

/**
 * Attendance writes. Every write is one INSERT ... ON CONFLICT / UPDATE ... WHERE on the (meeting, delegate)
 * unique index, so concurrent check-ins (two kiosks seeing the same face) cannot duplicate or flip-flop.
 */
@Injectable()
export class AttendanceService {
  private readonly live: TypedEmitter<AttendanceServerEvents>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly read: AttendanceReadService,
    private readonly access: MeetingAccess,
    realtime: RealtimeService,
    private readonly logger: JsonLogger,
  ) {
    this.live = realtime.typed<AttendanceServerEvents>();
  }

  /** Idempotent: the first check-in wins; a later one for someone present returns `created: false`. */
  async checkIn(input: CheckInInput): Promise<CheckInResult> {
    await this.assertMeeting(input.meetingId, CHECK_IN_STATUSES);
    await this.assertInvited(input.meetingId, input.delegateId);
    // an excused or left record turns back to present; a present one is left alone (DO UPDATE ... WHERE)
    const changed = await this.dataSource.query<{ id: string }[]>(
      `INSERT INTO attendance_records
         (meeting_id, delegate_id, status, method, checked_in_at, distance, score, kiosk_id, recorded_by)
       VALUES ($1, $2, 'present', $3, now(), $4, $5, $6, $7)
       ON CONFLICT (meeting_id, delegate_id) DO UPDATE SET
         status = 'present', method = EXCLUDED.method, checked_in_at = EXCLUDED.checked_in_at,
         checked_out_at = NULL, absence_reason = NULL, distance = EXCLUDED.distance, score = EXCLUDED.score,
         kiosk_id = EXCLUDED.kiosk_id, recorded_by = EXCLUDED.recorded_by, updated_at = now()
       WHERE attendance_records.status <> 'present'
       RETURNING id`,
      [input.meetingId, input.delegateId, input.method, input.distance ?? null, input.score ?? null, input.kioskId ?? null, input.recordedBy ?? null],
    );
    const created = changed.length > 0;
    const record = created ? await this.publish(input.meetingId, input.delegateId) : await this.mustItem(input.meetingId, input.delegateId);
    return { created, record };
  }

  async checkOut(meetingId: string, delegateId: string, recordedBy: string | null): Promise<AttendanceListItem> {
    await this.assertMeeting(meetingId, CHECK_IN_STATUSES);
    const rows = await this.dataSource.query<{ id: string }[]>(
      // wrapped in a CTE: TypeORM answers a bare UPDATE with [rows, count] but a SELECT with rows
      `WITH left_hall AS (
         UPDATE attendance_records SET status = 'left', checked_out_at = now(), recorded_by = $3, updated_at = now()
          WHERE meeting_id = $1 AND delegate_id = $2 AND status = 'present'
          RETURNING id)
       SELECT id FROM left_hall`,
      [meetingId, delegateId, recordedBy],
    );
    if (rows.length === 0) {
      await this.assertInvited(meetingId, delegateId);
      throw new DomainError(AttendanceErrorCode.NOT_CHECKED_IN, 'This delegate is not checked in');
    }
    return this.publish(meetingId, delegateId);
  }

  /** Records an excused absence; someone present who is excused is checked out at the same time. */
  async markExcused(meetingId: string, delegateId: string, reason: string, recordedBy: string | null): Promise<AttendanceListItem> {
    await this.assertMeeting(meetingId, EXCUSE_STATUSES);
    await this.assertInvited(meetingId, delegateId);
    await this.dataSource.query(
      `INSERT INTO attendance_records (meeting_id, delegate_id, status, method, absence_reason, recorded_by)
       VALUES ($1, $2, 'excused', NULL, $3, $4)
       ON CONFLICT (meeting_id, delegate_id) DO UPDATE SET
         status = 'excused', absence_reason = EXCLUDED.absence_reason, recorded_by = EXCLUDED.recorded_by,
         checked_out_at = CASE WHEN attendance_records.status = 'present' THEN now() ELSE attendance_records.checked_out_at END,
         updated_at = now()`,
      [meetingId, delegateId, reason, recordedBy],
    );
    return this.publish(meetingId, delegateId);
  }

  isPresent(meetingId: string, delegateId: string): Promise<boolean> {
    return this.read.isPresent(meetingId, delegateId);
  }

  summary(meetingId: string): Promise<AttendanceSummary> {
    return this.read.summary(meetingId);
  }

  async assertInvited(meetingId: string, delegateId: string): Promise<void> {
    if (!(await this.access.isInvited(meetingId, delegateId))) {
      throw new DomainError(MeetingsErrorCode.NOT_INVITED, 'This delegate is not invited to the meeting');
    }
  }

  async assertMeeting(meetingId: string, allowed: MeetingStatus[]): Promise<MeetingEntity> {
    const meeting = await this.access.getOrFail(meetingId);
    this.access.assertStatus(meeting, allowed, AttendanceErrorCode.MEETING_NOT_OPEN);
    return meeting;
  }


  private async mustItem(meetingId: string, delegateId: string): Promise<AttendanceListItem> {
    const item = await this.read.item(meetingId, delegateId);
    if (!item) throw new DomainError(MeetingsErrorCode.NOT_INVITED, 'This delegate is not invited to the meeting');
    return item;
  }

  /** Pushes the new summary to the hall and summary + record to staff; a failure here never undoes the write. */
  private async publish(meetingId: string, delegateId: string): Promise<AttendanceListItem> {
    const record = await this.mustItem(meetingId, delegateId);
    try {
      const summary = await this.read.summary(meetingId);
      this.live.toMeetingHall(meetingId, 'attendance:updated', { meetingId, summary });
      this.live.toMeetingStaff(meetingId, 'attendance:updated', { meetingId, summary, record });
    } catch (err: unknown) {
      this.logger.write('error', 'attendance:updated not sent', { meetingId, delegateId, error: err instanceof Error ? err.stack : String(err) });
    }
    return record;
  }
}
