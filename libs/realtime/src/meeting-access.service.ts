import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { DomainError, Role, STAFF_ROLES, type AuthUser } from '#core';
import { canViewMeeting, MeetingEntity, MeetingInvitationEntity, MeetingStatus } from '#meetings';
import { RealtimeErrorCode } from './realtime.errors.js';

export interface MeetingAccess {
  meeting: MeetingEntity;
  /** admin, secretary or chair: sees everything of every meeting */
  staff: boolean;
}

/**
 * Who may follow a meeting live: staff any meeting; a delegate the non-draft meetings they are invited to;
 * an observer any non-draft meeting (the rule is #meetings' canViewMeeting).
 */
@Injectable()
export class MeetingAccessService {
  constructor(
    @InjectRepository(MeetingEntity) private readonly meetings: Repository<MeetingEntity>,
    @InjectRepository(MeetingInvitationEntity) private readonly invitations: Repository<MeetingInvitationEntity>,
  ) {}

  async assertCanSee(user: AuthUser, meetingId: string): Promise<MeetingAccess> {
    const meeting = await this.meetings.findOne({ where: { id: meetingId } });
    if (!meeting) throw DomainError.notFound('Meeting', meetingId);
    const staff = STAFF_ROLES.includes(user.role);
    const invited = !staff && user.role === Role.Delegate && !!user.delegateId && (await this.invitations.exists({ where: { meetingId, delegateId: user.delegateId } }));
    // one visibility rule for HTTP and sockets: #meetings owns it
    if (canViewMeeting(user.role, meeting.status, invited)) return { meeting, staff };
    // a draft is not shown to anyone but staff: answer as if it did not exist
    if (meeting.status === MeetingStatus.Draft) throw DomainError.notFound('Meeting', meetingId);
    throw new DomainError(RealtimeErrorCode.NOT_INVITED, 'You are not invited to this meeting');
  }
}
