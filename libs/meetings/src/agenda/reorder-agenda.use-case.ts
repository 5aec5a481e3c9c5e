import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError, ErrorCode } from '#core';
import { permutationProblems, PREPARABLE_STATUSES } from '../access/meeting-rules.js';
import { lockMeetingFor } from '../access/meetings.service.js';
import { AgendaItemEntity } from '../agenda-item.entity.js';

/** Rewrites every position of the meeting's agenda in one transaction; the ids must be exactly the meeting's items. */
@Injectable()
export class ReorderAgendaUseCase {
  constructor(private readonly dataSource: DataSource) {}

  execute(meetingId: string, itemIds: string[]): Promise<AgendaItemEntity[]> {
    return this.dataSource.transaction(async (em) => {
      await lockMeetingFor(em, meetingId, PREPARABLE_STATUSES);
      const repo = em.getRepository(AgendaItemEntity);
      const current = await repo.find({ where: { meetingId }, order: { position: 'ASC' } });
      const problems = permutationProblems(
        current.map((a) => a.id),
        itemIds,
      );
      if (problems) {
        throw new DomainError(ErrorCode.VALIDATION_FAILED, 'itemIds must list every agenda item of the meeting exactly once', { field: 'itemIds', ...problems });
      }
      // two steps so the unique (meeting, position) index never sees a clash: every item above the current maximum, then final
      const offset = Math.max(0, ...current.map((a) => a.position)) + 1;
      await repo
        .createQueryBuilder()
        .update(AgendaItemEntity)
        .set({ position: () => `position + ${offset}` })
        .where('meeting_id = :meetingId', { meetingId })
        .execute();
      for (const [i, id] of itemIds.entries()) await repo.update({ id }, { position: i + 1 });
      return repo.find({ where: { meetingId }, order: { position: 'ASC' } });
    });
  }
}
