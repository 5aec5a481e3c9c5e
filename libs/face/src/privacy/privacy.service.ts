import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { AuditService } from '#audit';
import { APP_CONFIG, Clock, DomainError, ErrorCode, type AppConfig, type AuthUser } from '#core';
import { assertSelfOrAdmin } from '../common/face-access.js';
import { FaceConsentService } from '../consent/face-consent.service.js';
import { ConsentEndReason } from '../consent/face-consent.entity.js';
import { FaceGalleryEvents } from '../gallery/face-gallery.events.js';
import { requestDeadlines } from './privacy-deadlines.js';
import { PrivacyRequestEntity, PrivacyRequestKind, PrivacyRequestStatus } from './privacy-request.entity.js';
import { buildProcessingRecord, type ProcessingRecord } from './processing-record.js';

export interface PersonalDataExport {
  format: 'dien-hong.personal-data.v1';
  generatedAt: string;
  profile: Record<string, unknown>;
  bodies: { name: string; role: string | null; joinedAt: string }[];
  account: { username: string; role: string; createdAt: string } | null;
  consents: Record<string, unknown>[];
  biometrics: { descriptorCount: number; enrolments: { enrolledAt: string; keyVersion: number }[]; note: string };
  checkIns: { meetingTitle: string; meetingStart: string | null; status: string; method: string | null; checkedInAt: string | null }[];
  requests: { kind: string; status: string; requestedAt: string; completedAt: string | null }[];
}

export interface PrivacyRequestView {
  id: string;
  delegateId: string;
  delegateName: string;
  kind: PrivacyRequestKind;
  status: PrivacyRequestStatus;
  details: string | null;
  requestedAt: Date;
  responseDueAt: Date;
  dueAt: Date;
  overdue: boolean;
  completedAt: Date | null;
  outcome: string | null;
}

/**
 * The data subject's rights (Law 91/2025/QH15 Art. 4): a copy of everything held about them (never descriptor
 * bytes), erasure of biometric data at once, other requests to the admin with their deadlines; and the record of
 * processing for the admin. Every export and erasure is in the audit chain with its actor.
 */
