import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '#audit';
import type { AuthUser } from '#core';
import { BodyEntity } from '#delegates';
import { lockMeetingFor } from '../access/meetings.service.js';
import { EDITABLE_STATUSES } from '../access/meeting-rules.js';
import { MeetingEntity } from '../meeting.entity.js';
import { overrideRecord } from './create-meeting.use-case.js';
import { assertMeetingShape, requiredText, trimOrNull } from './meeting-input.js';
import { decideQuorum } from './meeting-quorum.js';
import type { UpdateMeetingDto } from './meetings.dto.js';

/** Edits a meeting while it is a draft or scheduled; afterwards 409 MEETING_LOCKED. */
@Injectable()
export class UpdateMeetingUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  execute(user: AuthUser, meetingId: string, dto: UpdateMeetingDto): Promise<MeetingEntity> {
    return this.dataSource.transaction(async (em) => {
      const meeting = await lockMeetingFor(em, meetingId, EDITABLE_STATUSES);
      if (dto.title !== undefined) meeting.title = requiredText(dto.title, 'title');
      if (dto.location !== undefined) meeting.location = trimOrNull(dto.location);
      if (dto.startsAt !== undefined) meeting.startsAt = new Date(dto.startsAt);
      if (dto.endsAt !== undefined) meeting.endsAt = dto.endsAt === null ? null : new Date(dto.endsAt);
      if (dto.mode !== undefined) meeting.mode = dto.mode;
      if (dto.quorumNumerator !== undefined || dto.quorumDenominator !== undefined || dto.quorumOverrideBasis !== undefined) {
        const body = await em.getRepository(BodyEntity).findOneOrFail({ where: { id: meeting.bodyId } });
        const wasOverride = meeting.quorumOverrideBasis;
        Object.assign(
          meeting,
          decideQuorum(user, body.kind, dto.quorumNumerator ?? meeting.quorumNumerator, dto.quorumDenominator ?? meeting.quorumDenominator, dto.quorumOverrideBasis ?? null),
        );
        if (meeting.quorumOverrideBasis && meeting.quorumOverrideBasis !== wasOverride) await this.audit.append(overrideRecord(user, meeting), em);
      }
      if (dto.chairName !== undefined) meeting.chairName = trimOrNull(dto.chairName);
      if (dto.secretaryName !== undefined) meeting.secretaryName = trimOrNull(dto.secretaryName);
      assertMeetingShape(meeting);
      return em.getRepository(MeetingEntity).save(meeting);
    });
  }
}
