import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError, ErrorCode, type AuthUser } from '#core';
import { BodyEntity, BodyMemberEntity } from '#delegates';
import { AgendaItemEntity } from '../agenda-item.entity.js';
import { InvitationKind, MeetingInvitationEntity } from '../meeting-invitation.entity.js';
import { MeetingMode, MeetingStatus } from '../meeting-status.js';
import { MeetingEntity } from '../meeting.entity.js';
import { assertMeetingShape, requiredText, trimOrNull } from './meeting-input.js';
import type { CreateMeetingDto } from './meetings.dto.js';

/** Creates a draft meeting with its agenda and invites every active member of the body, all in one transaction. */
@Injectable()
export class CreateMeetingUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(user: AuthUser, dto: CreateMeetingDto): Promise<MeetingEntity> {
    const startsAt = new Date(dto.startsAt);
    const endsAt = dto.endsAt ? new Date(dto.endsAt) : null;
    const quorumNumerator = dto.quorumNumerator ?? 2;
    const quorumDenominator = dto.quorumDenominator ?? 3;
    if ((dto.quorumNumerator === undefined) !== (dto.quorumDenominator === undefined)) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, 'Give both quorumNumerator and quorumDenominator, or neither', [
        { field: dto.quorumNumerator === undefined ? 'quorumNumerator' : 'quorumDenominator', reasons: ['required with the other quorum field'] },
      ]);
    }
    assertMeetingShape({ startsAt, endsAt, quorumNumerator, quorumDenominator });
    const title = requiredText(dto.title, 'title');
    const agenda = (dto.agenda ?? []).map((a, i) => ({ title: requiredText(a.title, `agenda.${i}.title`), description: trimOrNull(a.description), presenter: trimOrNull(a.presenter) }));

    return this.dataSource.transaction(async (em) => {
      // FOR SHARE: the body cannot be deleted while its meeting is being created
      const body = await em.getRepository(BodyEntity).findOne({ where: { id: dto.bodyId }, lock: { mode: 'pessimistic_read' } });
      if (!body) throw new DomainError(ErrorCode.VALIDATION_FAILED, `Body ${dto.bodyId} does not exist`, [{ field: 'bodyId', reasons: ['no such body'] }]);
      const meeting = await em.getRepository(MeetingEntity).save(
        em.getRepository(MeetingEntity).create({
          bodyId: body.id,
          title,
          location: trimOrNull(dto.location),
          startsAt,
          endsAt,
          mode: dto.mode ?? MeetingMode.Hybrid,
          status: MeetingStatus.Draft,
          quorumNumerator,
          quorumDenominator,
          createdBy: user.id,
          chairName: trimOrNull(dto.chairName),
          secretaryName: trimOrNull(dto.secretaryName),
        }),
      );
      const members = await em.getRepository(BodyMemberEntity).find({ where: { bodyId: body.id, delegate: { active: true } }, relations: { delegate: true } });
      if (members.length > 0) {
        await em.getRepository(MeetingInvitationEntity).insert(
          members.map((m) => ({ meetingId: meeting.id, delegateId: m.delegateId, kind: InvitationKind.Member, canVote: m.delegate?.hasVotingRight ?? false })),
        );
      }
      if (agenda.length > 0) {
        await em.getRepository(AgendaItemEntity).insert(agenda.map((a, i) => ({ ...a, meetingId: meeting.id, position: i + 1 })));
      }
      return meeting;
    });
  }
}
