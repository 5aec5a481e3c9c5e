import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { DomainError, ErrorCode, type AuthUser } from '#core';
import { MeetingAccess, type MeetingEntity } from '#meetings';
import { AssignmentsErrorCode } from '../assignments.errors.js';
import { AssignmentTaskEntity } from '../tasks/assignment-task.entity.js';
import { toTaskViews } from '../tasks/task-views.js';
import { ConclusionEditGuards } from './conclusion-edit-guards.js';
import { ConclusionEntity } from './conclusion.entity.js';
import type { ConclusionView, CreateConclusionDto, ReorderConclusionsDto, UpdateConclusionDto } from './conclusions.dto.js';

/**
 * Conclusions of a meeting, in the secretary's order. The public read is `listForMeeting(meetingId)`: conclusions
 * with their agenda item and tasks, for the minutes and exports.
 */
@Injectable()
export class ConclusionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly meetings: MeetingAccess,
    private readonly guards: ConclusionEditGuards,
  ) {}

  /** Every conclusion of the meeting by position, each with its agenda item and tasks (no access check: callers do it). */
  async listForMeeting(meetingId: string, em: EntityManager = this.dataSource.manager): Promise<ConclusionView[]> {
    const rows = await em.getRepository(ConclusionEntity).find({ where: { meetingId }, order: { position: 'ASC' } });
    return this.toViews(em, rows);
  }

  /** For the HTTP route: 404 when the caller may not see the meeting. */
  async list(user: AuthUser, meetingId: string): Promise<ConclusionView[]> {
    await this.meetings.assertCanView(user, meetingId);
    return this.listForMeeting(meetingId);
  }

  async get(meetingId: string, conclusionId: string, em: EntityManager = this.dataSource.manager): Promise<ConclusionView> {
    const row = await findConclusion(em, meetingId, conclusionId);
    const [view] = await this.toViews(em, [row]);
    return view;
  }

  create(user: AuthUser, meetingId: string, dto: CreateConclusionDto): Promise<ConclusionView> {
    return this.dataSource.transaction(async (em) => {
      await this.lockForEdit(em, meetingId);
      const agendaItemId = await this.checkAgendaItem(em, meetingId, dto.agendaItemId ?? null);
      const repo = em.getRepository(ConclusionEntity);
      const last = await repo.findOne({ where: { meetingId }, order: { position: 'DESC' } });
      const row = await repo.save(repo.create({ meetingId, agendaItemId, position: (last?.position ?? 0) + 1, text: requiredText(dto.text), createdBy: user.id }));
      return this.get(meetingId, row.id, em);
    });
  }

  update(meetingId: string, conclusionId: string, dto: UpdateConclusionDto): Promise<ConclusionView> {
    return this.dataSource.transaction(async (em) => {
      await this.lockForEdit(em, meetingId);
      const row = await findConclusion(em, meetingId, conclusionId);
      if (dto.agendaItemId !== undefined) row.agendaItemId = await this.checkAgendaItem(em, meetingId, dto.agendaItemId);
      if (dto.text !== undefined) row.text = requiredText(dto.text);
      await em.getRepository(ConclusionEntity).save(row);
      return this.get(meetingId, conclusionId, em);
    });
  }

  /** Removes the conclusion with its tasks and closes the gap in positions. */
  remove(meetingId: string, conclusionId: string): Promise<void> {
    return this.dataSource.transaction(async (em) => {
      await this.lockForEdit(em, meetingId);
      const row = await findConclusion(em, meetingId, conclusionId);
      const repo = em.getRepository(ConclusionEntity);
      await repo.delete({ id: row.id });
      // ascending, so the unique (meeting, position) index never sees two rows at once
      const after = await repo.createQueryBuilder('c').where('c.meeting_id = :meetingId AND c.position > :p', { meetingId, p: row.position }).orderBy('c.position', 'ASC').getMany();
      for (const c of after) await repo.update({ id: c.id }, { position: c.position - 1 });
    });
  }

  /** The ids must be exactly the meeting's conclusions; positions become 1..n in that order. */
  reorder(meetingId: string, dto: ReorderConclusionsDto): Promise<ConclusionView[]> {
    return this.dataSource.transaction(async (em) => {
      await this.lockForEdit(em, meetingId);
      const repo = em.getRepository(ConclusionEntity);
      const rows = await repo.find({ where: { meetingId } });
      const ids = dto.conclusionIds.map((id) => id.toLowerCase());
      const same = ids.length === rows.length && new Set(ids).size === ids.length && rows.every((r) => ids.includes(r.id));
      if (!same) throw new DomainError(ErrorCode.VALIDATION_FAILED, 'conclusionIds must list every conclusion of the meeting exactly once', { expected: rows.length });
      // park every row past the current range first, so the unique (meeting, position) index never sees a clash
      const offset = rows.length + 1000;
      for (const r of rows) await repo.update({ id: r.id }, { position: r.position + offset });
      for (const [i, id] of ids.entries()) await repo.update({ id }, { position: i + 1 });
      return this.listForMeeting(meetingId, em);
    });
  }

  /** Locks the meeting row and runs the edit guards; used by task definition writes as well. */
  async lockForEdit(em: EntityManager, meetingId: string): Promise<MeetingEntity> {
    const meeting = await this.meetings.lock(em, meetingId);
    await this.guards.check(em, meetingId);
    return meeting;
  }

  private async toViews(em: EntityManager, rows: ConclusionEntity[]): Promise<ConclusionView[]> {
    if (rows.length === 0) return [];
    const itemIds = [...new Set(rows.map((r) => r.agendaItemId).filter((id): id is string => id !== null))];
    const items = new Map((await this.meetings.agendaItemsById(itemIds, em)).map((i) => [i.id, i]));
    const tasks = await em.getRepository(AssignmentTaskEntity).find({ where: { conclusionId: In(rows.map((r) => r.id)) }, order: { createdAt: 'ASC', id: 'ASC' } });
    const taskViews = await toTaskViews(em, tasks);
    return rows.map((r) => {
      const item = r.agendaItemId ? items.get(r.agendaItemId) : undefined;
      return {
        id: r.id,
        meetingId: r.meetingId,
        agendaItemId: r.agendaItemId,
        agendaItem: item ? { id: item.id, position: item.position, title: item.title } : null,
        position: r.position,
        text: r.text,
        createdBy: r.createdBy,
        createdAt: r.createdAt.toISOString(),
        updatedAt: r.updatedAt.toISOString(),
        tasks: taskViews.filter((t) => t.conclusionId === r.id),
      };
    });
  }

  private async checkAgendaItem(em: EntityManager, meetingId: string, agendaItemId: string | null): Promise<string | null> {
    if (agendaItemId === null) return null;
    const [item] = await this.meetings.agendaItemsById([agendaItemId], em);
    if (!item) throw DomainError.notFound('Agenda item', agendaItemId);
    if (item.meetingId !== meetingId) throw new DomainError(AssignmentsErrorCode.AGENDA_ITEM_MISMATCH, 'The agenda item belongs to another meeting', { agendaItemId });
    return item.id;
  }
}

export async function findConclusion(em: EntityManager, meetingId: string, conclusionId: string): Promise<ConclusionEntity> {
  const row = await em.getRepository(ConclusionEntity).findOne({ where: { id: conclusionId, meetingId } });
  if (!row) throw DomainError.notFound('Conclusion', conclusionId);
  return row;
}


function requiredText(value: string): string {
  const text = value.normalize('NFC').trim();
  if (!text) throw new DomainError(ErrorCode.VALIDATION_FAILED, 'text must not be blank', [{ field: 'text', reasons: ['must not be blank'] }]);
  return text;
}
