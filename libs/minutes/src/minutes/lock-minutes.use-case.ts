import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '#audit';
import { Clock, type AuthUser } from '#core';
import { MeetingAccess } from '#meetings';
import { lockedError } from './locked-error.js';
import { MeetingMinutesEntity, MinutesStatus } from './meeting-minutes.entity.js';
import { minutesHash } from './minutes-hash.js';
import { MinutesService } from './minutes.service.js';
import { toMinutesView, type MinutesView } from './minutes.view.js';

/** Freezes the minutes: SHA-256 over the canonical content, stored and chained into the audit log in one transaction. */
@Injectable()
export class LockMinutesUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly minutes: MinutesService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly access: MeetingAccess,
  ) {}

  async execute(user: AuthUser, meetingId: string): Promise<MinutesView> {
    const locked = await this.dataSource.transaction(async (em) => {
      // the meeting row first, as conclusion edits take it: a conclusion cannot change while the minutes lock
      await this.access.lock(em, meetingId);
      const row = await this.minutes.mustFind(meetingId, em);
      if (row.status === MinutesStatus.Locked) throw lockedError(row);
      row.sha256 = minutesHash(meetingId, row.content);
      row.status = MinutesStatus.Locked;
      row.lockedAt = this.clock.now();
      row.lockedBy = user.id;
      const saved = await em.getRepository(MeetingMinutesEntity).save(row);
      await this.audit.append(
        { action: 'minutes.locked', entityType: 'meeting_minutes', entityId: saved.id, actorId: user.id, actorRole: user.role, meetingId, payload: { sha256: saved.sha256 } },
        em,
      );
      return saved;
    });
    return toMinutesView(locked);
  }
}
