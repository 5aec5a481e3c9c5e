import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, IsNull, Repository, type EntityManager } from 'typeorm';
import { AuditService } from '#audit';
import { APP_CONFIG, Clock, DomainError, ErrorCode, type AppConfig, type AuthUser } from '#core';
import { DelegateEntity } from '#delegates';
import { assertCanReadStatus, assertSelfOrAdmin, isSelf } from '../common/face-access.js';
import { FaceErrorCode } from '../common/face-error.js';
import { FaceGalleryEvents } from '../gallery/face-gallery.events.js';
import type { ConsentStatusView, GiveConsentDto, WithdrawResultView } from './consent.dto.js';
import { ConsentMethod, FaceConsentEntity } from './face-consent.entity.js';

const view = (c: FaceConsentEntity) => ({
  method: c.method,
  paperReference: c.paperReference,
  noticeVersion: c.noticeVersion,
  givenAt: c.givenAt,
  recordedBy: c.recordedBy,
  withdrawnAt: c.withdrawnAt,
  withdrawnBy: c.withdrawnBy,
});

/**
 * Opt-in consent to biometric check-in. The delegate gives it themself; an admin records it only with the
 * reference of a signed paper form. Withdrawal deletes every descriptor in the same transaction.
 */
@Injectable()
export class FaceConsentService {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(FaceConsentEntity) private readonly consents: Repository<FaceConsentEntity>,
    @InjectRepository(DelegateEntity) private readonly delegates: Repository<DelegateEntity>,
    private readonly audit: AuditService,
    private readonly events: FaceGalleryEvents,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async status(user: AuthUser, delegateId: string): Promise<ConsentStatusView> {
    assertCanReadStatus(user, delegateId);
    await this.assertDelegate(delegateId);
    const latest = await this.consents.findOne({ where: { delegateId }, order: { givenAt: 'DESC', createdAt: 'DESC' } });
    return {
      delegateId,
      active: !!latest && latest.withdrawnAt === null,
      consent: latest ? view(latest) : null,
      currentNoticeVersion: this.config.face.noticeVersion,
    };
  }

  async give(user: AuthUser, delegateId: string, dto: GiveConsentDto): Promise<ConsentStatusView> {
    assertSelfOrAdmin(user, delegateId);
    await this.assertDelegate(delegateId);
    const self = isSelf(user, delegateId);
    if (dto.noticeVersion !== this.config.face.noticeVersion) {
      throw new DomainError(FaceErrorCode.NOTICE_VERSION_OUTDATED, `The notice in force is version ${this.config.face.noticeVersion}`, {
        given: dto.noticeVersion,
        current: this.config.face.noticeVersion,
      });
    }
    const paperReference = dto.paperReference?.trim() ?? null;
    if (!self && !paperReference) {
      throw new DomainError(FaceErrorCode.PAPER_REFERENCE_REQUIRED, 'An admin records consent only with the reference of the signed paper form');
    }
    if (self && paperReference) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, 'paperReference is for consent recorded by an admin on paper');
    }
    const method = self ? ConsentMethod.Self : ConsentMethod.Paper;
    await this.dataSource.transaction(async (em) => {
      if (await this.activeIn(em, delegateId)) {
        throw new DomainError(FaceErrorCode.CONSENT_ALREADY_GIVEN, 'This delegate has already consented');
      }
      const saved = await em.save(
        em.create(FaceConsentEntity, {
          delegateId,
          method,
          paperReference: self ? null : paperReference,
          noticeVersion: dto.noticeVersion,
          givenAt: this.clock.now(),
          recordedBy: user.id,
          withdrawnAt: null,
          withdrawnBy: null,
        }),
      );
      await this.audit.append(
        {
          action: 'face_consent.given',
          entityType: 'delegate',
          entityId: delegateId,
          actorId: user.id,
          actorRole: user.role,
          payload: { consentId: saved.id, method, noticeVersion: dto.noticeVersion, paperReference: saved.paperReference },
        },
        em,
      );
    });
    return this.status(user, delegateId);
  }

  /** Idempotent: withdrawing without an active consent changes nothing (and still leaves no descriptor). */
  async withdraw(user: AuthUser, delegateId: string): Promise<WithdrawResultView> {
    assertSelfOrAdmin(user, delegateId);
    await this.assertDelegate(delegateId);
    const deleted = await this.dataSource.transaction(async (em) => {
      const rows = await em.query<{ id: string; method: ConsentMethod }[]>(
        `WITH w AS (
           UPDATE face_consents SET withdrawn_at = now(), withdrawn_by = $2
            WHERE delegate_id = $1 AND withdrawn_at IS NULL
            RETURNING id, method)
         SELECT id, method FROM w`,
        [delegateId, user.id],
      );
      const gone = await this.deleteDescriptors(em, delegateId);
      if (rows.length === 0 && gone === 0) return 0;
      await this.audit.append(
        {
          action: 'face_consent.withdrawn',
          entityType: 'delegate',
          entityId: delegateId,
          actorId: user.id,
          actorRole: user.role,
          payload: { consentId: rows[0]?.id ?? null, descriptorsDeleted: gone },
        },
        em,
      );
      return gone;
    });
    this.events.emit({ delegateId, kind: 'removed' });
    return { ...(await this.status(user, delegateId)), descriptorsDeleted: deleted };
  }

  /** The active consent row, locked until the caller's transaction ends (enrolment vs withdrawal). */
  async lockActive(em: EntityManager, delegateId: string): Promise<string> {
    const [row] = await em.query<{ id: string }[]>(`SELECT id FROM face_consents WHERE delegate_id = $1 AND withdrawn_at IS NULL FOR UPDATE`, [delegateId]);
    if (!row) throw consentRequired();
    return row.id;
  }

  async assertActive(delegateId: string): Promise<void> {
    if (!(await this.consents.exists({ where: { delegateId, withdrawnAt: IsNull() } }))) throw consentRequired();
  }

  async deleteDescriptors(em: EntityManager, delegateId: string): Promise<number> {
    const rows = await em.query<{ id: string }[]>(`WITH d AS (DELETE FROM face_descriptors WHERE delegate_id = $1 RETURNING id) SELECT id FROM d`, [delegateId]);
    return rows.length;
  }

  async assertDelegate(delegateId: string): Promise<void> {
    if (!(await this.delegates.exists({ where: { id: delegateId } }))) throw DomainError.notFound('Delegate', delegateId);
  }

  private async activeIn(em: EntityManager, delegateId: string): Promise<boolean> {
    const rows = await em.query<{ id: string }[]>(`SELECT id FROM face_consents WHERE delegate_id = $1 AND withdrawn_at IS NULL`, [delegateId]);
    return rows.length > 0;
  }
}

export function consentRequired(): DomainError {
  return new DomainError(FaceErrorCode.CONSENT_REQUIRED, 'No active biometric consent: no photo is accepted, check this delegate in manually');
}
