import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { ParticipantInfo } from 'livekit-server-sdk';
import { DataSource, In, IsNull, Repository } from 'typeorm';
import { Clock, JsonLogger } from '#core';
import { MeetingAccess, MeetingEvents, MeetingMode, MeetingStatus, type MeetingEntity } from '#meetings';
import { isTwirpAlreadyExists, isTwirpNotFound, liveKitFailure, LiveKitClients } from '../livekit.clients.js';
import { SessionSource } from '../sessions/conference-session.entity.js';
import { OnlineSessionsService } from '../sessions/online-sessions.service.js';
import { ConferenceRoomEntity } from './conference-room.entity.js';
import { roomNameFor } from './room-name.js';

/** Statuses in which a meeting has a LiveKit room. */
export const CONFERENCE_ACTIVE: MeetingStatus[] = [MeetingStatus.Open, MeetingStatus.InSession];

/**
 * One LiveKit room per meeting: created when the meeting opens, deleted when it closes, both idempotent.
 * Follows meeting status changes (MeetingEvents); the reconcile job (`syncAll`) catches any it missed.
 */
@Injectable()
export class ConferenceRoomsService implements OnModuleInit {
  constructor(
    private readonly livekit: LiveKitClients,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly logger: JsonLogger,
    private readonly sessions: OnlineSessionsService,
    @InjectRepository(ConferenceRoomEntity) private readonly rooms: Repository<ConferenceRoomEntity>,
    private readonly access: MeetingAccess,
    private readonly meetingEvents: MeetingEvents,
  ) {}

  onModuleInit(): void {
    this.meetingEvents.on('status-changed', (e) => this.onMeetingStatusChanged(e.meetingId, e.to));
  }

  /** For MeetingEvents: never throws (a failed LiveKit call must not undo a meeting transition); the reconcile job retries. */
  async onMeetingStatusChanged(meetingId: string, status: MeetingStatus): Promise<void> {
    if (!this.livekit.enabled) return;
    try {
      if (CONFERENCE_ACTIVE.includes(status)) {
        const room = await this.ensureRoom(meetingId);
        if (room) await this.reconcileParticipants(meetingId);
      } else if (status === MeetingStatus.Closed) {
        await this.closeRoom(meetingId);
      }
    } catch (err: unknown) {
      this.logger.write('error', 'conference room sync failed', { meetingId, status, error: err instanceof Error ? err.message : String(err) });
    }
  }

  /** Creates (or finds) the meeting's room; null for an in-person meeting, which has none. */
  async ensureRoom(meetingOrId: string | MeetingEntity): Promise<ConferenceRoomEntity | null> {
    const meeting = typeof meetingOrId === 'string' ? await this.access.getOrFail(meetingOrId) : meetingOrId;
    if (meeting.mode === MeetingMode.InPerson) return null;
    const settings = this.livekit.settings;
    const name = roomNameFor(meeting.id);
    const invited = await this.access.invitedCount(meeting.id);
    const maxParticipants = invited + settings.roomParticipantMargin;
    let sid: string | null = null;
    try {
      // LiveKit's CreateRoom is get-or-create: a second call answers the existing room
      const room = await this.livekit.rooms.createRoom({
        name,
        emptyTimeout: settings.roomEmptyTimeoutSeconds,
        departureTimeout: 60,
        maxParticipants,
        metadata: JSON.stringify({ meetingId: meeting.id, title: meeting.title }),
      });
      sid = room.sid || null;
    } catch (err: unknown) {
      if (!isTwirpAlreadyExists(err)) throw liveKitFailure('create the room', err);
    }
    const now = this.clock.now();
    await this.dataSource.query(
      `INSERT INTO conference_rooms (meeting_id, room_name, room_sid, max_participants, opened_at)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (meeting_id) DO UPDATE SET room_sid = COALESCE(EXCLUDED.room_sid, conference_rooms.room_sid),
         max_participants = EXCLUDED.max_participants, closed_at = NULL,
         opened_at = CASE WHEN conference_rooms.closed_at IS NULL THEN conference_rooms.opened_at ELSE EXCLUDED.opened_at END`,
      [meeting.id, name, sid, maxParticipants, now],
    );
    return this.rooms.findOneOrFail({ where: { meetingId: meeting.id } });
  }

