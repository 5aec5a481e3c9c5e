import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { TrackSource, TrackType, type ParticipantInfo } from 'livekit-server-sdk';
import { IsNull, Repository } from 'typeorm';
import { DomainError, type AuthUser } from '#core';
import { MeetingAccess } from '#meetings';
import { ConferenceErrorCode } from '../conference.errors.js';
import { isTwirpNotFound, liveKitFailure, LiveKitClients } from '../livekit.clients.js';
import { roomNameFor } from '../rooms/room-name.js';
import { ConferenceRemovalEntity } from './conference-removal.entity.js';

export interface PermissionChange {
  canPublish?: boolean;
  canSubscribe?: boolean;
  canPublishData?: boolean;
}

export interface RemovalView {
  identity: string;
  name: string;
  removedAt: string;
}

export interface ParticipantView {
  sid: string;
  identity: string;
  name: string;
  metadata: string;
  joinedAt: string | null;
  permission: { canPublish: boolean; canSubscribe: boolean; canPublishData: boolean } | null;
  tracks: { sid: string; type: string; source: string; muted: boolean }[];
}

/** What the chair and the secretary do to people in the room: mute a track, remove someone, change what they may do. */
@Injectable()
export class ConferenceModerationService {
  constructor(
    private readonly livekit: LiveKitClients,
    private readonly access: MeetingAccess,
    @InjectRepository(ConferenceRemovalEntity) private readonly removals: Repository<ConferenceRemovalEntity>,
  ) {}

  private async room(meetingId: string): Promise<string> {
    await this.access.getOrFail(meetingId);
    return roomNameFor(meetingId);
  }

  private notFound(action: string, identity: string, err: unknown): DomainError {
    if (isTwirpNotFound(err)) return new DomainError(ConferenceErrorCode.PARTICIPANT_NOT_FOUND, `${identity} is not in the meeting's room`, { identity });
    return liveKitFailure(action, err);
  }

  async participants(meetingId: string): Promise<ParticipantView[]> {
    const room = await this.room(meetingId);
    let list: ParticipantInfo[];
    try {
      list = await this.livekit.rooms.listParticipants(room);
    } catch (err: unknown) {
      if (isTwirpNotFound(err)) return [];
      throw liveKitFailure('list participants', err);
    }
    return list.map((p) => {
      const ms = Number(p.joinedAtMs) || Number(p.joinedAt) * 1000;
      return {
        sid: p.sid,
        identity: p.identity,
        name: p.name,
        metadata: p.metadata,
        joinedAt: ms > 0 ? new Date(ms).toISOString() : null,
        permission: p.permission ? { canPublish: p.permission.canPublish, canSubscribe: p.permission.canSubscribe, canPublishData: p.permission.canPublishData } : null,
        tracks: p.tracks.map((t) => ({ sid: t.sid, type: TrackType[t.type] ?? String(t.type), source: TrackSource[t.source] ?? String(t.source), muted: t.muted })),
      };
    });
  }

  async mute(meetingId: string, identity: string, trackSid: string, muted: boolean): Promise<{ identity: string; trackSid: string; muted: boolean }> {
    const room = await this.room(meetingId);
    try {
      const track = await this.livekit.rooms.mutePublishedTrack(room, identity, trackSid, muted);
      return { identity, trackSid: track?.sid || trackSid, muted: track ? track.muted : muted };
    } catch (err: unknown) {
      throw this.notFound('mute the track', identity, err);
    }
  }

  /**
   * Removes someone from the room and keeps them out until readmitted: the token route refuses them and a join with
   * an older token is removed again (HandleWebhookUseCase). Recorded first, so a join racing the removal is caught.
   */
  async remove(user: AuthUser, meetingId: string, identity: string): Promise<void> {
    const room = await this.room(meetingId);
    let name: string;
    try {
      name = (await this.livekit.rooms.getParticipant(room, identity)).name || identity;
    } catch (err: unknown) {
      throw this.notFound('remove the participant', identity, err);
    }
    await this.removals
      .createQueryBuilder()
      .insert()
      .values({ meetingId, identity, name: name.slice(0, 200), removedBy: user.id })
      .orIgnore()
      .execute();
    try {
      await this.livekit.rooms.removeParticipant(room, identity);
    } catch (err: unknown) {
      // gone meanwhile: the removal stands, so they cannot come back on their own
      if (!isTwirpNotFound(err)) throw liveKitFailure('remove the participant', err);
    }
  }

  /** People removed from the room and not readmitted yet. */
  async removed(meetingId: string): Promise<RemovalView[]> {
    await this.room(meetingId);
    const rows = await this.removals.find({ where: { meetingId, readmittedAt: IsNull() }, order: { removedAt: 'ASC' } });
    return rows.map((r) => ({ identity: r.identity, name: r.name, removedAt: r.removedAt.toISOString() }));
  }

  /** Lets a removed person join again (with a new token). */
  async readmit(user: AuthUser, meetingId: string, identity: string): Promise<void> {
    await this.room(meetingId);
    const result = await this.removals.update({ meetingId, identity, readmittedAt: IsNull() }, { readmittedAt: new Date(), readmittedBy: user.id });
    if (!result.affected) throw new DomainError(ConferenceErrorCode.PARTICIPANT_NOT_REMOVED, `${identity} is not removed from this meeting's room`, { identity });
  }

  /** Whether `identity` is kept out of the meeting's room. */
  isRemoved(meetingId: string, identity: string): Promise<boolean> {
    return this.removals.exists({ where: { meetingId, identity, readmittedAt: IsNull() } });
  }

  async updatePermissions(meetingId: string, identity: string, change: PermissionChange): Promise<ParticipantView['permission']> {
    const room = await this.room(meetingId);
    try {
      // LiveKit replaces the whole permission, so unspecified fields keep their current value
      const current = await this.livekit.rooms.getParticipant(room, identity);
      const p = current.permission;
      const permission = {
        canPublish: change.canPublish ?? p?.canPublish ?? false,
        canSubscribe: change.canSubscribe ?? p?.canSubscribe ?? true,
        canPublishData: change.canPublishData ?? p?.canPublishData ?? false,
        canPublishSources: p?.canPublishSources ?? [],
      };
      const updated = await this.livekit.rooms.updateParticipant(room, identity, { permission });
      const u = updated.permission;
      return u ? { canPublish: u.canPublish, canSubscribe: u.canSubscribe, canPublishData: u.canPublishData } : { canPublish: permission.canPublish, canSubscribe: permission.canSubscribe, canPublishData: permission.canPublishData };
    } catch (err: unknown) {
      throw this.notFound('update the permissions', identity, err);
    }
  }
}
