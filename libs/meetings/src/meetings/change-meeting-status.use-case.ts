import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError, ErrorCode, type AuthUser } from '#core';
import { MeetingEvents } from '../events/meeting-events.js';
import { canTransition, MeetingStatus } from '../meeting-status.js';
import { MeetingEntity } from '../meeting.entity.js';

/**
 * Moves a meeting along draft -> scheduled -> open -> in_session -> closed (or back scheduled -> draft).
 * The move is one conditional UPDATE (`WHERE status = from`), so of two concurrent calls exactly one wins.
 */
@Injectable()
export class ChangeMeetingStatusUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: MeetingEvents,
  ) {}

  async execute(user: AuthUser, meetingId: string, to: MeetingStatus): Promise<MeetingEntity> {
    const repo = this.dataSource.getRepository(MeetingEntity);
    const meeting = await repo.findOne({ where: { id: meetingId } });
    if (!meeting) throw DomainError.notFound('Meeting', meetingId);
    const from = meeting.status;
    if (!canTransition(from, to)) throw illegal(from, to);
    const result = await repo
      .createQueryBuilder()
      .update(MeetingEntity)
      .set({ status: to })
      .where('id = :id AND status = :from', { id: meetingId, from })
      .returning(['id'])
      .execute();
    if ((result.affected ?? (result.raw as unknown[]).length) !== 1) {
      // someone else moved it first: report what it is now
      const now = await repo.findOne({ where: { id: meetingId } });
      throw illegal(now?.status ?? from, to, true);
    }
    const updated = await repo.findOneOrFail({ where: { id: meetingId } });
    await this.events.emit('status-changed', { meetingId, from, to, changedBy: user.id, at: updated.updatedAt });
    return updated;
  }
}

function illegal(from: MeetingStatus, to: MeetingStatus, concurrent = false): DomainError {
  return new DomainError(
    ErrorCode.ILLEGAL_TRANSITION,
    concurrent ? `The meeting changed status concurrently; it is now ${from}` : `A meeting cannot go from ${from} to ${to}`,
    { from, to },
  );
}
