import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { lockMeetingFor } from '../access/meetings.service.js';
import { EDITABLE_STATUSES } from '../access/meeting-rules.js';
import { MeetingEntity } from '../meeting.entity.js';
import { assertMeetingShape, requiredText, trimOrNull } from './meeting-input.js';
import type { UpdateMeetingDto } from './meetings.dto.js';

/** Edits a meeting while it is a draft or scheduled; afterwards 409 MEETING_LOCKED. */
@Injectable()
export class UpdateMeetingUseCase {
  constructor(private readonly dataSource: DataSource) {}

  execute(meetingId: string, dto: UpdateMeetingDto): Promise<MeetingEntity> {
    return this.dataSource.transaction(async (em) => {
      const meeting = await lockMeetingFor(em, meetingId, EDITABLE_STATUSES);
      if (dto.title !== undefined) meeting.title = requiredText(dto.title, 'title');
      if (dto.location !== undefined) meeting.location = trimOrNull(dto.location);
      if (dto.startsAt !== undefined) meeting.startsAt = new Date(dto.startsAt);
      if (dto.endsAt !== undefined) meeting.endsAt = dto.endsAt === null ? null : new Date(dto.endsAt);
      if (dto.mode !== undefined) meeting.mode = dto.mode;
      if (dto.quorumNumerator !== undefined) meeting.quorumNumerator = dto.quorumNumerator;
      if (dto.quorumDenominator !== undefined) meeting.quorumDenominator = dto.quorumDenominator;
      if (dto.chairName !== undefined) meeting.chairName = trimOrNull(dto.chairName);
      if (dto.secretaryName !== undefined) meeting.secretaryName = trimOrNull(dto.secretaryName);
      assertMeetingShape(meeting);
      return em.getRepository(MeetingEntity).save(meeting);
    });
  }
}
