import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository, type EntityManager } from 'typeorm';
import { DomainError, type AuthUser } from '#core';
import { BodyMemberEntity } from '#delegates';
import { MeetingInvitationEntity } from '../meeting-invitation.entity.js';
import type { MeetingStatus } from '../meeting-status.js';
import { MeetingEntity } from '../meeting.entity.js';
import { MeetingsErrorCode } from '../meetings.errors.js';
import { MeetingAccess } from './meeting-access.service.js';

/**
 * The public surface other libraries use to ask about meetings (voting, attendance, opinions, conference).
 * A meeting the caller may not see answers 404, as if it did not exist.
 */
@Injectable()
export class MeetingsService {
  constructor(
    @InjectRepository(MeetingInvitationEntity) private readonly invitations: Repository<MeetingInvitationEntity>,
    @InjectRepository(BodyMemberEntity) private readonly members: Repository<BodyMemberEntity>,
    private readonly access: MeetingAccess,
  ) {}

  getOrFail(id: string): Promise<MeetingEntity> {
    return this.access.getOrFail(id);
  }

  /** The meeting when the caller may see it; 404 otherwise (MeetingAccess: the one policy). */
  async assertCanView(user: AuthUser, meetingId: string): Promise<MeetingEntity> {
    return (await this.access.assertCanView(user, meetingId)).meeting;
  }

  /** The meeting when the caller may read its documents: 404 when they cannot see it, 403 when they see it but may not read. */
  async assertCanReadDocuments(user: AuthUser, meetingId: string): Promise<MeetingEntity> {
    return (await this.access.assertCanReadDocuments(user, meetingId)).meeting;
  }

  isInvited(meetingId: string, delegateId: string): Promise<boolean> {
    return this.invitations.exists({ where: { meetingId, delegateId } });
  }

  getInvitation(meetingId: string, delegateId: string): Promise<MeetingInvitationEntity | null> {
    return this.invitations.findOne({ where: { meetingId, delegateId } });
  }

  /** Active members of the meeting's body: the base for quorum and "majority of all members". */
  async bodyMemberCount(meetingId: string): Promise<number> {
    const meeting = await this.getOrFail(meetingId);
    return this.activeMemberCount(meeting.bodyId);
  }

  activeMemberCount(bodyId: string, em?: EntityManager): Promise<number> {
    const repo = em ? em.getRepository(BodyMemberEntity) : this.members;
    return repo.count({ where: { bodyId, delegate: { active: true } }, relations: { delegate: true } });
  }
}

/**
 * Inside a transaction: locks the meeting row (so a concurrent status change waits) and checks its status allows the change.
 * Only `em` is used, as PGlite serialises connections.
 */
export async function lockMeetingFor(em: EntityManager, meetingId: string, allowed: MeetingStatus[]): Promise<MeetingEntity> {
  const meeting = await em.getRepository(MeetingEntity).findOne({ where: { id: meetingId }, lock: { mode: 'pessimistic_write' } });
  if (!meeting) throw DomainError.notFound('Meeting', meetingId);
  if (!allowed.includes(meeting.status)) {
    throw new DomainError(MeetingsErrorCode.MEETING_LOCKED, `The meeting is ${meeting.status}; this change needs it ${allowed.join(' or ')}`, {
      status: meeting.status,
      allowed,
    });
  }
  return meeting;
}
