import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '#audit';
import { DomainError, ErrorCode, type AuthUser } from '#core';
import { BodyEntity, BodyMemberEntity } from '#delegates';
import { AgendaItemEntity } from '../agenda-item.entity.js';
import { InvitationKind, MeetingInvitationEntity } from '../meeting-invitation.entity.js';
import { MeetingMode, MeetingStatus } from '../meeting-status.js';
import { MeetingEntity } from '../meeting.entity.js';
import { assertMeetingShape, requiredText, trimOrNull } from './meeting-input.js';
import { decideQuorum } from './meeting-quorum.js';
import type { CreateMeetingDto } from './meetings.dto.js';

/** Creates a draft meeting with its agenda and invites every active member of the body, all in one transaction. */
@Injectable()
export class CreateMeetingUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async execute(user: AuthUser, dto: CreateMeetingDto): Promise<MeetingEntity> {
    const startsAt = new Date(dto.startsAt);
    const endsAt = dto.endsAt ? new Date(dto.endsAt) : null;
    if ((dto.quorumNumerator === undefined) !== (dto.quorumDenominator === undefined)) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, 'Give both quorumNumerator and quorumDenominator, or neither', [
        { field: dto.quorumNumerator === undefined ? 'quorumNumerator' : 'quorumDenominator', reasons: ['required with the other quorum field'] },
      ]);
    }
    assertMeetingShape({ startsAt, endsAt, quorumNumerator: dto.quorumNumerator ?? 2, quorumDenominator: dto.quorumDenominator ?? 3 });
    const title = requiredText(dto.title, 'title');
    const agenda = (dto.agenda ?? []).map((a, i) => ({ title: requiredText(a.title, `agenda.${i}.title`), description: trimOrNull(a.description), presenter: trimOrNull(a.presenter) }));

    return this.dataSource.transaction(async (em) => {
      // FOR SHARE: the body cannot be deleted while its meeting is being created
      const body = await em.getRepository(BodyEntity).findOne({ where: { id: dto.bodyId }, lock: { mode: 'pessimistic_read' } });
      if (!body) throw new DomainError(ErrorCode.VALIDATION_FAILED, `Body ${dto.bodyId} does not exist`, [{ field: 'bodyId', reasons: ['no such body'] }]);
      // the body's legal profile sets the quorum floor; below it only an administrator with the legal basis
      const quorum = decideQuorum(user, body.kind, dto.quorumNumerator, dto.quorumDenominator, dto.quorumOverrideBasis);
      assertMeetingShape({ startsAt, endsAt, ...quorum });
      const meeting = await em.getRepository(MeetingEntity).save(
        em.getRepository(MeetingEntity).create({
          bodyId: body.id,
          title,
          location: trimOrNull(dto.location),
          startsAt,
          endsAt,
          mode: dto.mode ?? MeetingMode.Hybrid,
          status: MeetingStatus.Draft,
          ...quorum,
          createdBy: user.id,
          chairName: trimOrNull(dto.chairName),
          secretaryName: trimOrNull(dto.secretaryName),
        }),
      );
      if (quorum.quorumOverrideBasis) await this.audit.append(overrideRecord(user, meeting), em);
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

/** The audit entry of a quorum below the profile floor, with its legal basis. */
export function overrideRecord(user: AuthUser, meeting: MeetingEntity) {
  return {
    action: 'meeting.quorum_overridden',
    entityType: 'meeting',
    entityId: meeting.id,
    actorId: user.id,
    actorRole: user.role,
    meetingId: meeting.id,
    payload: { quorum: `${meeting.quorumNumerator}/${meeting.quorumDenominator}`, basis: meeting.quorumOverrideBasis },
  };
}
