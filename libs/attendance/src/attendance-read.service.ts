import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { byVietnameseName } from '#core';
import { MeetingAccess, type InvitationKind } from '#meetings';
import { AttendanceStatus, type CheckInMethod } from './attendance-record.entity.js';
import type { AttendanceListItem, AttendanceSummary } from './attendance.types.js';
import { computeQuorum } from './quorum/quorum.js';

interface CountsRow {
  invited: number;
  members: number;
  present_in_hall: number;
  present_online: number;
  excused: number;
  present_members: number;
}

interface ListRow {
  delegate_id: string;
  full_name: string;
  title: string | null;
  kind: InvitationKind;
  can_vote: boolean;
  status: AttendanceStatus | null;
  method: CheckInMethod | null;
  checked_in_at: Date | string | null;
  checked_out_at: Date | string | null;
  absence_reason: string | null;
  kiosk_id: string | null;
}

const toDate = (v: Date | string | null): Date | null => (v === null ? null : v instanceof Date ? v : new Date(v));

const LIST_SQL = `
  SELECT i.delegate_id, d.full_name, d.title, i.kind, i.can_vote,
         r.status, r.method, r.checked_in_at, r.checked_out_at, r.absence_reason, r.kiosk_id
    FROM meeting_invitations i
    JOIN delegates d ON d.id = i.delegate_id
    LEFT JOIN attendance_records r ON r.meeting_id = i.meeting_id AND r.delegate_id = i.delegate_id
   WHERE i.meeting_id = $1`;

/** Reads: who is here, the summary and the quorum. */
@Injectable()
export class AttendanceReadService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: MeetingAccess,
  ) {}

  async summary(meetingId: string): Promise<AttendanceSummary> {
    const meeting = await this.access.getOrFail(meetingId);
    // members of the body count toward the quorum; invited guests do not
    const [row] = await this.dataSource.query<CountsRow[]>(
      `WITH members AS (
         SELECT bm.delegate_id, d.has_voting_right
           FROM body_members bm JOIN delegates d ON d.id = bm.delegate_id AND d.active
          WHERE bm.body_id = $2)
       SELECT
         (SELECT count(*) FROM meeting_invitations WHERE meeting_id = $1)::int AS invited,
         (SELECT count(*) FROM members)::int AS members,
         count(*) FILTER (WHERE r.status = 'present' AND r.method IN ('face', 'manual', 'qr'))::int AS present_in_hall,
         count(*) FILTER (WHERE r.status = 'present' AND r.method = 'online')::int AS present_online,
         count(*) FILTER (WHERE r.status = 'excused')::int AS excused,
         count(*) FILTER (WHERE r.status = 'present' AND EXISTS (
           SELECT 1 FROM members m WHERE m.delegate_id = r.delegate_id AND m.has_voting_right))::int AS present_members
       FROM attendance_records r
       WHERE r.meeting_id = $1`,
      [meetingId, meeting.bodyId],
    );
    const present = row.present_in_hall + row.present_online;
    return {
      meetingId,
      invited: row.invited,
      members: row.members,
      presentInHall: row.present_in_hall,
      presentOnline: row.present_online,
      present,
      excused: row.excused,
      absent: Math.max(0, row.invited - present - row.excused),
      quorum: computeQuorum(row.members, row.present_members, meeting.quorumNumerator, meeting.quorumDenominator),
    };
  }

  /** Every invited delegate with name, title, method and times. */
  async list(meetingId: string): Promise<AttendanceListItem[]> {
    await this.access.getOrFail(meetingId);
    const rows = await this.dataSource.query<ListRow[]>(`${LIST_SQL} ORDER BY d.full_name, i.delegate_id`, [meetingId]);
    return byVietnameseName(rows.map(toItem), (r) => r.fullName);
  }

  async item(meetingId: string, delegateId: string): Promise<AttendanceListItem | null> {
    const rows = await this.dataSource.query<ListRow[]>(`${LIST_SQL} AND i.delegate_id = $2`, [meetingId, delegateId]);
    return rows.length > 0 ? toItem(rows[0]) : null;
  }

  /** Voting asks this for eligibility. */
  async isPresent(meetingId: string, delegateId: string): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM attendance_records WHERE meeting_id = $1 AND delegate_id = $2 AND status = 'present'`,
      [meetingId, delegateId],
    );
    return rows.length > 0;
  }
}

function toItem(r: ListRow): AttendanceListItem {
  return {
    delegateId: r.delegate_id,
    fullName: r.full_name,
    title: r.title,
    kind: r.kind,
    canVote: r.can_vote,
    status: r.status ?? 'absent',
    method: r.method,
    checkedInAt: toDate(r.checked_in_at),
    checkedOutAt: toDate(r.checked_out_at),
    absenceReason: r.absence_reason,
    kioskId: r.kiosk_id,
  };
}