@Injectable()
export class PrivacyService {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(PrivacyRequestEntity) private readonly requests: Repository<PrivacyRequestEntity>,
    private readonly consents: FaceConsentService,
    private readonly audit: AuditService,
    private readonly events: FaceGalleryEvents,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async exportData(user: AuthUser, delegateId: string, format: 'json' | 'pdf'): Promise<PersonalDataExport> {
    assertSelfOrAdmin(user, delegateId);
    await this.consents.assertDelegate(delegateId);
    const q = <T>(sql: string): Promise<T[]> => this.dataSource.query<T[]>(sql, [delegateId]);
    const [profile] = await q<Record<string, unknown>>(
      `SELECT id, full_name AS "fullName", title, organization, email, phone, has_voting_right AS "hasVotingRight", active, created_at AS "createdAt", updated_at AS "updatedAt" FROM delegates WHERE id = $1`,
    );
    const bodies = await q<{ name: string; role: string | null; joinedAt: Date }>(
      `SELECT b.name, bm.position AS role, bm.joined_at AS "joinedAt" FROM body_members bm JOIN bodies b ON b.id = bm.body_id WHERE bm.delegate_id = $1 ORDER BY b.name`,
    );
    const [account] = await q<{ username: string; role: string; createdAt: Date }>(`SELECT username, role, created_at AS "createdAt" FROM users WHERE delegate_id = $1 LIMIT 1`);
    const record = await this.consents.record(user, delegateId);
    const enrolments = await q<{ enrolledAt: Date; keyVersion: number }>(
      `SELECT created_at AS "enrolledAt", key_version AS "keyVersion" FROM face_descriptors WHERE delegate_id = $1 ORDER BY created_at`,
    );
    const checkIns = await q<{ meetingTitle: string; meetingStart: Date | null; status: string; method: string | null; checkedInAt: Date | null }>(
      `SELECT m.title AS "meetingTitle", m.starts_at AS "meetingStart", ar.status, ar.method, ar.checked_in_at AS "checkedInAt"
         FROM attendance_records ar JOIN meetings m ON m.id = ar.meeting_id WHERE ar.delegate_id = $1 ORDER BY ar.checked_in_at NULLS LAST`,
    );
    const reqs = await this.requests.find({ where: { delegateId }, order: { requestedAt: 'ASC' } });
    const now = this.clock.now();
    await this.dataSource.transaction(async (em) => {
      const saved = await em.save(
        em.create(PrivacyRequestEntity, {
          delegateId, kind: PrivacyRequestKind.Export, status: PrivacyRequestStatus.Done, details: null, requestedBy: user.id, requestedAt: now,
          ...requestDeadlines(now), completedAt: now, completedBy: user.id, outcome: `Đã cấp dữ liệu (${format.toUpperCase()}) / Data provided (${format.toUpperCase()})`,
        }),
      );
      await this.audit.append(
        { action: 'personal_data.exported', entityType: 'delegate', entityId: delegateId, actorId: user.id, actorRole: user.role, payload: { requestId: saved.id, format, includesBiometricMetadata: true } },
        em,
      );
    });
    const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);
    return {
      format: 'dien-hong.personal-data.v1',
      generatedAt: now.toISOString(),
      profile: profile ?? {},
      bodies: bodies.map((b) => ({ name: b.name, role: b.role, joinedAt: new Date(b.joinedAt).toISOString() })),
      account: account ? { username: account.username, role: account.role, createdAt: new Date(account.createdAt).toISOString() } : null,
      consents: record.consents.map((c) => ({ ...c })),
      biometrics: {
        descriptorCount: enrolments.length,
        enrolments: enrolments.map((e) => ({ enrolledAt: new Date(e.enrolledAt).toISOString(), keyVersion: Number(e.keyVersion) })),
        note: 'Vectơ đặc trưng khuôn mặt được mã hóa và không được xuất ra; ảnh không được lưu.',
      },
      checkIns: checkIns.map((c) => ({ meetingTitle: c.meetingTitle, meetingStart: iso(c.meetingStart), status: c.status, method: c.method, checkedInAt: iso(c.checkedInAt) })),
      requests: reqs.map((r) => ({ kind: r.kind, status: r.status, requestedAt: r.requestedAt.toISOString(), completedAt: iso(r.completedAt) })),
    };
  }

  /** Erasure of biometric data at once (Law 91/2025/QH15 Art. 14), in one transaction with its audit entry. */
  async eraseBiometrics(user: AuthUser, delegateId: string): Promise<{ requestId: string; descriptorsDeleted: number; consentEnded: boolean }> {
    assertSelfOrAdmin(user, delegateId);
    await this.consents.assertDelegate(delegateId);
    const now = this.clock.now();
    const result = await this.dataSource.transaction(async (em) => {
      const ended = await em.query<{ id: string }[]>(
        `WITH e AS (UPDATE face_consents SET withdrawn_at = $2, withdrawn_by = $3, end_reason = $4 WHERE delegate_id = $1 AND withdrawn_at IS NULL RETURNING id) SELECT id FROM e`,
        [delegateId, now, user.id, ConsentEndReason.Erasure],
      );
      const gone = await this.consents.deleteDescriptors(em, delegateId);
      const saved = await em.save(
        em.create(PrivacyRequestEntity, {
          delegateId, kind: PrivacyRequestKind.BiometricErasure, status: PrivacyRequestStatus.Done, details: null, requestedBy: user.id, requestedAt: now,
          ...requestDeadlines(now), completedAt: now, completedBy: user.id, outcome: `${gone} descriptors deleted`,
        }),
      );
      await this.audit.append(
        { action: 'face_biometrics.erased', entityType: 'delegate', entityId: delegateId, actorId: user.id, actorRole: user.role, payload: { requestId: saved.id, descriptorsDeleted: gone, consentId: ended[0]?.id ?? null } },
        em,
      );
      return { requestId: saved.id, descriptorsDeleted: gone, consentEnded: ended.length > 0 };
    });
    this.events.emit({ delegateId, kind: 'removed' });
    return result;
  }

  /** A request the admin handles (correction, restriction, objection, erasure of the profile), with its deadlines. */
  async fileRequest(user: AuthUser, delegateId: string, kind: PrivacyRequestKind, details: string): Promise<PrivacyRequestView> {
    assertSelfOrAdmin(user, delegateId);
    await this.consents.assertDelegate(delegateId);
    if (kind === PrivacyRequestKind.Export || kind === PrivacyRequestKind.BiometricErasure) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, `${kind} is done at once through its own route`);
    }
    const now = this.clock.now();
    const saved = await this.dataSource.transaction(async (em) => {
      const row = await em.save(
        em.create(PrivacyRequestEntity, {
          delegateId, kind, status: PrivacyRequestStatus.Pending, details, requestedBy: user.id, requestedAt: now,
          ...requestDeadlines(now), completedAt: null, completedBy: null, outcome: null,
        }),
      );
      await this.audit.append({ action: 'privacy_request.filed', entityType: 'delegate', entityId: delegateId, actorId: user.id, actorRole: user.role, payload: { requestId: row.id, kind } }, em);
      return row;
    });
    return (await this.list({ id: saved.id }))[0];
  }

  async resolve(user: AuthUser, id: string, status: PrivacyRequestStatus.Done | PrivacyRequestStatus.Rejected, outcome: string): Promise<PrivacyRequestView> {
    const now = this.clock.now();
    await this.dataSource.transaction(async (em) => {
      const rows = await em.query<{ delegate_id: string }[]>(
        `WITH u AS (UPDATE privacy_requests SET status = $2, outcome = $3, completed_at = $4, completed_by = $5 WHERE id = $1 AND status = 'pending' RETURNING delegate_id) SELECT delegate_id FROM u`,
        [id, status, outcome, now, user.id],
      );
      if (rows.length === 0) throw DomainError.notFound('Pending privacy request', id);
      await this.audit.append({ action: 'privacy_request.resolved', entityType: 'delegate', entityId: rows[0].delegate_id, actorId: user.id, actorRole: user.role, payload: { requestId: id, status } }, em);
    });
    return (await this.list({ id }))[0];
  }

  async list(filter: { id?: string; delegateId?: string; pendingOnly?: boolean }): Promise<PrivacyRequestView[]> {
    const rows = await this.dataSource.query<(PrivacyRequestEntity & { delegate_name: string })[]>(
      `SELECT pr.id, pr.delegate_id AS "delegateId", d.full_name AS delegate_name, pr.kind, pr.status, pr.details, pr.requested_at AS "requestedAt",
              pr.response_due_at AS "responseDueAt", pr.due_at AS "dueAt", pr.completed_at AS "completedAt", pr.outcome
         FROM privacy_requests pr JOIN delegates d ON d.id = pr.delegate_id
        WHERE ($1::uuid IS NULL OR pr.id = $1) AND ($2::uuid IS NULL OR pr.delegate_id = $2) AND (NOT $3 OR pr.status = 'pending')
        ORDER BY (pr.status = 'pending') DESC, pr.due_at ASC, pr.requested_at DESC
        LIMIT 500`,
      [filter.id ?? null, filter.delegateId ?? null, filter.pendingOnly ?? false],
    );
    const now = this.clock.now().getTime();
    return rows.map((r) => ({
      id: r.id,
      delegateId: r.delegateId,
      delegateName: r.delegate_name,
      kind: r.kind,
      status: r.status,
      details: r.details,
      requestedAt: new Date(r.requestedAt),
      responseDueAt: new Date(r.responseDueAt),
      dueAt: new Date(r.dueAt),
      overdue: r.status === PrivacyRequestStatus.Pending && new Date(r.dueAt).getTime() < now,
      completedAt: r.completedAt ? new Date(r.completedAt) : null,
      outcome: r.outcome,
    }));
  }

  async mine(user: AuthUser, delegateId: string): Promise<PrivacyRequestView[]> {
    assertSelfOrAdmin(user, delegateId);
    return this.list({ delegateId });
  }

  async processingRecord(user: AuthUser, format: 'json' | 'pdf'): Promise<ProcessingRecord> {
    const record = buildProcessingRecord(this.config, this.clock.now());
    await this.audit.append({ action: 'processing_record.exported', entityType: 'privacy', entityId: 'processing-record', actorId: user.id, actorRole: user.role, payload: { format } });
    return record;
  }
}
