import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError, ErrorCode } from '#core';
import { BodyMemberEntity, DelegateEntity } from '#delegates';
import { PREPARABLE_STATUSES } from '../access/meeting-rules.js';
import { lockMeetingFor } from '../access/meetings.service.js';
import { InvitationKind, MeetingInvitationEntity } from '../meeting-invitation.entity.js';

export interface InvitationView {
  delegateId: string;
  fullName: string;
  title: string | null;
  organization: string | null;
  kind: InvitationKind;
  canVote: boolean;
  invitedAt: Date;
}

const view = (i: MeetingInvitationEntity): InvitationView => ({
  delegateId: i.delegateId,
  fullName: i.delegate?.fullName ?? '',
  title: i.delegate?.title ?? null,
  organization: i.delegate?.organization ?? null,
  kind: i.kind,
  canVote: i.canVote,
  invitedAt: i.createdAt,
});

/** Who is invited: members of the body (voting right from the registry) and guests (never vote). */
@Injectable()
export class InvitationsService {
  constructor(private readonly dataSource: DataSource) {}

  async list(meetingId: string): Promise<InvitationView[]> {
    const rows = await this.dataSource.getRepository(MeetingInvitationEntity).find({
      where: { meetingId },
      relations: { delegate: true },
      order: { kind: 'DESC', createdAt: 'ASC' },
    });
    return rows.sort((a, b) => (a.kind === b.kind ? (a.delegate?.fullName ?? '').localeCompare(b.delegate?.fullName ?? '', 'vi') : a.kind === InvitationKind.Member ? -1 : 1)).map(view);
  }

  /** Invites one delegate; a member must be an active member of the body; a second invitation is 409 DUPLICATE. */
  invite(meetingId: string, delegateId: string, kind: InvitationKind): Promise<InvitationView> {
    return this.dataSource.transaction(async (em) => {
      const meeting = await lockMeetingFor(em, meetingId, PREPARABLE_STATUSES);
      const delegate = await em.getRepository(DelegateEntity).findOne({ where: { id: delegateId } });
      if (!delegate || !delegate.active) {
        throw new DomainError(ErrorCode.VALIDATION_FAILED, `Delegate ${delegateId} does not exist or is inactive`, [{ field: 'delegateId', reasons: ['no such active delegate'] }]);
      }
      if (kind === InvitationKind.Member && !(await em.getRepository(BodyMemberEntity).exists({ where: { bodyId: meeting.bodyId, delegateId } }))) {
        throw new DomainError(ErrorCode.VALIDATION_FAILED, 'Only a member of the meeting body can be invited as a member; invite others as guests', [
          { field: 'kind', reasons: ['delegate is not a member of the body'] },
        ]);
      }
      const repo = em.getRepository(MeetingInvitationEntity);
      if (await repo.exists({ where: { meetingId, delegateId } })) {
        throw new DomainError(ErrorCode.DUPLICATE, 'This delegate is already invited', { meetingId, delegateId });
      }
      await repo.insert({ meetingId, delegateId, kind, canVote: kind === InvitationKind.Member && delegate.hasVotingRight });
      return view(await repo.findOneOrFail({ where: { meetingId, delegateId }, relations: { delegate: true } }));
    });
  }

  uninvite(meetingId: string, delegateId: string): Promise<void> {
    return this.dataSource.transaction(async (em) => {
      await lockMeetingFor(em, meetingId, PREPARABLE_STATUSES);
      const result = await em.getRepository(MeetingInvitationEntity).delete({ meetingId, delegateId });
      if (!result.affected) throw DomainError.notFound('Invitation', delegateId);
    });
  }
}
