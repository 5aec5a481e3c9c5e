import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError } from '#core';
import { PREPARABLE_STATUSES } from '../access/meeting-rules.js';
import { lockMeetingFor } from '../access/meetings.service.js';
import { AgendaItemEntity } from '../agenda-item.entity.js';
import { requiredText, trimOrNull } from '../meetings/meeting-input.js';
import type { AgendaItemInputDto, UpdateAgendaItemDto } from './agenda.dto.js';

/** Append, edit and remove agenda items; every write locks the meeting row, so appends get distinct positions. */
@Injectable()
export class AgendaService {
  constructor(private readonly dataSource: DataSource) {}

  list(meetingId: string): Promise<AgendaItemEntity[]> {
    return this.dataSource.getRepository(AgendaItemEntity).find({ where: { meetingId }, order: { position: 'ASC' } });
  }

  /** Appends an item; inside the caller's transaction when `em` is given (another library's write that adds an item). */
  append(meetingId: string, dto: Pick<AgendaItemInputDto, 'title' | 'description' | 'presenter'>, em?: EntityManager): Promise<AgendaItemEntity> {
    const run = async (em: EntityManager): Promise<AgendaItemEntity> => {
      await lockMeetingFor(em, meetingId, PREPARABLE_STATUSES);
      const repo = em.getRepository(AgendaItemEntity);
      const last = await repo.findOne({ where: { meetingId }, order: { position: 'DESC' } });
      return repo.save(
        repo.create({ meetingId, position: (last?.position ?? 0) + 1, title: requiredText(dto.title, 'title'), description: trimOrNull(dto.description), presenter: trimOrNull(dto.presenter) }),
      );
    };
    return em ? run(em) : this.dataSource.transaction(run);
  }

  update(meetingId: string, itemId: string, dto: UpdateAgendaItemDto): Promise<AgendaItemEntity> {
    return this.dataSource.transaction(async (em) => {
      await lockMeetingFor(em, meetingId, PREPARABLE_STATUSES);
      const item = await findItem(em, meetingId, itemId);
      if (dto.title !== undefined) item.title = requiredText(dto.title, 'title');
      if (dto.description !== undefined) item.description = trimOrNull(dto.description);
      if (dto.presenter !== undefined) item.presenter = trimOrNull(dto.presenter);
      return em.getRepository(AgendaItemEntity).save(item);
    });
  }

  /** Removes the item (its documents go with it) and closes the gap in positions. */
  remove(meetingId: string, itemId: string): Promise<void> {
    return this.dataSource.transaction(async (em) => {
      await lockMeetingFor(em, meetingId, PREPARABLE_STATUSES);
      const item = await findItem(em, meetingId, itemId);
      const repo = em.getRepository(AgendaItemEntity);
      await repo.delete({ id: item.id });
      // items after it move up one, ascending so the unique (meeting, position) index never sees two at once
      const after = await repo.createQueryBuilder('a').where('a.meeting_id = :meetingId AND a.position > :p', { meetingId, p: item.position }).orderBy('a.position', 'ASC').getMany();
      for (const a of after) await repo.update({ id: a.id }, { position: a.position - 1 });
    });
  }
}

export async function findItem(em: EntityManager, meetingId: string, itemId: string): Promise<AgendaItemEntity> {
  const item = await em.getRepository(AgendaItemEntity).findOne({ where: { id: itemId, meetingId } });
  if (!item) throw DomainError.notFound('Agenda item', itemId);
  return item;
}
