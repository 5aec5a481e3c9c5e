import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '#audit';
import { DomainError, type AuthUser } from '#core';
import { assertCanReadStatus, assertSelfOrAdmin } from '../common/face-access.js';
import { FaceErrorCode } from '../common/face-error.js';
import { toFaceDomainError } from '../face.errors.js';
import { FaceConsentService } from '../consent/face-consent.service.js';
import { FaceEngineHolder } from '../engine/face-engine.holder.js';
import { selectEnrollmentFace } from '../engine/face-quality.gate.js';
import type { DetectedFace } from '../engine/face.types.js';
import { FaceGalleryEvents } from '../gallery/face-gallery.events.js';
import type { DeleteEnrolmentView, EnrolmentResultView, FaceEnrolmentStatusView } from './enrolment.dto.js';
import { FaceDescriptorEntity } from './face-descriptor.entity.js';

/** Photos per enrolment. A new enrolment REPLACES the previous descriptors: the set always comes from one session. */
export const MAX_ENROLMENT_PHOTOS = 5;

export interface EnrolmentPhoto {
  buffer: Buffer;
  originalname?: string;
}

/**
 * Enrolment: 1-5 photos, each through the quality gates (exactly one face, box >= 80 px, score >= 0.6), then only
 * the encrypted descriptors are stored; the photos are dropped when the request ends.
 */
@Injectable()
export class EnrolFaceUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly engine: FaceEngineHolder,
    private readonly consents: FaceConsentService,
    private readonly audit: AuditService,
    private readonly events: FaceGalleryEvents,
  ) {}

  async enrol(user: AuthUser, delegateId: string, photos: EnrolmentPhoto[]): Promise<EnrolmentResultView> {
    assertSelfOrAdmin(user, delegateId);
    await this.consents.assertDelegate(delegateId);
    // consent first: without it no photo is even looked at
    await this.consents.assertActive(delegateId);
    if (photos.length === 0) throw new DomainError(FaceErrorCode.PHOTOS_REQUIRED, `Send 1-${MAX_ENROLMENT_PHOTOS} photos in the multipart field "photos"`);
    if (photos.length > MAX_ENROLMENT_PHOTOS) throw new DomainError(FaceErrorCode.TOO_MANY_PHOTOS, `At most ${MAX_ENROLMENT_PHOTOS} photos`);

    const faces: DetectedFace[] = [];
    // one photo after the other: the pool serves kiosks too, and the first failing photo is the one named
    for (const [index, photo] of photos.entries()) {
      try {
        const { faces: found } = await this.engine.detect(photo.buffer);
        faces.push(selectEnrollmentFace(found));
      } catch (err: unknown) {
        throw toFaceDomainError(err, { photo: index, ...(photo.originalname ? { filename: photo.originalname.slice(0, 200) } : {}) });
      }
    }
    const cipher = await this.engine.descriptorCipher();
    const replaced = await this.dataSource.transaction(async (em) => {
      // locks the consent row: a withdrawal running now waits, then deletes what this stores
      const consentId = await this.consents.lockActive(em, delegateId);
      const gone = await this.consents.deleteDescriptors(em, delegateId);
      await em.insert(
        FaceDescriptorEntity,
        faces.map((f) => ({
          delegateId,
          consentId,
          descriptor: cipher.encrypt(f.descriptor),
          keyVersion: cipher.version,
          detectionScore: f.score,
        })),
      );
      await this.audit.append(
        {
          action: 'face_enrolment.created',
          entityType: 'delegate',
          entityId: delegateId,
          actorId: user.id,
          actorRole: user.role,
          payload: { photos: faces.length, replaced: gone, keyVersion: cipher.version },
        },
        em,
      );
      return gone;
    });
    this.events.emit({ delegateId, kind: 'enrolled' });
    return { ...(await this.read(delegateId)), replaced };
  }

  async status(user: AuthUser, delegateId: string): Promise<FaceEnrolmentStatusView> {
    assertCanReadStatus(user, delegateId);
    await this.consents.assertDelegate(delegateId);
    return this.read(delegateId);
  }

  async remove(user: AuthUser, delegateId: string): Promise<DeleteEnrolmentView> {
    assertSelfOrAdmin(user, delegateId);
    await this.consents.assertDelegate(delegateId);
    const deleted = await this.dataSource.transaction(async (em) => {
      const gone = await this.consents.deleteDescriptors(em, delegateId);
      if (gone > 0) {
        await this.audit.append(
          { action: 'face_enrolment.deleted', entityType: 'delegate', entityId: delegateId, actorId: user.id, actorRole: user.role, payload: { descriptorsDeleted: gone } },
          em,
        );
      }
      return gone;
    });
    this.events.emit({ delegateId, kind: 'removed' });
    return { ...(await this.read(delegateId)), descriptorsDeleted: deleted };
  }

  private async read(delegateId: string): Promise<FaceEnrolmentStatusView> {
    const [row] = await this.dataSource.query<{ n: number; at: Date | null; consent: boolean }[]>(
      `SELECT (SELECT count(*)::int FROM face_descriptors WHERE delegate_id = $1) AS n,
              (SELECT max(created_at) FROM face_descriptors WHERE delegate_id = $1) AS at,
              EXISTS (SELECT 1 FROM face_consents WHERE delegate_id = $1 AND withdrawn_at IS NULL) AS consent`,
      [delegateId],
    );
    return { delegateId, consentActive: row.consent, descriptors: row.n, enrolledAt: row.at ? new Date(row.at) : null, maxPhotos: MAX_ENROLMENT_PHOTOS };
  }
}