  /** Deletes the room (already gone is fine) and ends every open online session. */
  async closeRoom(meetingId: string): Promise<void> {
    const name = roomNameFor(meetingId);
    try {
      await this.livekit.rooms.deleteRoom(name);
    } catch (err: unknown) {
      if (!isTwirpNotFound(err)) throw liveKitFailure('delete the room', err);
    }
    const now = this.clock.now();
    await this.rooms.update({ meetingId, closedAt: IsNull() }, { closedAt: now });
    await this.sessions.closeAllOpen(this.dataSource.manager, meetingId, now, SessionSource.Reconcile);
  }

  /** Compares our sessions with LiveKit's participant list; a room LiveKit dropped (empty timeout) is created again. */
  async reconcileParticipants(meetingId: string): Promise<{ opened: number; closed: number }> {
    const name = roomNameFor(meetingId);
    const snapshotAt = this.clock.now();
    let participants: ParticipantInfo[];
    try {
      participants = await this.livekit.rooms.listParticipants(name);
    } catch (err: unknown) {
      if (!isTwirpNotFound(err)) throw liveKitFailure('list participants', err);
      await this.ensureRoom(meetingId);
      participants = [];
    }
    // someone removed who came back with an older token while no webhook reached us: out again, not counted
    const removed = new Set(
      (
        await this.dataSource.query<{ identity: string }[]>(`SELECT identity FROM conference_removals WHERE meeting_id = $1 AND readmitted_at IS NULL`, [meetingId])
      ).map((r) => r.identity),
    );
    for (const p of participants.filter((x) => removed.has(x.identity))) {
      try {
        await this.livekit.rooms.removeParticipant(name, p.identity);
      } catch (err: unknown) {
        if (!isTwirpNotFound(err)) throw liveKitFailure('remove the participant', err);
      }
    }
    participants = participants.filter((p) => !removed.has(p.identity));
    const listed = participants.map((p) => {
      const ms = Number(p.joinedAtMs) || Number(p.joinedAt) * 1000;
      return { sid: p.sid, identity: p.identity, joinedAt: ms > 0 ? new Date(ms) : snapshotAt };
    });
    return this.sessions.reconcile(meetingId, listed, snapshotAt);
  }

  /** The reconcile job: rooms for active meetings, no rooms for closed ones, participants compared. */
  async syncAll(): Promise<{ meetings: number; opened: number; closed: number; roomsClosed: number }> {
    const active = await this.access.inStatus(CONFERENCE_ACTIVE, MeetingMode.InPerson);
    const existing = new Set((await this.rooms.find({ where: { meetingId: In(active.map((m) => m.id)), closedAt: IsNull() } })).map((r) => r.meetingId));
    let opened = 0;
    let closed = 0;
    for (const meeting of active) {
      try {
        if (!existing.has(meeting.id)) await this.ensureRoom(meeting);
        const r = await this.reconcileParticipants(meeting.id);
        opened += r.opened;
        closed += r.closed;
      } catch (err: unknown) {
        this.logger.write('error', 'conference reconcile failed', { meetingId: meeting.id, error: err instanceof Error ? err.message : String(err) });
      }
    }
    const stale = await this.dataSource.query<{ meeting_id: string }[]>(
      `SELECT r.meeting_id FROM conference_rooms r JOIN meetings m ON m.id = r.meeting_id
       WHERE r.closed_at IS NULL AND m.status NOT IN ('open', 'in_session')`,
    );
    for (const row of stale) {
      try {
        await this.closeRoom(row.meeting_id);
      } catch (err: unknown) {
        this.logger.write('error', 'conference room close failed', { meetingId: row.meeting_id, error: err instanceof Error ? err.message : String(err) });
      }
    }
    return { meetings: active.length, opened, closed, roomsClosed: stale.length };
  }
}
