import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, IsNull, Repository, type EntityManager } from 'typeorm';
import { AuditService } from '#audit';
import { APP_CONFIG, Clock, DomainError, ErrorCode, type AppConfig, type AuthUser } from '#core';
import { DelegateEntity } from '#delegates';
import { assertCanReadStatus, assertSelfOrAdmin, isSelf } from '../common/face-access.js';
import { FaceErrorCode } from '../common/face-error.js';
import { FaceGalleryEvents } from '../gallery/face-gallery.events.js';
import { RIGHTS_STATEMENT, SENSITIVE_STATEMENT, WITHDRAWAL_STATEMENT } from './biometric-notice.js';
import type { ConsentRecordDocument, ConsentStatusView, GiveConsentDto, WithdrawResultView } from './consent.dto.js';
import { ConsentEndReason, ConsentMethod, FaceConsentEntity, type ConsentPurpose } from './face-consent.entity.js';
import { FaceNoticeService } from './face-notice.service.js';

const view = (c: FaceConsentEntity) => ({
  id: c.id,
  method: c.method,
  paperReference: c.paperReference,
  noticeVersion: c.noticeVersion,
  noticeSha256: c.noticeSha256,
  purposes: c.purposes ?? [],
  controller: c.controller,
  endReason: c.endReason,
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
    private readonly notices: FaceNoticeService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async status(user: AuthUser, delegateId: string): Promise<ConsentStatusView> {
    assertCanReadStatus(user, delegateId);
    await this.assertDelegate(delegateId);
    const latest = await this.consents.findOne({ where: { delegateId }, order: { givenAt: 'DESC', createdAt: 'DESC' } });
    const notice = await this.notices.inForce();
    const active = !!latest && latest.withdrawnAt === null;
    // an active consent to an older notice keeps its descriptors unmatched until re-consent or the grace end
    const outdated = active && latest.noticeVersion !== notice.version;
    return {
      delegateId,
      active,
      authorisesCheckIn: active && !outdated,
      reconsentRequired: outdated,
      graceEndsAt: outdated ? await this.notices.graceEndsAt() : null,
      consent: latest ? view(latest) : null,
      currentNoticeVersion: notice.version,
      currentNoticeSha256: notice.sha256,
    };
  }

  /** The notice in force, for the consent screen (its text is what the SHA-256 stored with a consent covers). */
  async notice(): Promise<{ version: string; sha256: string; text: string; inForceFrom: Date }> {
    return this.notices.inForce();
  }

  /**
   * Every consent of the person with what they were shown (Law 91/2025/QH15 Art. 9: the controller proves consent).
   * A staff member's read is audited; the person's own is not.
   */
  async record(user: AuthUser, delegateId: string): Promise<ConsentRecordDocument> {
    assertCanReadStatus(user, delegateId);
    await this.assertDelegate(delegateId);
    const [delegate] = await this.dataSource.query<{ full_name: string; title: string | null }[]>(`SELECT full_name, title FROM delegates WHERE id = $1`, [delegateId]);
    const rows = await this.consents.find({ where: { delegateId }, order: { givenAt: 'DESC', createdAt: 'DESC' } });
    const versions = [...new Set(rows.map((r) => r.noticeVersion))];
    const notices = await Promise.all(versions.map((v) => this.notices.byVersion(v)));
    const texts = new Map(notices.filter((n) => n !== null).map((n) => [n.version, n]));
    if (!isSelf(user, delegateId)) {
      await this.audit.append({ action: 'face_consent.record_read', entityType: 'delegate', entityId: delegateId, actorId: user.id, actorRole: user.role, payload: { consents: rows.length } });
    }
    return {
      delegateId,
      fullName: delegate.full_name,
      title: delegate.title,
      generatedAt: this.clock.now(),
      status: await this.status(user, delegateId),
      consents: rows.map((r) => ({
        ...view(r),
        evidence: r.evidence,
        noticeText: texts.get(r.noticeVersion)?.text ?? null,
        noticeTextSha256: texts.get(r.noticeVersion)?.sha256 ?? null,
      })),
    };
  }

  async give(user: AuthUser, delegateId: string, dto: GiveConsentDto): Promise<ConsentStatusView> {
    assertSelfOrAdmin(user, delegateId);
    await this.assertDelegate(delegateId);
    const self = isSelf(user, delegateId);
    const notice = await this.notices.inForce();
    // Law 91/2025/QH15 Art. 9: consent counts only to the text actually shown, so version and hash must both match
    if (dto.noticeVersion !== notice.version || (dto.noticeSha256 !== undefined && dto.noticeSha256.toLowerCase() !== notice.sha256)) {
      throw new DomainError(FaceErrorCode.NOTICE_VERSION_OUTDATED, `The notice in force is version ${notice.version}`, {
        given: dto.noticeVersion,
        current: notice.version,
        currentSha256: notice.sha256,
      });
    }
    const purposes = await this.purposesOf(delegateId);
    const paperReference = dto.paperReference?.trim() ?? null;
    if (!self && !paperReference) {
      throw new DomainError(FaceErrorCode.PAPER_REFERENCE_REQUIRED, 'An admin records consent only with the reference of the signed paper form');
    }
    if (self && paperReference) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, 'paperReference is for consent recorded by an admin on paper');
    }
    const method = self ? ConsentMethod.Self : ConsentMethod.Paper;
    await this.dataSource.transaction(async (em) => {
      const [previous] = await em.query<{ id: string; notice_version: string }[]>(
        `SELECT id, notice_version FROM face_consents WHERE delegate_id = $1 AND withdrawn_at IS NULL FOR UPDATE`,
        [delegateId],
      );
      if (previous?.notice_version === notice.version) {
        throw new DomainError(FaceErrorCode.CONSENT_ALREADY_GIVEN, 'This delegate has already consented');
      }
      if (previous) {
        await em.query(`UPDATE face_consents SET withdrawn_at = $2, withdrawn_by = $3, end_reason = $4 WHERE id = $1`, [previous.id, this.clock.now(), user.id, ConsentEndReason.Superseded]);
      }
      const saved = await em.save(
        em.create(FaceConsentEntity, {
          delegateId,
          method,
          paperReference: self ? null : paperReference,
          noticeVersion: notice.version,
          noticeSha256: notice.sha256,
          purposes,
          controller: this.config.face.controller,
          evidence: { sensitiveStatement: SENSITIVE_STATEMENT, rights: RIGHTS_STATEMENT, withdrawal: WITHDRAWAL_STATEMENT, contact: this.config.face.contact },
          endReason: null,
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
          payload: { consentId: saved.id, method, noticeVersion: notice.version, noticeSha256: notice.sha256, paperReference: saved.paperReference, supersedes: previous?.id ?? null },
        },
        em,
      );
      // re-consent to the new notice: the descriptors kept under the old one match again
      if (previous) await em.query(`UPDATE face_descriptors SET consent_id = $1 WHERE consent_id = $2`, [saved.id, previous.id]);
    });
    if (await this.hasDescriptors(delegateId)) this.events.emit({ delegateId, kind: 'enrolled' });
    return this.status(user, delegateId);
  }

  /** Idempotent: withdrawing without an active consent changes nothing (and still leaves no descriptor). */
  async withdraw(user: AuthUser, delegateId: string): Promise<WithdrawResultView> {
    assertSelfOrAdmin(user, delegateId);
    await this.assertDelegate(delegateId);
    const deleted = await this.dataSource.transaction(async (em) => {
      const rows = await em.query<{ id: string; method: ConsentMethod }[]>(
        `WITH w AS (
           UPDATE face_consents SET withdrawn_at = now(), withdrawn_by = $2, end_reason = 'withdrawn'
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

  /** Enrolment needs an active consent to the notice in force. */
  async assertActive(delegateId: string): Promise<void> {
    const active = await this.consents.findOne({ where: { delegateId, withdrawnAt: IsNull() } });
    if (!active) throw consentRequired();
    const notice = await this.notices.inForce();
    if (active.noticeVersion !== notice.version) {
      throw new DomainError(FaceErrorCode.NOTICE_VERSION_OUTDATED, `Agree to the notice in force (version ${notice.version}) first`, { given: active.noticeVersion, current: notice.version });
    }
  }

  /** The bodies the delegate belongs to: check-in at their meetings is the purpose agreed to. */
  private async purposesOf(delegateId: string): Promise<ConsentPurpose[]> {
    const rows = await this.dataSource.query<{ id: string; name: string }[]>(
      `SELECT b.id, b.name FROM body_members bm JOIN bodies b ON b.id = bm.body_id WHERE bm.delegate_id = $1 ORDER BY b.name`,
      [delegateId],
    );
    return rows.map((r) => ({ bodyId: r.id, bodyName: r.name }));
  }

  private async hasDescriptors(delegateId: string): Promise<boolean> {
    const rows = await this.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM face_descriptors WHERE delegate_id = $1`, [delegateId]);
    return (rows[0]?.n ?? 0) > 0;
  }

  async deleteDescriptors(em: EntityManager, delegateId: string): Promise<number> {
    const rows = await em.query<{ id: string }[]>(`WITH d AS (DELETE FROM face_descriptors WHERE delegate_id = $1 RETURNING id) SELECT id FROM d`, [delegateId]);
    return rows.length;
  }

  async assertDelegate(delegateId: string): Promise<void> {
    if (!(await this.delegates.exists({ where: { id: delegateId } }))) throw DomainError.notFound('Delegate', delegateId);
  }
}

export function consentRequired(): DomainError {
  return new DomainError(FaceErrorCode.CONSENT_REQUIRED, 'No active biometric consent: no photo is accepted, check this delegate in manually');
}
