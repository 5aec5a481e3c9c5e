import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, DomainError, ErrorCode, type AuthUser } from '#core';
import { MeetingEvents } from '../events/meeting-events.js';
import { canTransition, MeetingStatus } from '../meeting-status.js';
import { MeetingEntity } from '../meeting.entity.js';
import { MeetingsErrorCode } from '../meetings.errors.js';
import { MeetingQuorumProbe } from './meeting-quorum-probe.js';

export interface ChangeStatusOptions {
  /** Opening the session below the quorum: the secretary has been told and confirms; the minutes record it. */
  confirmBelowQuorum?: boolean;
}

/**
 * Moves a meeting along draft -> scheduled -> open -> in_session -> closed (or back scheduled -> draft), and stamps
 * the actual time of each step (the minutes state those, not the schedule).
 * The move is one conditional UPDATE (`WHERE status = from`), so of two concurrent calls exactly one wins.
 */
@Injectable()
export class ChangeMeetingStatusUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: MeetingEvents,
    private readonly quorum: MeetingQuorumProbe,
    private readonly clock: Clock,
  ) {}

  async execute(user: AuthUser, meetingId: string, to: MeetingStatus, opts: ChangeStatusOptions = {}): Promise<MeetingEntity> {
    const repo = this.dataSource.getRepository(MeetingEntity);
    const meeting = await repo.findOne({ where: { id: meetingId } });
    if (!meeting) throw DomainError.notFound('Meeting', meetingId);
    const from = meeting.status;
    if (!canTransition(from, to)) throw illegal(from, to);
    const now = this.clock.now();
    const set: Partial<MeetingEntity> = { status: to };
    if (to === MeetingStatus.Open) set.checkInOpenedAt = now;
    if (to === MeetingStatus.Closed) set.closedAt = now;
    if (to === MeetingStatus.InSession) {
      // the session is held only with the quorum of the body's members (Law 72/2025/QH15 on local government and the
      // body's working regulation, Decree 314/2025/ND-CP for UBND); below it the secretary must confirm, and it is recorded
      const q = await this.quorum.read(meetingId);
      set.sessionOpenedAt = now;
      if (q) {
        set.openingPresent = q.present;
        set.openingRequired = q.required;
        if (!q.reached) {
          if (!opts.confirmBelowQuorum) {
            throw new DomainError(
              MeetingsErrorCode.QUORUM_NOT_REACHED,
              `Only ${q.present} of the ${q.required} members required are present; send confirmBelowQuorum: true to open the session anyway (the minutes will say so)`,
              { present: q.present, required: q.required },
            );
          }
          set.openedBelowQuorum = true;
        }
      }
    }
    const result = await repo
      .createQueryBuilder()
      .update(MeetingEntity)
      .set(set)
      .where('id = :id AND status = :from', { id: meetingId, from })
      .returning(['id'])
      .execute();
    if ((result.affected ?? (result.raw as unknown[]).length) !== 1) {
      // someone else moved it first: report what it is now
      const current = await repo.findOne({ where: { id: meetingId } });
      throw illegal(current?.status ?? from, to, true);
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
