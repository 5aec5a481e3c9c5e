import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In, IsNull, Not, type EntityManager } from 'typeorm';
import { Clock, JsonLogger, UserEntity } from '#core';
import { MeetingAccess } from '#meetings';
import { ConferenceSessionEntity, SessionSource } from './conference-session.entity.js';
import { ONLINE_ATTENDANCE, type OnlineAttendancePort } from './online-attendance.port.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ParticipantRef {
  meetingId: string;
  participantSid: string;
  identity: string;
}

export interface Who {
  userId: string | null;
  delegateId: string | null;
}

export interface DelegateOnlineSummary {
  delegateId: string;
  sessions: number;
  online: boolean;
  firstJoinedAt: string | null;
  lastLeftAt: string | null;
  secondsOnline: number;
  minutesOnline: number;
}

/**
 * Online sessions (one per LiveKit participant sid) and the online attendance they give.
 * Writes are upserts that only ever widen a session (earliest join, latest leave), so late, repeated or
 * out-of-order reports converge to the same row.
 */
@Injectable()
export class OnlineSessionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly logger: JsonLogger,
    @Inject(ONLINE_ATTENDANCE) private readonly attendance: OnlineAttendancePort,
    private readonly access: MeetingAccess,
  ) {}

  /** Maps a LiveKit identity (a user id, or a device such as the hall camera) to the user and delegate. */
  async resolve(identity: string, em: EntityManager = this.dataSource.manager): Promise<Who> {
    if (!UUID.test(identity)) return { userId: null, delegateId: null };
    const user = await em.findOne(UserEntity, { where: { id: identity }, select: { id: true, delegateId: true } });
    return user ? { userId: user.id, delegateId: user.delegateId } : { userId: null, delegateId: null };
  }

  async recordJoin(em: EntityManager, p: ParticipantRef & Who & { joinedAt: Date; eventId: string | null }): Promise<void> {
    await em.query(
      `INSERT INTO conference_sessions (meeting_id, participant_sid, identity, user_id, delegate_id, joined_at, join_event_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (participant_sid) DO UPDATE SET
         joined_at = LEAST(conference_sessions.joined_at, EXCLUDED.joined_at),
         left_at = CASE WHEN conference_sessions.left_at IS NULL THEN NULL
                        ELSE GREATEST(conference_sessions.left_at, LEAST(conference_sessions.joined_at, EXCLUDED.joined_at)) END,
         join_event_id = COALESCE(conference_sessions.join_event_id, EXCLUDED.join_event_id),
         updated_at = now()`,
      [p.meetingId, p.participantSid, p.identity, p.userId, p.delegateId, p.joinedAt, p.eventId],
    );
  }

  /** A leave from a webhook is exact and wins over a reconcile guess; `joinedAt` fills a session whose join is still to come. */
  async recordLeave(em: EntityManager, p: ParticipantRef & Who & { leftAt: Date; joinedAt: Date | null; eventId: string | null }): Promise<void> {
    await em.query(
      `INSERT INTO conference_sessions (meeting_id, participant_sid, identity, user_id, delegate_id, joined_at, left_at, leave_event_id, left_source)
       VALUES ($1, $2, $3, $4, $5, $6, GREATEST($7::timestamptz, $6::timestamptz), $8, 'webhook')
       ON CONFLICT (participant_sid) DO UPDATE SET
         joined_at = LEAST(conference_sessions.joined_at, EXCLUDED.joined_at),
         left_at = GREATEST(
           LEAST(conference_sessions.joined_at, EXCLUDED.joined_at),
           CASE WHEN conference_sessions.left_source = 'webhook' THEN GREATEST(conference_sessions.left_at, EXCLUDED.left_at) ELSE EXCLUDED.left_at END),
         leave_event_id = COALESCE(conference_sessions.leave_event_id, EXCLUDED.leave_event_id),
         left_source = 'webhook',
         updated_at = now()`,
      [p.meetingId, p.participantSid, p.identity, p.userId, p.delegateId, p.joinedAt, p.leftAt, p.eventId],
    );
  }

  /** The room is gone (room_finished, meeting closed): whoever is still open left at `at`. */
  async closeAllOpen(em: EntityManager, meetingId: string, at: Date, source: SessionSource): Promise<number> {
    const rows = await em.query<unknown[]>(
      `UPDATE conference_sessions SET left_at = GREATEST($2::timestamptz, joined_at), left_source = $3, updated_at = now()
       WHERE meeting_id = $1 AND left_at IS NULL RETURNING id`,
      [meetingId, at, source],
    );
    return Array.isArray(rows[0]) ? (rows[0] as unknown[]).length : rows.length;
  }

  /**
   * Brings the sessions in line with what LiveKit lists right now: listed sids get a session, open sessions
   * that are no longer listed are closed at `snapshotAt` (a connection that joined after the snapshot is left alone).
   */
  async reconcile(meetingId: string, participants: { sid: string; identity: string; joinedAt: Date }[], snapshotAt: Date): Promise<{ opened: number; closed: number }> {
    let opened = 0;
    const joined: { delegateId: string; at: Date }[] = [];
    for (const p of participants) {
      const who = await this.resolve(p.identity);
      const rows = await this.dataSource.query<{ id: string }[]>(
        `INSERT INTO conference_sessions (meeting_id, participant_sid, identity, user_id, delegate_id, joined_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (participant_sid) DO NOTHING RETURNING id`,
        [meetingId, p.sid, p.identity, who.userId, who.delegateId, p.joinedAt],
      );
      if (rows.length > 0) opened++;
      if (who.delegateId) joined.push({ delegateId: who.delegateId, at: p.joinedAt });
    }
    const graceMs = 10_000;
    const closedRows = await this.dataSource.query<{ id: string }[]>(
      `UPDATE conference_sessions SET left_at = GREATEST($2::timestamptz, joined_at), left_source = 'reconcile', updated_at = now()
       WHERE meeting_id = $1 AND left_at IS NULL AND joined_at < $3::timestamptz AND NOT (participant_sid = ANY($4::varchar[]))
       RETURNING id`,
      [meetingId, snapshotAt, new Date(snapshotAt.getTime() - graceMs), participants.map((p) => p.sid)],
    );
    const closed = Array.isArray(closedRows[0]) ? (closedRows[0] as unknown[]).length : closedRows.length;
    for (const j of joined) await this.checkIn(meetingId, j.delegateId, j.at);
    return { opened, closed };
  }

  /** Online presence counts as attendance for invited delegates only; failures are logged, the next reconcile retries. */
  async checkIn(meetingId: string, delegateId: string, at: Date): Promise<void> {
    try {
      const invited = await this.access.isInvited(meetingId, delegateId);
      if (!invited) return;
      await this.attendance.checkInOnline({ meetingId, delegateId, at });
    } catch (err: unknown) {
      this.logger.write('error', 'online check-in failed', { meetingId, delegateId, error: err instanceof Error ? err.message : String(err) });
    }
  }

  /** Identities connected to the meeting's room right now, per our sessions. */
  async openIdentities(meetingId: string, delegateId: string): Promise<string[]> {
    const rows = await this.dataSource.getRepository(ConferenceSessionEntity).find({
      where: { meetingId, delegateId, leftAt: IsNull(), joinedAt: Not(IsNull()) },
      select: { identity: true },
    });
    return [...new Set(rows.map((r) => r.identity))];
  }

  async sessions(meetingId: string): Promise<ConferenceSessionEntity[]> {
    return this.dataSource.getRepository(ConferenceSessionEntity).find({ where: { meetingId }, order: { joinedAt: 'ASC' } });
  }

  /** Join and leave times and total time online per delegate; overlapping connections (two devices) count once. */
  async summary(meetingId: string, delegateIds?: string[]): Promise<DelegateOnlineSummary[]> {
    const rows = await this.dataSource.getRepository(ConferenceSessionEntity).find({
      where: { meetingId, delegateId: delegateIds ? In(delegateIds) : Not(IsNull()) },
      order: { joinedAt: 'ASC' },
    });
    const now = this.clock.now().getTime();
    const byDelegate = new Map<string, ConferenceSessionEntity[]>();
    for (const r of rows) if (r.delegateId) byDelegate.set(r.delegateId, [...(byDelegate.get(r.delegateId) ?? []), r]);
    return [...byDelegate.entries()].map(([delegateId, list]) => {
      const intervals = list
        .filter((s) => s.joinedAt)
        .map((s) => [s.joinedAt!.getTime(), s.leftAt ? s.leftAt.getTime() : Math.max(now, s.joinedAt!.getTime())] as [number, number])
        .sort((a, b) => a[0] - b[0]);
      let total = 0;
      let current: [number, number] | null = null;
      for (const iv of intervals) {
        if (current && iv[0] <= current[1]) current[1] = Math.max(current[1], iv[1]);
        else {
          if (current) total += current[1] - current[0];
          current = [iv[0], iv[1]];
        }
      }
      if (current) total += current[1] - current[0];
      const joins = list.map((s) => s.joinedAt).filter((d): d is Date => d !== null);
      const leaves = list.map((s) => s.leftAt).filter((d): d is Date => d !== null);
      const online = list.some((s) => s.joinedAt && !s.leftAt);
      return {
        delegateId,
        sessions: list.length,
        online,
        firstJoinedAt: joins.length ? new Date(Math.min(...joins.map((d) => d.getTime()))).toISOString() : null,
        lastLeftAt: !online && leaves.length ? new Date(Math.max(...leaves.map((d) => d.getTime()))).toISOString() : null,
        secondsOnline: Math.round(total / 1000),
        minutesOnline: Math.round(total / 6000) / 10,
      };
    });
  }
}
