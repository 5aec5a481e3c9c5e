import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '#audit';
import { APP_CONFIG, Clock, HealthService, JsonLogger, LeasedJob, LeaseService, Metrics, type AppConfig } from '#core';
import { ConsentEndReason } from '../consent/face-consent.entity.js';
import { FaceNoticeService } from '../consent/face-notice.service.js';
import { FaceGalleryEvents } from '../gallery/face-gallery.events.js';

export interface RetentionPass {
  /** Delegates whose consent ended and descriptors were deleted in this pass, per reason. */
  deactivated: number;
  noBody: number;
  idle: number;
  noticeExpired: number;
  descriptorsDeleted: number;
}

const NOTHING = (): RetentionPass => ({ deactivated: 0, noBody: 0, idle: 0, noticeExpired: 0, descriptorsDeleted: 0 });

/**
 * Biometric retention (Law 91/2025/QH15 Art. 3 and Art. 14: kept no longer than the purpose needs, deleted when it
 * ends): the consent ends and descriptors are deleted when the delegate is deactivated, belongs to no body, has had
 * no check-in for FACE_RETENTION_DAYS, or kept an older notice past FACE_NOTICE_GRACE_DAYS. One instance at a time
 * (lease), each deletion audited with the system as actor; totals in /health (faceRetention) and metrics.
 */
@Injectable()
export class FaceRetentionJob extends LeasedJob<RetentionPass> {
  private lastRun: { at: string; result: RetentionPass } | null = null;
  private readonly totals = NOTHING();
  private readonly deleted: ReturnType<Metrics['counter']>;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    lease: LeaseService,
    logger: JsonLogger,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly notices: FaceNoticeService,
    private readonly events: FaceGalleryEvents,
    private readonly clock: Clock,
    health: HealthService,
    metrics: Metrics,
  ) {
    super('face-retention', NOTHING, config, lease, logger);
    this.deleted = metrics.counter('face_retention_consents_ended_total', 'Biometric consents ended and descriptors deleted by the retention policy', ['reason']);
    health.register('faceRetention', () => ({
      status: 'up',
      retentionDays: this.config.face.retentionDays,
      noticeGraceDays: this.config.face.noticeGraceDays,
      lastRun: this.lastRun,
      totals: { ...this.totals },
    }));
  }

  protected async work(): Promise<RetentionPass> {
    const now = this.clock.now();
    const notice = await this.notices.inForce();
    const idleSince = new Date(now.getTime() - this.config.face.retentionDays * 86_400_000);
    const graceOver = now.getTime() >= (await this.notices.graceEndsAt()).getTime();
    // one row per active consent that must end, with the first reason that applies
    const due = await this.dataSource.query<{ delegate_id: string; consent_id: string; reason: string }[]>(
      `SELECT fc.delegate_id, fc.id AS consent_id,
              CASE WHEN NOT d.active THEN 'deactivated'
                   WHEN NOT EXISTS (SELECT 1 FROM body_members bm WHERE bm.delegate_id = fc.delegate_id) THEN 'no_body'
                   WHEN fc.notice_version <> $1 AND $3 THEN 'notice_expired'
                   ELSE 'idle' END AS reason
         FROM face_consents fc
         JOIN delegates d ON d.id = fc.delegate_id
        WHERE fc.withdrawn_at IS NULL
          AND (NOT d.active
               OR NOT EXISTS (SELECT 1 FROM body_members bm WHERE bm.delegate_id = fc.delegate_id)
               OR (fc.notice_version <> $1 AND $3)
               OR greatest(fc.given_at,
                           (SELECT max(fd.created_at) FROM face_descriptors fd WHERE fd.delegate_id = fc.delegate_id),
                           (SELECT max(ar.checked_in_at) FROM attendance_records ar WHERE ar.delegate_id = fc.delegate_id)) < $2)`,
      [notice.version, idleSince, graceOver],
    );
    const result = NOTHING();
    for (const row of due) {
      const reason = row.reason as 'deactivated' | 'no_body' | 'idle' | 'notice_expired';
      const gone = await this.dataSource.transaction(async (em) => {
        const ended = await em.query<{ id: string }[]>(
          `WITH e AS (UPDATE face_consents SET withdrawn_at = $2, end_reason = $3 WHERE id = $1 AND withdrawn_at IS NULL RETURNING id) SELECT id FROM e`,
          [row.consent_id, now, reason === 'notice_expired' ? ConsentEndReason.NoticeExpired : ConsentEndReason.Retention],
        );
        if (ended.length === 0) return -1;
        const removed = await em.query<{ id: string }[]>(`WITH d AS (DELETE FROM face_descriptors WHERE delegate_id = $1 RETURNING id) SELECT id FROM d`, [row.delegate_id]);
        await this.audit.append(
          {
            action: 'face_retention.deleted',
            entityType: 'delegate',
            entityId: row.delegate_id,
            actorId: null,
            actorRole: 'system',
            payload: { consentId: row.consent_id, reason, descriptorsDeleted: removed.length, retentionDays: this.config.face.retentionDays },
          },
          em,
        );
        return removed.length;
      });
      if (gone < 0) continue;
      result.descriptorsDeleted += gone;
      if (reason === 'deactivated') result.deactivated++;
      else if (reason === 'no_body') result.noBody++;
      else if (reason === 'notice_expired') result.noticeExpired++;
      else result.idle++;
      this.deleted.inc({ reason });
      this.events.emit({ delegateId: row.delegate_id, kind: 'removed' });
    }
    for (const k of Object.keys(result) as (keyof RetentionPass)[]) this.totals[k] += result[k];
    this.lastRun = { at: now.toISOString(), result };
    if (due.length > 0) this.logger.write('info', 'face retention pass', { ...result });
    return result;
  }
}
