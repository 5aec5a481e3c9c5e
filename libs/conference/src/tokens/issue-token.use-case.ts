import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { AccessToken } from 'livekit-server-sdk';
import { IsNull, Repository } from 'typeorm';
import { DomainError, Role, UserEntity, type AuthUser } from '#core';
import { InvitationKind, MeetingAccess, MeetingMode, type MeetingEntity } from '#meetings';
import { ConferenceErrorCode } from '../conference.errors.js';
import { LiveKitClients } from '../livekit.clients.js';
import { ConferenceRemovalEntity } from '../moderation/conference-removal.entity.js';
import { CONFERENCE_ACTIVE, ConferenceRoomsService } from '../rooms/conference-rooms.service.js';
import { hallIdentityFor, roomNameFor } from '../rooms/room-name.js';
import { grantFor, type ConferenceRole } from './conference-grants.js';

export interface ConferenceTokenView {
  token: string;
  /** Where the client connects (LIVEKIT_PUBLIC_URL, else LIVEKIT_URL). */
  url: string;
  room: string;
  identity: string;
  role: ConferenceRole;
  expiresAt: string;
  canPublish: boolean;
  canPublishData: boolean;
  roomAdmin: boolean;
}

/** Short-lived LiveKit join tokens: for invited people and staff, with grants by role; one for the hall device. */
@Injectable()
export class IssueConferenceTokenUseCase {
  constructor(
    private readonly livekit: LiveKitClients,
    private readonly rooms: ConferenceRoomsService,
    private readonly access: MeetingAccess,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(ConferenceRemovalEntity) private readonly removals: Repository<ConferenceRemovalEntity>,
  ) {}

  async forUser(user: AuthUser, meetingId: string): Promise<ConferenceTokenView> {
    // a meeting the caller may not see is 404 (MeetingAccess), a delegate who is not invited included
    const { meeting, staff, invitation } = await this.access.assertCanView(user, meetingId);
    let role: ConferenceRole = user.role;
    if (!staff) {
      // an observer sees the meeting but joins its room only when invited
      if (!invitation) throw new DomainError(ConferenceErrorCode.CONFERENCE_NOT_INVITED, 'You are not invited to this meeting, so you cannot join its conference');
      // a guest speaks only when the chair gives the floor (Resolution 103/2025/UBTVQH15: guests attend without a vote)
      if (user.role === Role.Delegate && invitation.kind === InvitationKind.Guest) role = 'guest';
    }
    if (await this.removals.exists({ where: { meetingId, identity: user.id, readmittedAt: IsNull() } })) {
      throw new DomainError(ConferenceErrorCode.CONFERENCE_REMOVED, 'The chair or the secretary removed you from this online meeting; you can join again once they readmit you');
    }
    await this.assertJoinable(meeting);
    const profile = await this.users.findOne({ where: { id: user.id }, select: { id: true, displayName: true } });
    return this.sign(meeting, role, user.id, profile?.displayName ?? user.username, user.delegateId);
  }

  async forHall(meetingId: string): Promise<ConferenceTokenView> {
    const meeting = await this.access.getOrFail(meetingId);
    await this.assertJoinable(meeting);
    return this.sign(meeting, 'hall', hallIdentityFor(meeting.id), `Hội trường: ${meeting.location ?? meeting.title}`.slice(0, 200), null);
  }

  private async assertJoinable(meeting: MeetingEntity): Promise<void> {
    if (meeting.mode === MeetingMode.InPerson) {
      throw new DomainError(ConferenceErrorCode.CONFERENCE_MEETING_NOT_ACTIVE, 'This meeting is held in person only; it has no online room', { status: meeting.status, mode: meeting.mode });
    }
    if (!CONFERENCE_ACTIVE.includes(meeting.status)) {
      throw new DomainError(ConferenceErrorCode.CONFERENCE_MEETING_NOT_ACTIVE, `The meeting is ${meeting.status}; its conference is open only while the meeting is open or in session`, {
        status: meeting.status,
      });
    }
    // the room may have been dropped by LiveKit (empty timeout) or the open event missed: joining needs it now
    await this.rooms.ensureRoom(meeting);
  }

  private async sign(meeting: MeetingEntity, role: ConferenceRole, identity: string, name: string, delegateId: string | null): Promise<ConferenceTokenView> {
    const settings = this.livekit.settings;
    const room = roomNameFor(meeting.id);
    const grant = grantFor(role, room);
    const at = new AccessToken(settings.apiKey, settings.apiSecret, {
      identity,
      name,
      metadata: JSON.stringify({ role, delegateId }),
      ttl: settings.tokenTtlSeconds,
    });
    at.addGrant(grant);
    const token = await at.toJwt();
    return {
      token,
      url: settings.publicUrl,
      room,
      identity,
      role,
      // the JWT's exp is set from the real clock by the SDK, so this says the same
      expiresAt: new Date(Date.now() + settings.tokenTtlSeconds * 1000).toISOString(),
      canPublish: grant.canPublish ?? false,
      canPublishData: grant.canPublishData ?? false,
      roomAdmin: grant.roomAdmin ?? false,
    };
  }
}
